package org.kept.ticket.internal;

import org.kept.shared.SqlTime;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.meaning.TextMeaning;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.KeptException;
import org.kept.shared.StaleUpdateException;
import org.kept.ticket.Channel;
import org.kept.ticket.Priority;
import org.kept.ticket.RepeatContacts;
import org.kept.ticket.TicketChange;
import org.kept.ticket.TicketChanged;
import org.kept.ticket.TicketView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links a new contact to the open ticket it is about: the counter goes up, the contact is on the timeline and in the
 * audit log, and from the configured contact on each one raises the priority a step (never lowers it). A closed or
 * resolved ticket is never a candidate and is not reopened by a link.
 */
@Service
class RepeatContactDesk implements RepeatContacts {

    static final String LINK = "ticket.repeat-contact";
    static final int MAX_NOTE = 2000;

    private final RepeatContactStore contacts;
    private final TicketStore store;
    private final SimilarTickets similar;
    private final IdempotentRequests idempotency;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int raiseFrom;

    RepeatContactDesk(RepeatContactStore contacts, TicketStore store, IdempotentRequests idempotency,
                      ApplicationEventPublisher events, Clock clock, TextMeaning meaning, @Value("${kept.repeat-contacts.raise-from:1}") int raiseFrom) {
        this.contacts = contacts;
        this.store = store;
        this.similar = new SimilarTickets(meaning);
        this.idempotency = idempotency;
        this.events = events;
        this.clock = clock;
        this.raiseFrom = Math.max(1, raiseFrom);
    }

    @Override
    public List<Match> openMatches(long customerId, String text, String category, int limit, boolean personalData) {
        if (text != null && text.length() > 10_000) {
            throw KeptException.invalid("error.text.long", 10_000);
        }
        List<SimilarTickets.Candidate> open = contacts.openOf(customerId);
        if (!personalData) {
            // words, meaning and shared terms from what this reader may see: a guessed digit must not raise a score
            open = open.stream().map(SimilarTickets.Candidate::masked).toList();
        }
        return similar.rank(text, category, open, now(), Math.max(1, Math.min(limit, 20)));
    }

    @Override
    public Linked link(long ticketId, Channel channel, String note, CurrentUser by, String idempotencyKey) {
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > MAX_NOTE) {
            throw KeptException.invalid("error.text.long", MAX_NOTE);
        }
        Channel via = channel == null ? Channel.PHONE : channel;
        boolean[] raised = {false};
        IdempotentRequests.Outcome outcome = idempotency.once(by.id(), idempotencyKey, LINK,
                ticketId + "|" + via + "|" + text, () -> {
                    long contactId = record(ticketId, via, text, by);
                    raised[0] = priorityChanged(contactId);
                    return contactId;
                });
        if (contacts.ticketOf(outcome.id()) != ticketId) {
            throw KeptException.invalid("error.idempotency.mismatch", idempotencyKey);
        }
        TicketView ticket = store.find(ticketId).orElseThrow();
        return new Linked(ticket, counter(ticketId), outcome.replayed(), !outcome.replayed() && raised[0]);
    }

    private long record(long ticketId, Channel channel, String note, CurrentUser by) {
        TicketView t = store.find(ticketId).orElseThrow(() -> KeptException.notFound("ticket", ticketId));
        if (t.mergedIntoId() != null) {
            throw KeptException.invalid("error.ticket.merged", t.number());
        }
        if (!t.state().isActive()) {
            throw KeptException.invalid("ticket.repeat.notOpen", t.number(), t.state());
        }
        int repeats = contacts.repeats(ticketId) + 1;
        Priority priority = repeats >= raiseFrom && t.priority() != Priority.P1
                ? Priority.ofRank(t.priority().rank() - 1) : t.priority();
        OffsetDateTime now = now();
        if (!contacts.count(ticketId, t.version(), priority, now)) {
            throw new StaleUpdateException("ticket", t.number());
        }
        store.priorityChanged(t, priority);
        long contactId = contacts.insert(ticketId, channel, note, now, by.id(), t.priority(), priority);
        append(t, new TicketChange.RepeatContacted(channel, repeats + 1, note), by, now);
        if (priority != t.priority()) {
            append(t, new TicketChange.PriorityChanged(t.priority(), priority), by, now);
        }
        return contactId;
    }

    private boolean priorityChanged(long contactId) {
        return contacts.priorityChanged(contactId);
    }

    private void append(TicketView t, TicketChange change, CurrentUser by, OffsetDateTime at) {
        store.append(t.id(), change, by.id(), by.displayName(), at);
        events.publishEvent(new TicketChanged(t.id(), t.number(), by.username(), change));
    }

    @Override
    public Counter counter(long ticketId) {
        return counters(List.of(ticketId)).getOrDefault(ticketId, Counter.NONE);
    }

    @Override
    public Map<Long, Counter> counters(Collection<Long> ticketIds) {
        return contacts.counters(ticketIds);
    }

    @Override
    public List<TeamRate> report(OffsetDateTime from, OffsetDateTime to) {
        if (from == null || to == null || !to.isAfter(from) || ChronoUnit.DAYS.between(from, to) > 366 * 5) {
            throw KeptException.invalid("ticket.repeat.period");
        }
        return contacts.rates(from, to);
    }

    private OffsetDateTime now() {
        return SqlTime.now(clock);
    }
}
