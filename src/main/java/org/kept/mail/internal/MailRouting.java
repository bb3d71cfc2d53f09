package org.kept.mail.internal;

import org.kept.customer.Customer;
import org.kept.inbox.References;
import org.kept.routing.Routing;
import org.kept.routing.WorkAssigned;
import org.kept.ticket.Channel;
import org.kept.ticket.TicketChange;
import org.kept.ticket.TicketChanged;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Mail through routing: a mail that starts a conversation, or comes in on a ticket nobody holds, is submitted to its
 * mailbox's queue; the agent who accepts the offer gets the ticket; their first reply by mail frees the slot.
 * The reference is the ticket ("ticket:42"): one piece of email work per conversation.
 */
@Component
class MailRouting {

    private static final Logger log = LoggerFactory.getLogger(MailRouting.class);

    private final Routing routing;
    private final MailStore store;
    private final Tickets tickets;
    private final MailActors actors;

    MailRouting(Routing routing, MailStore store, Tickets tickets, MailActors actors) {
        this.routing = routing;
        this.store = store;
        this.tickets = tickets;
        this.actors = actors;
    }

    static String reference(long ticketId) {
        return References.of(References.TICKET, ticketId);
    }

    static Long ticketOf(String reference) {
        return References.idOf(References.TICKET, reference);
    }

    /** A customer's mail was stored on {@code ticket}: it needs an agent when it is new or nobody holds the ticket. */
    void received(Mailbox box, TicketView ticket, boolean created, Customer customer) {
        if (box == null || (!created && ticket.assigneeId() != null)) {
            return;
        }
        String queue = store.routingQueue(box.id()).orElse(null);
        if (queue == null || queue.isBlank()) {
            return;
        }
        if (!routing.hasQueue(queue)) {
            log.warn("Mailbox {} names routing queue {}, which does not exist; the ticket waits in its team's queue", box.id(), queue);
            return;
        }
        routing.submit(new Routing.WorkRequest(Channel.EMAIL, queue, reference(ticket.id()), 0,
                customer.tier() == null ? null : customer.tier().name()));
    }

    /** The agent accepted the offer: the ticket is theirs (in its team). */
    @EventListener
    void on(WorkAssigned work) {
        Long ticketId = work.channel() == Channel.EMAIL ? ticketOf(work.reference()) : null;
        if (ticketId == null) {
            return;
        }
        TicketView t = tickets.find(ticketId).orElse(null);
        if (t == null) {
            routing.finish(Channel.EMAIL, work.reference());
            return;
        }
        if (!Long.valueOf(work.agentId()).equals(t.assigneeId())) {
            tickets.assign(t, t.teamId(), work.agentId(), actors.channel());
        }
    }

    /** An agent answered by mail (or the ticket was answered anyway): the email work is done. */
    @EventListener
    void onReply(TicketChanged changed) {
        if (changed.change() instanceof TicketChange.Replied reply && !reply.byCustomer()
                && store.lastInbound(changed.ticketId()).isPresent()) {
            routing.finish(Channel.EMAIL, reference(changed.ticketId()));
        }
    }
}
