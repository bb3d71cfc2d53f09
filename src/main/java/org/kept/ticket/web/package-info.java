/** The ticket API and the customer-history API, with personal data masked at this edge. */
package org.kept.ticket.web;
