package org.kept.mail.internal;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox payload of one mail. {@code kind} REPLY carries the agent's words; ACK is rendered when sent, so it names
 * the deadline the SLA clock has by then.
 */
record OutgoingMail(String kind, long ticketId, String from, String to, String subject, String body, String inReplyTo,
                    List<String> references, String locale) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    String json() {
        return JSON.writeValueAsString(this);
    }

    static OutgoingMail of(String json) {
        return JSON.readValue(json, OutgoingMail.class);
    }
}
