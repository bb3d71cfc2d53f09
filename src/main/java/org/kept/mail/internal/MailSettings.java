package org.kept.mail.internal;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The {@code kept.mail.*} settings. */
@Component
class MailSettings {

    /** Our mail domain: the right side of every Message-ID we make, so our own mail coming back is recognised. */
    final String domain;
    final Duration reopenWindow;
    final int automaticPerDay;
    final String signature;
    final boolean autoAck;

    MailSettings(@Value("${kept.mail.domain:kept.local}") String domain,
                 @Value("${kept.mail.reopen-window:P14D}") Duration reopenWindow,
                 @Value("${kept.mail.automatic-per-address-per-day:40}") int automaticPerDay,
                 @Value("${kept.mail.signature:}") String signature,
                 @Value("${kept.mail.auto-ack:true}") boolean autoAck) {
        this.domain = domain;
        this.reopenWindow = reopenWindow;
        this.automaticPerDay = automaticPerDay;
        this.signature = signature;
        this.autoAck = autoAck;
    }

    /** Our Message-ID for an outbox row: derived from its key, so a resend after a crash carries the same id. */
    String messageId(String outboxKey) {
        return "<" + outboxKey + "@" + domain + ">";
    }

    boolean ours(String messageId) {
        return messageId != null && messageId.endsWith("@" + domain + ">") && messageId.startsWith("<kept-");
    }
}
