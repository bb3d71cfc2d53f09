/** The after-sales API, the providers' refund notifications, the ticket's orders panel and the reconciliation page. */
package org.kept.aftersales.web;
