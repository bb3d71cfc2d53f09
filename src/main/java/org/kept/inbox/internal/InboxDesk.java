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
import org.kept.inbox.InboxSource;
import org.kept.inbox.InboxThread;
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

    private final List<InboxSource> sources;
    private final InboxStore store;
    private final Clock clock;

    InboxDesk(List<InboxSource> sources, InboxStore store, Clock clock) {
        this.sources = sources;
        this.store = store;
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
        store.read(agent.id(), channel, reference, last.isAfter(clock.instant()) ? last : clock.instant());
        return t;
    }

    public Optional<InboxThread> peek(Channel channel, String reference, CurrentUser agent) {
        return source(channel, agent).thread(channel, reference, agent);
    }

    @Transactional
    public void reply(Channel channel, String reference, String text, CurrentUser agent) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw KeptException.invalid("inbox.error.empty");
        }
        if (body.length() > MAX_REPLY) {
            throw KeptException.invalid("inbox.error.tooLong", MAX_REPLY);
        }
        source(channel, agent).reply(channel, reference, body, agent);
        store.read(agent.id(), channel, reference, clock.instant());
    }

    private List<InboxSource> sources(CurrentUser agent) {
        return sources.stream().filter(s -> agent.can(Permission.CHAT_HANDLE) || !s.channels().contains(Channel.CHAT)).toList();
    }

    private InboxSource source(Channel channel, CurrentUser agent) {
        return sources(agent).stream().filter(s -> s.channels().contains(channel)).findFirst()
                .orElseThrow(() -> KeptException.notFound("conversation", channel));
    }
}
