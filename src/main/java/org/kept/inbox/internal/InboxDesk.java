package org.kept.inbox.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.kept.inbox.InboxLine;
import org.kept.inbox.InboxPush;
import org.kept.inbox.InboxSource;
import org.kept.inbox.InboxThread;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.KeptException;
import org.kept.ticket.Channel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gathers the agent's conversations from every channel (chats only for those who handle chats), counts what came in
 * after the agent last read each one, opens one (marking it read) and sends the agent's answer through its channel.
 */
@Service
public class InboxDesk {

    /** The longest answer taken here; each channel may refuse a shorter limit of its own. */
    public static final int MAX_REPLY = 4000;

    /** The operation an Idempotency-Key of an answer is remembered under. */
    static final String REPLY = "inbox.reply";

    private final List<InboxSource> sources;
    private final InboxStore store;
    private final InboxPush push;
    private final IdempotentRequests idempotent;
    private final Clock clock;

    InboxDesk(List<InboxSource> sources, InboxStore store, InboxPush push, IdempotentRequests idempotent, Clock clock) {
        this.sources = sources;
        this.store = store;
        this.push = push;
        this.idempotent = idempotent;
        this.clock = clock;
    }

    /** One conversation in the list, with the count of the customer's messages since the agent last read it. */
    public record Entry(InboxLine line, int unread) {
        public String key() {
            return line.channel().name() + ":" + line.reference();
        }
    }

    public List<Entry> of(CurrentUser agent) {
        Map<String, Instant> marks = store.marks(agent.id());
        List<Entry> out = new ArrayList<>();
        for (InboxSource s : sources(agent)) {
            for (InboxLine l : s.lines(agent)) {
                Instant read = marks.get(InboxStore.key(l.channel(), l.reference()));
                int unread = (int) l.inboundAt().stream().filter(t -> read == null || t.isAfter(read)).count();
                out.add(new Entry(l, unread));
            }
        }
        out.sort(Comparator.comparing((Entry e) -> e.line().lastAt(), Comparator.nullsLast(Comparator.reverseOrder())));
        return out;
    }

    /** The total of unread messages over the agent's conversations. */
    public int unread(CurrentUser agent) {
        return of(agent).stream().mapToInt(Entry::unread).sum();
    }

    /** Opens one of the agent's conversations and marks it read; 404 when it is not theirs. */
    @Transactional
    public InboxThread open(Channel channel, String reference, CurrentUser agent) {
        InboxThread t = source(channel, agent).thread(channel, reference, agent)
                .orElseThrow(() -> KeptException.notFound("conversation", reference));
        Instant last = t.line().inboundAt().isEmpty() ? clock.instant() : t.line().inboundAt().get(0);
        if (store.read(agent.id(), channel, reference, last.isAfter(clock.instant()) ? last : clock.instant())) {
            // the agent's other pages (another tab, another instance) take the unread count off at once
            push.conversation(agent.id(), channel.name() + ":" + reference, InboxPush.Why.READ);
        }
        return t;
    }

    public Optional<InboxThread> peek(Channel channel, String reference, CurrentUser agent) {
        return source(channel, agent).thread(channel, reference, agent);
    }

    public void reply(Channel channel, String reference, String text, CurrentUser agent) {
        reply(channel, reference, text, agent, null);
    }

    /**
     * Sends the agent's answer through the conversation's channel, once per {@code idempotencyKey}: a double submit or
     * a retried request with the same key and words sends nothing more and answers with the first one's result (a
     * replay); the same key with other words is refused. Without a key every call sends. Runs its own transaction.
     */
    public IdempotentRequests.Outcome reply(Channel channel, String reference, String text, CurrentUser agent,
                                            String idempotencyKey) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw KeptException.invalid("inbox.error.empty");
        }
        if (body.length() > MAX_REPLY) {
            throw KeptException.invalid("inbox.error.tooLong", MAX_REPLY);
        }
        InboxSource source = source(channel, agent);
        IdempotentRequests.Outcome outcome = idempotent.once(agent.id(), idempotencyKey, REPLY,
                channel.name() + "\u001e" + reference + "\u001e" + body, () -> {
                    long id = source.reply(channel, reference, body, agent);
                    if (store.read(agent.id(), channel, reference, clock.instant())) {
                        push.conversation(agent.id(), channel.name() + ":" + reference, InboxPush.Why.READ);
                    }
                    return id;
                });
        return outcome;
    }

    private List<InboxSource> sources(CurrentUser agent) {
        return sources.stream().filter(s -> agent.can(Permission.CHAT_HANDLE) || !s.channels().contains(Channel.CHAT)).toList();
    }

    private InboxSource source(Channel channel, CurrentUser agent) {
        return sources(agent).stream().filter(s -> s.channels().contains(channel)).findFirst()
                .orElseThrow(() -> KeptException.notFound("conversation", channel));
    }
}
