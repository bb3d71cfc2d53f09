package org.kept.mail.internal;

import java.time.Instant;
import java.util.List;

/**
 * One mail as the parser read it: headers decoded, the new text apart from the quoted history, HTML sanitized,
 * attachments that passed the checks, and what the loop and bounce checks need.
 */
record ParsedMail(String messageId, String inReplyTo, List<String> references, String subject, String from,
                  String fromName, List<String> recipients, Instant sentAt, String text, String quoted, String html,
                  List<Attachment> attachments, List<String> refused, Headers headers, Bounce bounce) {

    /** An attachment or inline image that passed the size and type checks. */
    record Attachment(String fileName, String contentType, byte[] data, String contentId) {
    }

    /** The headers the loop checks read, lower-cased values, null when absent. */
    record Headers(String autoSubmitted, String precedence, String xLoop, String autoResponseSuppress, boolean listHeaders,
                   String returnPath, boolean returnPathPresent, boolean exchangeOutOfOffice) {
    }

    /** A delivery status report: the status (5.1.1), the address that failed and the Message-ID it bounces. */
    record Bounce(String status, String recipient, String originalMessageId) {
        boolean permanent() {
            return status != null && status.startsWith("5.");
        }
    }
}
