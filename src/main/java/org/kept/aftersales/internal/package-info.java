/** How orders, cases and refunds are stored, how refunds reach the payment providers and how their bills are matched. */
package org.kept.aftersales.internal;
