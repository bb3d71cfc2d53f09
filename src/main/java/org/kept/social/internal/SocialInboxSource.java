package org.kept.social.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.kept.inbox.InboxLine;
import org.kept.inbox.InboxSource;
import org.kept.inbox.InboxThread;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.kept.ticket.Channel;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.stereotype.Component;

/**
 * The agent's WeChat and Weibo conversations in their inbox: open tickets they hold with a follower's messages. The
 * follower's platform id is masked for agents without personal-data rights, numbers in the words too; the reply window
 * says whether an answer can still be delivered.
 */
@Component
class SocialInboxSource implements InboxSource {

    private final SocialStore store;
    private final SocialOut out;
    private final Tickets tickets;

    SocialInboxSource(SocialStore store, SocialOut out, Tickets tickets) {
        this.store = store;
        this.out = out;
        this.tickets = tickets;
    }

    @Override
    public List<Channel> channels() {
        return List.of(Channel.WECHAT, Channel.WEIBO);
    }

    @Override
    public List<InboxLine> lines(CurrentUser agent) {
        List<TicketSummary> held = InboxSource.ticketsHeldBy(tickets, agent);
        Map<Long, List<Instant>> said = store.inboundTimes(held.stream().map(TicketSummary::id).toList());
        List<InboxLine> lines = new ArrayList<>();
        for (TicketSummary t : held) {
            List<Instant> times = said.get(t.id());
            if (times != null) {
                line(t.id(), t.number(), t.subject(), t.customerId(), times, t.updatedAt().toInstant(), agent)
                        .ifPresent(lines::add);
            }
        }
        lines.sort(Comparator.comparing(InboxLine::lastAt).reversed());
        return lines;
    }

    private Optional<InboxLine> line(long ticketId, String number, String subject, long customerId, List<Instant> times,
                                     Instant updated, CurrentUser agent) {
        boolean full = agent.seesPersonalData();
        return store.followerOfTicket(ticketId).flatMap(f -> store.account(f.accountId()).map(a -> new InboxLine(
                a.platform(), SocialRouting.reference(ticketId), number + " " + (full ? subject : Masking.inText(subject)),
                SocialMasking.ref(f.userRef(), full), customerId, ticketId, times.isEmpty() ? updated : times.get(0), times)));
    }

    @Override
    public Optional<InboxThread> thread(Channel channel, String reference, CurrentUser agent) {
        Optional<TicketView> mine = mine(channel, reference, agent);
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        TicketView t = mine.get();
        boolean full = agent.seesPersonalData();
        List<SocialStore.Said> said = store.messagesOfTicket(t.id());
        List<Instant> times = said.stream().filter(SocialStore.Said::inbound).map(SocialStore.Said::at)
                .sorted(Comparator.reverseOrder()).limit(100).toList();
        Optional<InboxLine> line = line(t.id(), t.number(), t.subject(), t.customerId(), times, t.updatedAt().toInstant(), agent);
        if (line.isEmpty()) {
            return Optional.empty();
        }
        List<InboxThread.Message> messages = said.stream().map(s -> new InboxThread.Message(s.inbound(),
                s.inbound() ? line.get().who() : null, s.at(), null,
                s.content() == null ? "[" + s.type() + "]" : full ? s.content() : Masking.inText(s.content()), null,
                List.of())).toList();
        Optional<ReplyWindow> window = out.window(t.id());
        boolean open = window.map(ReplyWindow::open).orElse(false);
        Instant unfollowed = window.map(ReplyWindow::unfollowedAt).orElse(null);
        return Optional.of(new InboxThread(line.get(), messages, open,
                unfollowed != null ? out.shown(unfollowed)
                        : window.map(w -> w.until() == null ? null : w.until().toString()).orElse(null),
                said.stream().filter(SocialStore.Said::inbound).map(SocialStore.Said::contactId)
                        .filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElse(null),
                unfollowed != null ? "inbox.unfollowed" : null));
    }

    @Override
    public long reply(Channel channel, String reference, String text, CurrentUser agent) {
        TicketView t = mine(channel, reference, agent).orElseThrow(() -> KeptException.notFound("conversation", reference));
        // the ticket's version after the reply: one number per reply on this ticket
        return tickets.reply(t.id(), text, null, agent).version();
    }

    private Optional<TicketView> mine(Channel channel, String reference, CurrentUser agent) {
        Long id = SocialRouting.ticketOf(reference);
        return id == null ? Optional.empty() : tickets.find(id)
                .filter(t -> Long.valueOf(agent.id()).equals(t.assigneeId()))
                .filter(t -> store.followerOfTicket(t.id()).flatMap(f -> store.account(f.accountId()))
                        .map(a -> a.platform() == channel).orElse(false));
    }
}
