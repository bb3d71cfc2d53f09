package org.kept.social.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.NewContact;
import org.kept.contact.OutboundSettled;
import org.kept.contact.Outbox;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.kept.ticket.Channel;
import org.kept.ticket.TicketChange;
import org.kept.ticket.TicketChanged;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's reply on a ticket whose conversation came from WeChat or Weibo goes back there: refused in the reply's
 * own transaction when the platform's reply window is closed (so the agent never writes a reply that cannot be
 * delivered), else written to the contact outbox with its outbound contact, sent after the commit by the platform's
 * {@code OutboundSender}.
 */
@Component
class SocialOut {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SocialStore store;
    private final Outbox outbox;
    private final Contacts contacts;
    private final SocialActors actors;
    /** Weibo's private reply text must be shorter than this many characters (messages/reply.json). */
    static final int WEIBO_MAX_TEXT = 300;

    private final SocialSettings settings;
    private final CentreZone zone;
    private final JsonMapper json;
    private final Clock clock;

    SocialOut(SocialStore store, Outbox outbox, Contacts contacts, SocialActors actors, SocialSettings settings,
              CentreZone zone, JsonMapper json, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.contacts = contacts;
        this.actors = actors;
        this.settings = settings;
        this.zone = zone;
        this.json = json;
        this.clock = clock;
    }

    /** The reply window of the ticket's conversation; empty when the ticket has none. */
    Optional<ReplyWindow> window(long ticketId) {
        return store.followerOfTicket(ticketId).flatMap(f -> store.account(f.accountId()).map(a -> window(a, f)));
    }

    ReplyWindow window(SocialAccount a, SocialStore.Follower f) {
        Instant now = clock.instant();
        boolean wechat = a.platform() == Channel.WECHAT;
        Instant until = f.lastInboundAt() == null ? null
                : f.lastInboundAt().plus(wechat ? settings.wechatWindow : settings.weiboWindow);
        Integer left = wechat ? Math.max(0, settings.wechatRepliesPerWindow - f.repliesSince()) : null;
        boolean open = until != null && now.isBefore(until) && (left == null || left > 0) && f.unfollowedAt() == null;
        return new ReplyWindow(a.platform(), a.name(), f.lastInboundAt(), until, left, open, f.unfollowedAt());
    }

    @EventListener
    void onReply(TicketChanged changed) {
        if (!(changed.change() instanceof TicketChange.Replied reply) || reply.byCustomer()) {
            return;
        }
        Optional<SocialStore.Follower> follower = store.followerOfTicket(changed.ticketId());
        if (follower.isEmpty()) {
            return;
        }
        SocialStore.Follower f = follower.get();
        SocialAccount a = store.account(f.accountId()).orElseThrow();
        ReplyWindow w = window(a, f);
        if (!w.open()) {
            if (w.unfollowedAt() != null) {
                throw new KeptException(HttpStatus.CONFLICT, "social.window.unfollowed", shown(w.unfollowedAt()));
            }
            if (w.until() != null && clock.instant().isBefore(w.until())) {
                throw new KeptException(HttpStatus.CONFLICT, "social.window.spent", w.until() == null ? "" : shown(w.until()));
            }
            throw new KeptException(HttpStatus.CONFLICT, "social.window.closed", w.until() == null ? "-" : shown(w.until()));
        }
        // Weibo's messages/reply.json takes text "小于300个汉字" (under 300 characters): a longer reply would be refused
        // after it left, so the agent is told now and nothing is written
        if (a.platform() == Channel.WEIBO && reply.body().codePointCount(0, reply.body().length()) >= WEIBO_MAX_TEXT) {
            throw KeptException.invalid("social.weibo.tooLong", WEIBO_MAX_TEXT - 1);
        }
        send(a, f, changed.ticketId(), reply.body(), "message");
    }

    /** Queues a message to the follower (or, for {@code comment}, a comment on a status); returns the outbox id. */
    long send(SocialAccount a, SocialStore.Follower f, Long ticketId, String text, String kind) {
        String payload = json.writeValueAsString(Map.of("account", a.id(), "to", f == null ? "" : f.userRef(), "text", text,
                "kind", kind));
        long outboxId = outbox.enqueue(a.platform(), null, payload);
        if (f != null) {
            var contact = contacts.record(new NewContact(a.platform(), Direction.OUTBOUND, outbox.get(outboxId).key(),
                    f.userRef(), f.customerId(), ticketId, null, clock.instant(), Masking.cut(text, 200)), actors.channel());
            store.message(f.id(), ticketId, "OUTBOUND", "text", text, contact.id(), outboxId, clock.instant());
            store.replied(f.id());
        }
        return outboxId;
    }

    long comment(SocialAccount a, String statusRef, String text) {
        String payload = json.writeValueAsString(Map.of("account", a.id(), "to", statusRef, "text", text, "kind", "comment"));
        return outbox.enqueue(a.platform(), null, payload);
    }

    /** The outbox worker sent it or gave up: the contact says so on the ticket. */
    @EventListener
    @Transactional
    void onSettled(OutboundSettled settled) {
        if (settled.channel() != Channel.WECHAT && settled.channel() != Channel.WEIBO) {
            return;
        }
        store.contactOfOutbox(settled.outboxId()).ifPresent(contactId -> contacts.conclude(contactId, clock.instant(),
                settled.sent() ? "SENT" : "FAILED", settled.sent() ? null : Masking.cut(settled.error(), 300), actors.channel()));
    }

    String shown(Instant at) {
        return SHOWN.format(at.atZone(zone.zone()));
    }
}
