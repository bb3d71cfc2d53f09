/** Contacts (来电、短信、邮件、会话): one record per call or message, whatever the channel, on the ticket's and the customer's timeline. */
package org.kept.contact;
