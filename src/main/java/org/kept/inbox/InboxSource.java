package org.kept.inbox;

import java.util.List;
import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.kept.ticket.Channel;

/**
 * A channel's conversations as the agent's inbox shows them. Each written channel (chat, mail, WeChat and Weibo)
 * implements it; the inbox gathers them and keeps the read marks. Everything a source returns is already masked for
 * the reader (an outsourced agent never sees a full address or number in a header, a quoted reply or a file name).
 */
public interface InboxSource {

    /** The channels this source answers for. */
    List<Channel> channels();

    /** The conversations the agent holds (assigned to them or accepted by them), newest activity first. */
    List<InboxLine> lines(CurrentUser agent);

    /** One of the agent's conversations with its messages, oldest first; empty when it is not theirs. */
    Optional<InboxThread> thread(Channel channel, String reference, CurrentUser agent);

    /**
     * The agent's answer in the conversation, sent back through its channel (in the caller's transaction); returns the
     * id of what it wrote (the chat message, the ticket's reply), which an Idempotency-Key remembers.
     */
    long reply(Channel channel, String reference, String text, CurrentUser agent);

    /** The open tickets the agent holds, last updated first (mail and social conversations are tickets). */
    static List<org.kept.ticket.TicketSummary> ticketsHeldBy(org.kept.ticket.Tickets tickets, CurrentUser agent) {
        return tickets.list(new org.kept.ticket.TicketFilter(org.kept.ticket.TicketState.ACTIVE, null, agent.id(), false,
                null, null, null, null, "-updated"), 0, 100).items();
    }
}
