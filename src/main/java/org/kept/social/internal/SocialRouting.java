package org.kept.social.internal;

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
 * WeChat and Weibo messages through routing: one that starts a conversation, or comes in on a ticket nobody holds,
 * is submitted to the account's queue; the agent who accepts gets the ticket; their reply frees the slot. The
 * reference is the ticket ("ticket:42") on the platform's channel.
 */
@Component
class SocialRouting {

    private static final Logger log = LoggerFactory.getLogger(SocialRouting.class);

    private final Routing routing;
    private final SocialStore store;
    private final Tickets tickets;
    private final SocialActors actors;

    SocialRouting(Routing routing, SocialStore store, Tickets tickets, SocialActors actors) {
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

    /** A follower's message was stored on {@code ticket}: it needs an agent when it is new or nobody holds the ticket. */
    void received(SocialAccount account, TicketView ticket, boolean created, String tier) {
        if (!created && ticket.assigneeId() != null) {
            return;
        }
        String queue = store.routingQueue(account.id()).orElse(null);
        if (queue == null) {
            return;
        }
        if (!routing.hasQueue(queue)) {
            log.warn("Account {} names routing queue {}, which does not exist; the ticket waits in its team's queue",
                    account.id(), queue);
            return;
        }
        routing.submit(new Routing.WorkRequest(account.platform(), queue, reference(ticket.id()), 0, tier));
    }

    @EventListener
    void on(WorkAssigned work) {
        Long ticketId = work.channel() == Channel.WECHAT || work.channel() == Channel.WEIBO ? ticketOf(work.reference()) : null;
        if (ticketId == null) {
            return;
        }
        TicketView t = tickets.find(ticketId).orElse(null);
        if (t == null) {
            routing.finish(work.channel(), work.reference());
        } else if (!Long.valueOf(work.agentId()).equals(t.assigneeId())) {
            tickets.assign(t, t.teamId(), work.agentId(), actors.channel());
        }
    }

    /** An agent answered the follower: the written work is done. */
    @EventListener
    void onReply(TicketChanged changed) {
        if (changed.change() instanceof TicketChange.Replied reply && !reply.byCustomer()) {
            store.followerOfTicket(changed.ticketId()).flatMap(f -> store.account(f.accountId()))
                    .ifPresent(a -> routing.finish(a.platform(), reference(changed.ticketId())));
        }
    }
}
