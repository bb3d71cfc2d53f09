package org.kept.inbox.internal;

import org.kept.inbox.InboxPush;
import org.kept.ticket.TicketChange;
import org.kept.ticket.TicketChanged;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Pushes to the agent holding a ticket when its conversation changes in a way their inbox shows: the customer wrote
 * (a mail, a WeChat or Weibo message joined the ticket), the ticket was assigned to them, or its state changed (a
 * resolved ticket leaves the list). Chats push their own messages ({@code chat-message}); their ticket's assignment
 * comes through here too. Sent after the ticket's commit, by the contact module's relay.
 */
@Component
class InboxNews {

    private final Tickets tickets;
    private final InboxPush push;

    InboxNews(Tickets tickets, InboxPush push) {
        this.tickets = tickets;
        this.push = push;
    }

    @EventListener
    void on(TicketChanged changed) {
        TicketChange c = changed.change();
        InboxPush.Why why = c instanceof TicketChange.Replied r && r.byCustomer() ? InboxPush.Why.MESSAGE
                : c instanceof TicketChange.Assigned || c instanceof TicketChange.StateChanged ? InboxPush.Why.ASSIGNED
                : null;
        if (why == null) {
            return;
        }
        TicketView t = changed.ticket() != null ? changed.ticket() : tickets.find(changed.ticketId()).orElse(null);
        if (t != null && t.assigneeId() != null) {
            push.ticket(t.assigneeId(), t.id(), why);
        }
    }
}
