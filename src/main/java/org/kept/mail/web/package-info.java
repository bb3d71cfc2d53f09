/** The mailbox administration page and the ticket's mails API. */
package org.kept.mail.web;
