/** Customers (客户): names, contact points as E.164 phones and emails, tiers, notes. */
package org.kept.customer;
