package org.kept.phone.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.kept.contact.Direction;
import org.kept.shared.KeptException;

/**
 * One event as a PBX posts it (the generic CTI shape Zammad documented: event, callId, from, to, direction, user,
 * queue, cause), plus {@code timestamp} (ISO-8601; the time received when absent), {@code hangupBy} (caller or
 * agent) and the recording's {@code recordingUri} and {@code recordingSha256}.
 */
public record CallEvent(String event, String callId, String from, String to, Direction direction, String user,
                        String queue, String cause, String hangupBy, Instant at, String recordingUri,
                        String recordingSha256) {

    public static final List<String> EVENTS = List.of("newCall", "transfer", "answer", "hold", "unhold", "hangup");
    public static final Set<String> CAUSES = Set.of("normalClearing", "busy", "cancel", "noAnswer", "congestion",
            "notFound", "forwarded");

    /** Reads and checks a posted event; every wrong field is named at once (422), nothing is written. */
    public static CallEvent parse(Map<String, Object> body, Instant received) {
        List<KeptException.Field> wrong = new ArrayList<>();
        String event = text(body, "event", 16);
        if (event == null || !EVENTS.contains(event)) {
            wrong.add(new KeptException.Field("event", "phone.error.event", String.valueOf(event)));
        }
        String callId = text(body, "callId", 250);
        if (callId == null || callId.isBlank()) {
            wrong.add(new KeptException.Field("callId", "phone.error.callId"));
        }
        Direction direction = null;
        String dir = text(body, "direction", 16);
        if (dir != null) {
            switch (dir.toLowerCase(Locale.ROOT)) {
                case "in", "inbound" -> direction = Direction.INBOUND;
                case "out", "outbound" -> direction = Direction.OUTBOUND;
                default -> wrong.add(new KeptException.Field("direction", "phone.error.direction", dir));
            }
        }
        String cause = text(body, "cause", 20);
        if (cause != null && !CAUSES.contains(cause)) {
            wrong.add(new KeptException.Field("cause", "phone.error.cause", cause));
        }
        String hangupBy = text(body, "hangupBy", 10);
        if (hangupBy != null && !Set.of("caller", "agent").contains(hangupBy)) {
            wrong.add(new KeptException.Field("hangupBy", "phone.error.hangupBy", hangupBy));
        }
        Instant at = received;
        String timestamp = text(body, "timestamp", 40);
        if (timestamp != null) {
            try {
                at = OffsetDateTime.parse(timestamp).toInstant();
            } catch (DateTimeParseException e) {
                wrong.add(new KeptException.Field("timestamp", "phone.error.timestamp", timestamp));
            }
        }
        String sha = text(body, "recordingSha256", 64);
        if (sha != null && !sha.matches("[0-9a-fA-F]{64}")) {
            wrong.add(new KeptException.Field("recordingSha256", "phone.error.sha256"));
        }
        for (String field : List.of("from", "to", "user", "queue", "recordingUri")) {
            Object v = body.get(field);
            if (v != null && !(v instanceof String || v instanceof Number || v instanceof List)) {
                wrong.add(new KeptException.Field(field, "phone.error.field", field));
            }
        }
        if (!wrong.isEmpty()) {
            throw KeptException.invalid(wrong);
        }
        return new CallEvent(event, callId.strip(), text(body, "from", 64), text(body, "to", 64), direction,
                text(body, "user", 100), text(body, "queue", 100), cause, hangupBy, at, text(body, "recordingUri", 1000),
                sha == null ? null : sha.toLowerCase(Locale.ROOT));
    }

    /** A string field, cut to its column; Zammad's user[] list gives its first name. */
    private static String text(Map<String, Object> body, String field, int max) {
        Object v = body.get(field);
        if (v instanceof List<?> list) {
            v = list.isEmpty() ? null : list.get(0);
        }
        if (v == null) {
            return null;
        }
        String s = v.toString().strip();
        if (s.isEmpty()) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max);
    }
}
