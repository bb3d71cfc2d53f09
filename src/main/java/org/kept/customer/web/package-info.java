/** The customer API: create, get, search, reveal a masked value with a reason. */
package org.kept.customer.web;
