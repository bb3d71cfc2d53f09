package org.kept.inbox;

import org.kept.contact.Push;
import org.springframework.stereotype.Component;

/**
 * Tells an agent's open inbox pages that something in their inbox changed, through the project's server push (so it
 * reaches them on whichever instance they are connected to, after the commit): a customer's new message, a
 * conversation assigned to them, one read on another page, a reply window that closed. The page then reloads its list
 * and unread counts (and the open conversation when it is the one named); it does not poll.
 * <p>
 * The event is {@value #EVENT}, its data {@code {"open":"CHANNEL:reference","why":"…"}} or, when the channel is not
 * known to the sender, {@code {"ticket":id,"why":"…"}}.
 */
@Component
public class InboxPush {

    /** The push event's name. */
    public static final String EVENT = "inbox";

    /** Why the inbox changed. */
    public enum Why {
        /** a customer's message came in */
        MESSAGE,
        /** a conversation was assigned to the agent (or left them) */
        ASSIGNED,
        /** the agent read it (on this or another page) or answered it */
        READ,
        /** whether the conversation takes an answer changed (a reply window closed or opened) */
        WINDOW
    }

    private final Push push;

    InboxPush(Push push) {
        this.push = push;
    }

    /** One conversation named as the inbox names it ({@code CHANNEL:reference}) changed for the agent. */
    public void conversation(long agentId, String open, Why why) {
        push.toUser(agentId, EVENT, "{\"open\":\"" + json(open) + "\",\"why\":\"" + why.name() + "\"}");
    }

    /** The conversation on this ticket (mail, WeChat, Weibo, or a chat's ticket) changed for the agent. */
    public void ticket(long agentId, long ticketId, Why why) {
        push.toUser(agentId, EVENT, "{\"ticket\":" + ticketId + ",\"why\":\"" + why.name() + "\"}");
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
