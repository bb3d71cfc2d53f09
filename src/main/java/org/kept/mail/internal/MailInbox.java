package org.kept.mail.internal;

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
 * The agent's email threads in their inbox: open tickets they hold that have mail. Headers, quoted history and
 * attachment names come masked from {@link MailDesk#ofTicket}; the answer is the ticket's reply, which goes by mail.
 */
@Component
class MailInbox implements InboxSource {

    private final MailDesk desk;
    private final MailStore store;
    private final Tickets tickets;

    MailInbox(MailDesk desk, MailStore store, Tickets tickets) {
        this.desk = desk;
        this.store = store;
        this.tickets = tickets;
    }

    @Override
    public List<Channel> channels() {
        return List.of(Channel.EMAIL);
    }

    @Override
    public List<InboxLine> lines(CurrentUser agent) {
        List<TicketSummary> held = InboxSource.ticketsHeldBy(tickets, agent);
        Map<Long, List<Instant>> mail = store.inboundTimes(held.stream().map(TicketSummary::id).toList());
        List<InboxLine> out = new ArrayList<>();
        for (TicketSummary t : held) {
            List<Instant> times = mail.get(t.id());
            if (times != null) {
                out.add(line(t.id(), t.number(), t.subject(), t.customerId(), times,
                        times.isEmpty() ? t.updatedAt().toInstant() : times.get(0), agent));
            }
        }
        out.sort(Comparator.comparing(InboxLine::lastAt).reversed());
        return out;
    }

    private InboxLine line(long ticketId, String number, String subject, long customerId, List<Instant> times,
                           Instant last, CurrentUser agent) {
        String from = store.lastInbound(ticketId).map(StoredMail::from).orElse(null);
        boolean full = agent.seesPersonalData();
        return new InboxLine(Channel.EMAIL, MailRouting.reference(ticketId),
                number + " " + (full ? subject : Masking.inText(subject)), full ? from : Masking.email(from), customerId,
                ticketId, last, times);
    }

    @Override
    public Optional<InboxThread> thread(Channel channel, String reference, CurrentUser agent) {
        Optional<TicketView> mine = mine(reference, agent);
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        TicketView t = mine.get();
        List<Instant> times = store.inboundTimes(List.of(t.id())).getOrDefault(t.id(), List.of());
        List<InboxThread.Message> messages = desk.ofTicket(t.id(), agent).stream()
                .filter(m -> !"BOUNCE".equals(m.kind()))
                .map(m -> new InboxThread.Message("INBOUND".equals(m.direction()),
                        "INBOUND".equals(m.direction()) ? m.from() : m.to(), m.at(), m.subject(), m.text(), m.quoted(),
                        m.attachments())).toList();
        InboxLine line = line(t.id(), t.number(), t.subject(), t.customerId(), times,
                times.isEmpty() ? t.updatedAt().toInstant() : times.get(0), agent);
        return Optional.of(new InboxThread(line, messages, true, null,
                store.lastInbound(t.id()).map(StoredMail::contactId).orElse(null)));
    }

    @Override
    public long reply(Channel channel, String reference, String text, CurrentUser agent) {
        TicketView t = mine(reference, agent).orElseThrow(() -> KeptException.notFound("ticket", reference));
        // the ticket's version after the reply: one number per reply on this ticket
        return tickets.reply(t.id(), text, null, agent).version();
    }

    private Optional<TicketView> mine(String reference, CurrentUser agent) {
        Long id = MailRouting.ticketOf(reference);
        return id == null ? Optional.empty() : tickets.find(id)
                .filter(t -> Long.valueOf(agent.id()).equals(t.assigneeId()))
                .filter(t -> store.lastInbound(t.id()).isPresent() || !store.ofTicket(t.id()).isEmpty());
    }
}
