package org.kept.social.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.NewContact;
import org.kept.customer.Customers;
import org.kept.customer.NewCustomer;
import org.kept.identity.CurrentUser;
import org.kept.shared.Masking;
import org.kept.ticket.Channel;
import org.kept.ticket.NewTicket;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketType;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.kept.inbox.InboxPush;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One conversation-to-ticket logic for every social platform: a follower's message joins the follower's ticket while
 * it is open and the follower wrote within the join window, else it starts a new ticket for the account's team; either
 * way it is one contact (deduplicated by the platform's id) and it opens the platform's reply window.
 */
@Service
class Conversations {

    private static final int MAX_TEXT = 10_000;

    /** What became of a message. */
    record Outcome(long ticketId, boolean newTicket, long contactId) {
    }

    private final SocialStore store;
    private final Tickets tickets;
    private final Customers customers;
    private final Contacts contacts;
    private final SocialActors actors;
    private final SocialSettings settings;
    private final SocialRouting routing;
    private final InboxPush inboxPush;
    private final Clock clock;

    Conversations(SocialStore store, Tickets tickets, Customers customers, Contacts contacts, SocialActors actors,
                  SocialSettings settings, SocialRouting routing, InboxPush inboxPush, Clock clock) {
        this.routing = routing;
        this.inboxPush = inboxPush;
        this.store = store;
        this.tickets = tickets;
        this.customers = customers;
        this.contacts = contacts;
        this.actors = actors;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public Outcome inbound(Incoming m) {
        Channel channel = m.account().platform();
        Optional<org.kept.contact.Contact> known = contacts.byExternalId(channel, m.externalId());
        if (known.isPresent() && known.get().ticketId() != null) {
            return new Outcome(known.get().ticketId(), false, known.get().id());
        }
        SocialStore.Follower follower = follower(m);
        CurrentUser writer = actors.customer(follower.customerId(), displayName(m));
        String body = m.text() == null || m.text().isBlank() ? "[" + m.type() + "]" : Masking.cut(m.text(), MAX_TEXT);
        Instant now = clock.instant();
        Optional<TicketView> open = Optional.ofNullable(follower.ticketId()).flatMap(tickets::find)
                .filter(t -> joinable(t, follower, now));
        TicketView ticket;
        boolean created = false;
        if (open.isPresent()) {
            ticket = tickets.reply(open.get().id(), body, null, writer);
        } else {
            ticket = create(m, follower, writer, body);
            created = true;
        }
        var contact = contacts.record(new NewContact(channel, Direction.INBOUND, m.externalId(), m.userRef(),
                follower.customerId(), ticket.id(), null, m.at(), Masking.cut(body, 200)), writer);
        store.heardFrom(follower.id(), ticket.id(), m.at().isAfter(now) ? now : m.at());
        store.message(follower.id(), ticket.id(), "INBOUND", m.type(), body, contact.id(), null, now);
        routing.received(m.account(), ticket, created,
                customers.find(follower.customerId()).map(c -> c.tier().name()).orElse(null));
        return new Outcome(ticket.id(), created, contact.id());
    }

    /**
     * A follower stopped following the account ({@code following} false: Weibo's fan-service "unfollow" event) or
     * follows again: the conversation's reply window closes or may open again, and the agent holding it is told at
     * once. A follower we never heard from is not recorded. Returns what was done, for the stored push.
     */
    @Transactional
    public String following(SocialAccount a, String userRef, boolean following, Instant at) {
        Optional<SocialStore.Follower> f = store.follower(a.id(), userRef);
        if (f.isEmpty()) {
            return following ? "FOLLOW UNKNOWN" : "UNFOLLOW UNKNOWN";
        }
        Instant now = clock.instant();
        boolean changed = store.following(f.get().id(), following ? null : (at.isAfter(now) ? now : at));
        if (changed && f.get().ticketId() != null) {
            tickets.find(f.get().ticketId()).map(TicketView::assigneeId)
                    .ifPresent(agent -> inboxPush.ticket(agent, f.get().ticketId(), InboxPush.Why.WINDOW));
        }
        return (following ? "FOLLOW" : "UNFOLLOW") + (changed ? "" : " UNCHANGED");
    }

    /** An open ticket (not closed, not merged away) the follower wrote on within the join window takes the message. */
    private boolean joinable(TicketView t, SocialStore.Follower f, Instant now) {
        if (t.state() == TicketState.CLOSED || t.mergedIntoId() != null) {
            return false;
        }
        return f.lastInboundAt() != null && f.lastInboundAt().plus(settings.joinWindow).isAfter(now);
    }

    private TicketView create(Incoming m, SocialStore.Follower follower, CurrentUser writer, String body) {
        String subject = Masking.cut(body.strip().replaceAll("\\s+", " "), 60);
        NewTicket request = new NewTicket(TicketType.INQUIRY, m.account().category(), m.account().platform(), null,
                subject.isBlank() ? m.account().name() : subject, body, null, null, null, null, follower.customerId(), null, null);
        TicketView t = tickets.create(request, writer, null).ticket();
        Long team = m.account().teamId();
        if (team != null && !team.equals(t.teamId())) {
            t = tickets.assign(t.id(), team, null, t.version(), actors.channel());
        }
        return t;
    }

    private SocialStore.Follower follower(Incoming m) {
        long accountId = m.account().id();
        return store.follower(accountId, m.userRef()).orElseGet(() -> {
            long customerId = customers.create(new NewCustomer(displayName(m), null, null, List.of(), List.of()),
                    SocialActors.USERNAME).id();
            store.addFollower(accountId, m.userRef(), customerId, clock.instant());
            return store.follower(accountId, m.userRef()).orElseThrow();
        });
    }

    /** "微信用户 …1a2b": the platform and the id's last characters, which masking shows anyway. */
    static String displayName(Incoming m) {
        String who = m.account().platform() == Channel.WEIBO ? "微博用户" : "微信用户";
        return who + " " + SocialMasking.ref(m.userRef());
    }
}
