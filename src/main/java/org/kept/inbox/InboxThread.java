package org.kept.inbox;

import java.time.Instant;
import java.util.List;

/**
 * A conversation's messages, masked for the reader; {@code canReply} false when the channel takes no answer now;
 * {@code lastContactId} the customer's latest contact in it (what the agent marks when it was abusive), or null.
 * {@code closedWhy}, when the channel takes no answer, names the message that says why (a messages key taking
 * {@code replyNote} as its argument, e.g. the follower unfollowed at that time); null for the general sentence.
 */
public record InboxThread(InboxLine line, List<Message> messages, boolean canReply, String replyNote, Long lastContactId,
                          String closedWhy) {

    public InboxThread(InboxLine line, List<Message> messages, boolean canReply, String replyNote, Long lastContactId) {
        this(line, messages, canReply, replyNote, lastContactId, null);
    }

    /** One message: {@code fromCustomer} or the centre's; {@code quoted} the folded earlier mail, {@code files} names. */
    public record Message(boolean fromCustomer, String author, Instant at, String subject, String text, String quoted,
                          List<String> files) {
    }
}
