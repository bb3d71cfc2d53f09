package org.kept.phone;

import java.time.Instant;
import java.util.Optional;

/**
 * An extension point for other modules: when a PBX reports a new inbound call, the phone module asks every advisor
 * bean in order ({@code @Order}) and answers the PBX with the first advice given (e.g. out of hours: play a prompt,
 * then hang up or queue elsewhere). Advisors must be quick and must not fail the call: an exception is logged and the
 * next advisor is asked.
 */
public interface NewCallAdvisor {

    Optional<Advice> advise(NewCall call);

    /** The call as the PBX announced it: {@code from} in E.164 when it is a number, {@code queue} as the PBX names it. */
    record NewCall(long callRecordId, String callId, String from, String to, String queue, Long customerId, Instant at) {
    }

    /**
     * What the PBX should do: {@code action} "play" a {@code prompt} (text to speak or the PBX's prompt name), then
     * {@code then} "hangup" or "queue" (to {@code queue}); {@code by} names the advisor, for the record.
     */
    record Advice(String action, String prompt, String then, String queue, String by) {

        public static Advice playThenHangup(String prompt, String by) {
            return new Advice("play", prompt, "hangup", null, by);
        }

        public static Advice playThenQueue(String prompt, String queue, String by) {
            return new Advice("play", prompt, "queue", queue, by);
        }
    }
}
