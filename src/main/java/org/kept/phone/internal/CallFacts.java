package org.kept.phone.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.kept.contact.Direction;

/**
 * What a call's events add up to. Computed from all distinct events sorted by time, so the same events give the same
 * facts whatever order they arrived in and however often: the first answer and the first hangup count, hold time is
 * the sum of hold→unhold spans (an unclosed hold ends with the hangup).
 */
record CallFacts(String state, Instant startedAt, Instant ringStartedAt, Instant answeredAt, Instant endedAt,
                 String queue, String agentRef, Integer queueSeconds, Integer ringSeconds, Integer waitSeconds,
                 Integer talkSeconds, int holdSeconds, String cause, String hungUpBy, int transfers,
                 String recordingUri, String recordingSha256) {

    static CallFacts of(List<StoredEvent> unordered, Instant firstSeen, Direction direction) {
        List<StoredEvent> events = unordered.stream()
                .sorted(Comparator.comparing(StoredEvent::at).thenComparingInt(StoredEvent::rank)).toList();
        Instant start = null;
        Instant ring = null;
        Instant answer = null;
        Instant hangup = null;
        String queue = null;
        String agent = null;
        String cause = null;
        String hungUpBy = null;
        String uri = null;
        String sha = null;
        int transfers = 0;
        long hold = 0;
        Instant heldSince = null;
        for (StoredEvent e : events) {
            if (queue == null && e.queue() != null) {
                queue = e.queue();
            }
            if (e.recordingUri() != null) {
                uri = e.recordingUri();
                sha = e.recordingSha256();
            }
            switch (e.event()) {
                case "newCall" -> {
                    if (start == null) {
                        start = e.at();
                    }
                    if (e.agentRef() != null && ring == null && answer == null) {
                        ring = e.at();
                    }
                }
                case "transfer" -> transfers++;
                case "answer" -> {
                    if (answer == null) {
                        answer = e.at();
                    }
                }
                case "hold" -> {
                    if (heldSince == null && hangup == null) {
                        heldSince = e.at();
                    }
                }
                case "unhold" -> {
                    if (heldSince != null) {
                        hold += Duration.between(heldSince, e.at()).toSeconds();
                        heldSince = null;
                    }
                }
                case "hangup" -> {
                    if (hangup == null) {
                        hangup = e.at();
                        cause = e.cause();
                        hungUpBy = e.hungUpBy();
                    }
                }
                default -> {
                }
            }
            if (e.agentRef() != null && (hangup == null || e.at().isBefore(hangup) || e.event().equals("hangup"))) {
                agent = e.agentRef();
            }
        }
        if (heldSince != null && hangup != null) {
            hold += Duration.between(heldSince, hangup).toSeconds();
        }
        if (start == null) {
            // the newCall has not arrived (yet): the earliest event we have starts the call
            start = events.isEmpty() ? firstSeen : events.get(0).at();
        }
        if (hungUpBy == null && "cancel".equals(cause)) {
            hungUpBy = direction == Direction.INBOUND ? "caller" : "agent";
        }
        Instant stopWaiting = answer != null ? answer : hangup;
        Integer queueSeconds = queue == null ? null : seconds(start, ring != null ? ring : stopWaiting);
        Integer ringSeconds = ring == null ? null : seconds(ring, stopWaiting);
        Integer waitSeconds = seconds(start, stopWaiting);
        Integer talkSeconds = answer == null || hangup == null ? null
                : (int) Math.max(0, Duration.between(answer, hangup).toSeconds() - hold);
        String state = hangup != null ? "ENDED" : answer != null ? "ANSWERED" : ring != null ? "RINGING" : "QUEUED";
        return new CallFacts(state, start, ring, answer, hangup, queue, agent, queueSeconds, ringSeconds, waitSeconds,
                talkSeconds, (int) hold, cause, hungUpBy, transfers, uri, sha);
    }

    private static Integer seconds(Instant from, Instant to) {
        return from == null || to == null ? null : (int) Math.max(0, Duration.between(from, to).toSeconds());
    }

    /**
     * The contact's outcome: ANSWERED; an inbound call that hung up in a queue is ABANDONED (放弃); otherwise the
     * hangup cause says why nobody talked (BUSY, NO_ANSWER, CANCEL …), and null while the call is still on.
     */
    String outcome(Direction direction) {
        if (answeredAt != null) {
            return "ANSWERED";
        }
        if (endedAt == null) {
            return null;
        }
        if (abandoned(direction)) {
            return "ABANDONED";
        }
        return cause == null || cause.equals("normalClearing") ? "MISSED"
                : cause.replaceAll("([A-Z])", "_$1").toUpperCase(java.util.Locale.ROOT);
    }

    /** Hung up while waiting in a queue, never answered: a callback task's matter. */
    boolean abandoned(Direction direction) {
        return direction == Direction.INBOUND && endedAt != null && answeredAt == null && queue != null
                && !"forwarded".equals(cause);
    }
}
