package org.kept.mail.internal;

/** A mailbox the centre receives mail in: its category and team for new tickets, and IMAP settings when polled. */
record Mailbox(long id, String address, String category, Long teamId, String imapHost, Integer imapPort, String imapUser,
               String imapPassword, String imapFolder, boolean imapSsl, boolean autoAck, boolean enabled) {

    boolean polled() {
        return enabled && imapHost != null && !imapHost.isBlank();
    }
}
