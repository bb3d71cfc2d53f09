package org.kept.routing;

import java.time.Instant;
import org.kept.ticket.Channel;

/**
 * Other modules hand written work (chats, emails, WeChat messages) to routing here; routing offers it to one agent at a
 * time and announces the agent who took it with {@link WorkAssigned}.
 */
public interface Routing {

    /**
     * Puts work in a queue (by the queue's code), or, out of the queue's hours, answers with the time it opens again
     * (the channel sends {@link Submission#answer()} to the customer) or queues it in the emergency night queue, as the
     * queue is configured. A repeated reference on the same channel returns the work already queued.
     */
    Submission submit(WorkRequest request);

    /** Whether a queue with this code exists (a channel checks the queue it is configured with before submitting). */
    boolean hasQueue(String code);

    /** The work is done (the chat ended, the email was answered): the agent's capacity is free again. */
    void finish(Channel channel, String reference);

    /** The customer left before anyone took it. */
    void cancel(Channel channel, String reference);

    /** {@code tier} is the customer's tier name (e.g. VIP) or null; {@code priority} higher first. */
    record WorkRequest(Channel channel, String queue, String reference, int priority, String tier) {
    }

    /** What happened to submitted work: QUEUED (itemId in {@code queue}) or CLOSED (answer and backAt, nothing queued). */
    record Submission(Outcome outcome, Long itemId, String queue, Instant backAt, String answer) {
    }

    enum Outcome {
        QUEUED, CLOSED
    }
}
