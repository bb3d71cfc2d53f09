package org.kept.ticket.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kept.ticket.Channel;
import org.kept.ticket.Priority;
import org.kept.ticket.RepeatContacts.Counter;
import org.kept.ticket.RepeatContacts.TeamRate;
import org.kept.ticket.TicketState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for repeat contacts: the {@code ticket_contact} rows and the ticket's repeat counters. */
@Repository
class RepeatContactStore {

    private static final List<String> OPEN = TicketState.ACTIVE.stream().map(Enum::name).sorted().toList();

    private final JdbcClient jdbc;

    RepeatContactStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer's open, unmerged tickets, newest first, at most 100. */
    List<SimilarTickets.Candidate> openOf(long customerId) {
        return jdbc.sql("select id, number, type, priority, state, subject, customer_id, "
                        + "team_id, assignee_id, created_at, updated_at, description, category from ticket "
                        + "where customer_id = :customer and state in (:open) and merged_into_id is null "
                        + "order by created_at desc, id desc")
                .param("customer", customerId).param("open", OPEN).withMaxRows(100)
                .query((rs, i) -> new SimilarTickets.Candidate(TicketStore.summary(rs, i), rs.getString("description"),
                        rs.getString("category")))
                .list();
    }

    long ticketOf(long contactId) {
        return jdbc.sql("select ticket_id from ticket_contact where id = ?").param(contactId).query(Long.class).single();
    }

    int repeats(long ticketId) {
        return jdbc.sql("select repeat_contacts from ticket where id = ?").param(ticketId).query(Integer.class).single();
    }

    /** Counts one more contact on the ticket if it is still at {@code version}; false when someone was first. */
    boolean count(long ticketId, int version, Priority priority, OffsetDateTime at) {
        return jdbc.sql("update ticket set repeat_contacts = repeat_contacts + 1, last_contact_at = ?, priority = ?, "
                        + "updated_at = ?, version = version + 1 where id = ? and version = ?")
                .params(at, priority.rank(), at, ticketId, version).update() > 0;
    }

    long insert(long ticketId, Channel channel, String note, OffsetDateTime at, Long actorId, Priority before, Priority after) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into ticket_contact (ticket_id, channel, note, at, actor_id, priority_before, priority_after) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(ticketId, channel.name(), note, at, actorId, before.rank(), after.rank())
                .update(key, "id");
        return key.getKey().longValue();
    }

    boolean priorityChanged(long contactId) {
        return jdbc.sql("select priority_before <> priority_after from ticket_contact where id = ?").param(contactId)
                .query(Boolean.class).single();
    }

    /** Counters of the tickets among {@code ticketIds} that were contacted again. */
    Map<Long, Counter> counters(Collection<Long> ticketIds) {
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

    List<TeamRate> rates(OffsetDateTime from, OffsetDateTime to) {
        return jdbc.sql("select team_id, count(*), sum(case when repeat_contacts > 0 then 1 else 0 end), "
                        + "sum(repeat_contacts) from ticket where created_at >= ? and created_at < ? "
                        + "and merged_into_id is null group by team_id order by team_id")
                .params(from.withOffsetSameInstant(ZoneOffset.UTC), to.withOffsetSameInstant(ZoneOffset.UTC))
                .query((rs, i) -> new TeamRate(rs.getObject(1, Long.class), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }
}
