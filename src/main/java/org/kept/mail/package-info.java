/** Email (邮件渠道): mailboxes, inbound by IMAP and SMTP, threading, loop and bounce handling, replies by SMTP through the outbox. */
package org.kept.mail;
