package org.kept.ticket.internal;

import org.kept.shared.SqlTime;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
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
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private static final List<String> OPEN = TicketState.ACTIVE.stream().map(Enum::name).sorted().toList();

    private final JdbcClient jdbc;
    private final TicketStore store;
    private final SimilarTickets similar;
    private final IdempotentRequests idempotency;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int raiseFrom;

    RepeatContactDesk(JdbcClient jdbc, TicketStore store, IdempotentRequests idempotency, ApplicationEventPublisher events,
                      Clock clock, TextMeaning meaning, @Value("${kept.repeat-contacts.raise-from:1}") int raiseFrom) {
        this.jdbc = jdbc;
        this.store = store;
        this.similar = new SimilarTickets(meaning);
        this.idempotency = idempotency;
        this.events = events;
        this.clock = clock;
        this.raiseFrom = Math.max(1, raiseFrom);
    }

    @Override
    public List<Match> openMatches(long customerId, String text, String category, int limit) {
        if (text != null && text.length() > 10_000) {
            throw KeptException.invalid("error.text.long", 10_000);
        }
        List<SimilarTickets.Candidate> candidates = jdbc.sql("select id, number, type, priority, state, subject, customer_id, "
                        + "team_id, assignee_id, created_at, updated_at, description, category from ticket "
                        + "where customer_id = :customer and state in (:open) and merged_into_id is null "
                        + "order by created_at desc, id desc")
                .param("customer", customerId).param("open", OPEN).withMaxRows(100)
                .query((rs, i) -> new SimilarTickets.Candidate(TicketStore.summary(rs, i), rs.getString("description"),
                        rs.getString("category")))
                .list();
        return similar.rank(text, category, candidates, now(), Math.max(1, Math.min(limit, 20)));
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
        long linkedTicket = jdbc.sql("select ticket_id from ticket_contact where id = ?").param(outcome.id())
                .query(Long.class).single();
        if (linkedTicket != ticketId) {
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
        int before = jdbc.sql("select repeat_contacts from ticket where id = ?").param(ticketId).query(Integer.class).single();
        int repeats = before + 1;
        Priority priority = repeats >= raiseFrom && t.priority() != Priority.P1
                ? Priority.ofRank(t.priority().rank() - 1) : t.priority();
        OffsetDateTime now = now();
        int rows = jdbc.sql("update ticket set repeat_contacts = repeat_contacts + 1, last_contact_at = ?, priority = ?, "
                        + "updated_at = ?, version = version + 1 where id = ? and version = ?")
                .params(now, priority.rank(), now, ticketId, t.version()).update();
        if (rows == 0) {
            throw new StaleUpdateException("ticket", t.number());
        }
        store.priorityChanged(t, priority);
        org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into ticket_contact (ticket_id, channel, note, at, actor_id, priority_before, priority_after) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(ticketId, channel.name(), note, now, by.id(), t.priority().rank(), priority.rank())
                .update(key, "id");
        append(t, new TicketChange.RepeatContacted(channel, repeats + 1, note), by, now);
        if (priority != t.priority()) {
            append(t, new TicketChange.PriorityChanged(t.priority(), priority), by, now);
        }
        return key.getKey().longValue();
    }

    private boolean priorityChanged(long contactId) {
        return jdbc.sql("select priority_before <> priority_after from ticket_contact where id = ?").param(contactId)
                .query(Boolean.class).single();
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
        Map<Long, Counter> counters = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return counters;
        }
        // only tickets contacted again need the reply lookup; the rest of a queue page costs one index probe each
        jdbc.sql("select t.id, t.repeat_contacts, t.last_contact_at, (select max(e.at) from ticket_entry e "
                        + "where e.ticket_id = t.id and e.kind = 'REPLY') from ticket t "
                        + "where t.id in (:ids) and t.repeat_contacts > 0")
                .param("ids", List.copyOf(ticketIds))
                .query(rs -> {
                    OffsetDateTime last = rs.getObject(3, OffsetDateTime.class);
                    OffsetDateTime replied = rs.getObject(4, OffsetDateTime.class);
                    counters.put(rs.getLong(1), new Counter(rs.getInt(2), last,
                            last != null && (replied == null || replied.isBefore(last))));
                });
        return counters;
    }

    @Override
    public List<TeamRate> report(OffsetDateTime from, OffsetDateTime to) {
        if (from == null || to == null || !to.isAfter(from) || ChronoUnit.DAYS.between(from, to) > 366 * 5) {
            throw KeptException.invalid("ticket.repeat.period");
        }
        return jdbc.sql("select team_id, count(*), sum(case when repeat_contacts > 0 then 1 else 0 end), "
                        + "sum(repeat_contacts) from ticket where created_at >= ? and created_at < ? "
                        + "and merged_into_id is null group by team_id order by team_id")
                .params(from.withOffsetSameInstant(ZoneOffset.UTC), to.withOffsetSameInstant(ZoneOffset.UTC))
                .query((rs, i) -> new TeamRate(rs.getObject(1, Long.class), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    private OffsetDateTime now() {
        return SqlTime.now(clock);
    }
}
