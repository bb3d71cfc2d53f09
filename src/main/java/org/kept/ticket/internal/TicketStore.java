package org.kept.ticket.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kept.shared.Page;
import org.kept.shared.StaleUpdateException;
import org.kept.ticket.Channel;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketChange;
import org.kept.ticket.TicketFilter;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.TicketType;
import org.kept.ticket.TicketView;
import org.kept.ticket.TimelineEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Tickets and their timelines as plain SQL on indexed columns: the hot paths stay cheap at a million rows. */
@Repository
class TicketStore {

    private static final String COLUMNS = "id, number, type, category, channel, priority, state, subject, description, "
            + "incident_time, incident_place, people_involved, contact_phone, customer_id, team_id, assignee_id, "
            + "merged_into_id, created_by, created_at, updated_at, version";
    private static final String SUMMARY_COLUMNS =
            "id, number, type, priority, state, subject, customer_id, team_id, assignee_id, created_at, updated_at";

    private final JdbcClient jdbc;
    private final TicketSearch search;
    private final TicketSearchIndex searchIndex;

    TicketStore(JdbcClient jdbc, TicketSearch search, TicketSearchIndex searchIndex) {
        this.jdbc = jdbc;
        this.search = search;
        this.searchIndex = searchIndex;
    }

    long insert(TicketView t) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into ticket (number, type, category, channel, priority, state, subject, description, incident_time, "
                        + "incident_place, people_involved, contact_phone, customer_id, team_id, assignee_id, created_by, "
                        + "created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(t.number(), t.type().name(), t.category(), t.channel().name(), t.priority().rank(), t.state().name(),
                        t.subject(), t.description(), t.incidentTime(), t.incidentPlace(), t.peopleInvolved(),
                        t.contactPhone(), t.customerId(), t.teamId(), t.assigneeId(), t.createdById(), t.createdAt(),
                        t.updatedAt())
                .update(key, "id");
        long id = key.getKey().longValue();
        searchIndex.add(id, t.subject(), t.priority(), t.createdAt());
        return id;
    }

    Optional<TicketView> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from ticket where id = ?").param(id).query(TicketStore::view).optional();
    }

    Optional<TicketView> byNumber(String number) {
        return jdbc.sql("select " + COLUMNS + " from ticket where number = ?").param(number).query(TicketStore::view).optional();
    }

    /** Writes the mutable fields if nobody changed the ticket since {@code expectedVersion}; returns the new version. */
    int update(TicketView t, int expectedVersion) {
        int rows = jdbc.sql("update ticket set state = ?, priority = ?, team_id = ?, assignee_id = ?, merged_into_id = ?, "
                        + "updated_at = ?, version = version + 1 where id = ? and version = ?")
                .params(t.state().name(), t.priority().rank(), t.teamId(), t.assigneeId(), t.mergedIntoId(), t.updatedAt(),
                        t.id(), expectedVersion)
                .update();
        if (rows == 0) {
            throw new StaleUpdateException("ticket", t.number());
        }
        return expectedVersion + 1;
    }

    /** Keeps the search postings in queue order after a priority change (call in the updating transaction). */
    void priorityChanged(TicketView before, Priority to) {
        searchIndex.reprioritize(before.id(), before.subject(), before.createdAt(), before.priority(), to);
    }

    void append(long ticketId, TicketChange change, Long actorId, String actorName, OffsetDateTime at) {
        jdbc.sql("insert into ticket_entry (ticket_id, kind, actor_id, actor_name, at, old_value, new_value, body, "
                        + "public_to_customer) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(ticketId, change.kind(), actorId, actorName, at, change.oldValue(), change.newValue(), change.body(),
                        change.publicToCustomer())
                .update();
    }

    List<TimelineEntry> timeline(long ticketId) {
        return jdbc.sql("select id, kind, actor_name, at, old_value, new_value, body, public_to_customer from ticket_entry "
                        + "where ticket_id = ? order by id")
                .param(ticketId)
                .query((rs, i) -> new TimelineEntry(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8)))
                .list();
    }

    Page<TicketSummary> list(TicketFilter f, int page, int size, long countCap) {
        if (byWords(f.text())) {
            java.util.Optional<Page<TicketSummary>> found = search.list(f, SUMMARY_COLUMNS, page, size, countCap);
            if (found.isPresent()) {
                return found.get();
            }
            // a common word in a narrow queue (a team's, an agent's) or newest first: the queue or creation index in
            // order with the subject check finds a page sooner than the word's postings, kept in another order
        }
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        String order = switch (f.sort()) {
            case "created" -> "created_at, id";
            case "-created" -> "created_at desc, id desc";
            case "-updated" -> "updated_at desc, id desc";
            default -> "priority, created_at, id";
        };
        boolean keysFirst = deferred(f, page);
        String inIndex = indexOrder(f, order);
        List<TicketSummary> rows = f.states().size() > 1 ? perStateMerged(f, order, page, size)
                : jdbc.sql(keysFirst
                                ? "select " + SUMMARY_COLUMNS + " from ticket where id in (select id from ticket" + where
                                        + " order by " + inIndex + " limit ? offset ?) order by " + order
                                : "select " + SUMMARY_COLUMNS + " from ticket" + where + " order by " + inIndex + " limit ? offset ?")
                        .params(with(params, size, (long) page * size)).query(TicketStore::summary).list();
        long total;
        if (page == 0 && rows.size() < size) {
            total = rows.size();
        } else if (f.text() != null && !f.text().isBlank()) {
            return countInWindow(f, order).page(rows, page, size, countCap);
        } else {
            List<Object> countParams = new ArrayList<>(params);
            countParams.add(countCap + 1);
            total = jdbc.sql("select count(*) from (select 1 from ticket" + where + " limit ?) capped")
                    .params(countParams).query(Long.class).single();
        }
        boolean capped = total > countCap;
        return new Page<>(rows, page, size, Math.min(total, countCap), capped);
    }

    /**
     * A queue over several states: one index range per state, each already in queue order and cut at the page's
     * end, merged. A single {@code state in (...)} would make the database sort every matching row first.
     */
    private List<TicketSummary> perStateMerged(TicketFilter f, String order, int page, int size) {
        List<Object> params = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        long end = (long) (page + 1) * size;
        boolean keysFirst = deferred(f, page);
        String columns = keysFirst ? QUEUE_KEYS : SUMMARY_COLUMNS;
        f.states().stream().sorted().forEach(state -> {
            TicketFilter one = new TicketFilter(java.util.Set.of(state), f.teamId(), f.assigneeId(), f.unassigned(),
                    f.type(), f.priority(), f.customerId(), f.text(), f.sort(), f.personalData());
            parts.add("(select " + columns + " from ticket" + where(one, params) + " order by " + indexOrder(one, order) + " limit ?)");
            params.add(end);
        });
        String sql = "select * from (" + String.join(" union all ", parts) + ") merged order by " + order + " limit ? offset ?";
        if (keysFirst) {
            sql = "select " + SUMMARY_COLUMNS + " from ticket where id in (select id from (" + sql + ") page) order by " + order;
        }
        return jdbc.sql(sql).params(with(params, size, (long) page * size)).query(TicketStore::summary).list();
    }

    /**
     * The queue order led by the columns a one-state queue fixes, as its index begins ({@code team_id, state, ...}): the
     * same order, since those columns are constant, but H2 reads an index in order only when the {@code order by} starts
     * with the index's first columns, and otherwise read and sorted a team's whole open queue (31,786 tickets at a
     * million, 0.7 s a page). PostgreSQL drops the constant columns by itself.
     */
    private static String indexOrder(TicketFilter f, String order) {
        if (!"priority".equals(f.sort()) || f.states().size() != 1) {
            return order;
        }
        if (f.teamId() != null) {
            return "team_id, state, " + order;
        }
        return f.assigneeId() != null || f.unassigned() ? "assignee_id, state, " + order : "state, " + order;
    }

    /** The queue order's columns, all in the queue indexes: skipping rows of a deep page reads only the index. */
    private static final String QUEUE_KEYS = "id, priority, created_at";

    /**
     * A deeper page of a queue in priority order is found by its keys first ({@code OFFSET} walks the queue index
     * without touching the table, an index-only scan), then only the page's rows are read: the skipped rows cost
     * index entries, not table rows.
     */
    private static boolean deferred(TicketFilter f, int page) {
        return page > 0 && "priority".equals(f.sort()) && (f.text() == null || f.text().isBlank()) && f.type() == null && f.customerId() == null;
    }

    private static List<Object> with(List<Object> params, Object... more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return all;
    }

    Map<TicketState, Long> countByState(Long teamId, Long assigneeId, long cap) {
        Map<TicketState, Long> counts = new EnumMap<>(TicketState.class);
        for (TicketState state : TicketState.ACTIVE) {
            List<Object> params = new ArrayList<>();
            StringBuilder sql = new StringBuilder("select count(*) from (select 1 from ticket where state = ?");
            params.add(state.name());
            if (teamId != null) {
                sql.append(" and team_id = ?");
                params.add(teamId);
            }
            if (assigneeId != null) {
                sql.append(" and assignee_id = ?");
                params.add(assigneeId);
            }
            sql.append(" limit ?) capped");
            params.add(cap);
            counts.put(state, jdbc.sql(sql.toString()).params(params).query(Long.class).single());
        }
        return counts;
    }

    List<TicketSummary> ofCustomer(long customerId, int limit) {
        return jdbc.sql("select " + SUMMARY_COLUMNS + " from ticket where customer_id = ? order by created_at desc, id desc")
                .param(customerId).withMaxRows(limit).query(TicketStore::summary).list();
    }

    java.util.Map<Long, TicketSummary> summaries(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<Long, TicketSummary> out = new java.util.HashMap<>();
        jdbc.sql("select " + SUMMARY_COLUMNS + " from ticket where id in ("
                        + ids.stream().map(id -> "?").collect(java.util.stream.Collectors.joining(",")) + ")")
                .params(List.copyOf(ids)).query(TicketStore::summary).list().forEach(t -> out.put(t.id(), t));
        return out;
    }

    /** Active tickets per holder, along the (assignee_id, state, ...) index. */
    Map<Long, Long> openLoad(java.util.Collection<Long> assigneeIds) {
        if (assigneeIds.isEmpty()) {
            return Map.of();
        }
        List<Object> params = new ArrayList<>(assigneeIds);
        TicketState.ACTIVE.stream().sorted().forEach(s -> params.add(s.name()));
        Map<Long, Long> load = new java.util.HashMap<>();
        jdbc.sql("select assignee_id, count(*) from ticket where assignee_id in ("
                        + assigneeIds.stream().map(id -> "?").collect(java.util.stream.Collectors.joining(",")) + ") and state in ("
                        + TicketState.ACTIVE.stream().map(s -> "?").collect(java.util.stream.Collectors.joining(",")) + ") group by assignee_id")
                .params(params).query((rs, i) -> load.put(rs.getLong(1), rs.getLong(2))).list();
        return load;
    }

    List<Long> activeIds(long afterId, int limit) {
        return jdbc.sql("select id from ticket where id > ? and state in (" + org.kept.ticket.TicketState.ACTIVE.stream()
                        .map(s -> "'" + s.name() + "'").collect(java.util.stream.Collectors.joining(", ")) + ") order by id limit ?")
                .params(afterId, limit).query(Long.class).list();
    }

    /** Ticket numbers and their day prefixes ({@code 20261122-}) are looked up by number, anything else by words. */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("\\d{8}(-\\d*)?");

    private static boolean byWords(String text) {
        return text != null && !text.isBlank() && !NUMBER.matcher(text.strip()).matches()
                && TicketSearch.searchable(text.strip());
    }

    /**
     * A text-filtered queue's matches among its first {@link #COUNT_WINDOW} tickets in queue order: counting every
     * match of a word that is rare in a big queue would read the whole queue (0.3 s for a team's 32,000 open tickets;
     * 2,000 of them cost 16 ms, 500 of them 8).
     */
    private Counted countInWindow(TicketFilter f, String order) {
        List<Object> params = new ArrayList<>();
        String text = text(f, params);
        String conditions = conditions(f, params);
        params.add(COUNT_WINDOW);
        return jdbc.sql("select count(*), coalesce(sum(case when 1 = 1" + text + " then 1 else 0 end), 0) from (select id, subject,"
                        + " number from ticket where 1 = 1" + conditions + " order by " + indexOrder(f, order) + " limit ?) ticket")
                .params(params)
                .query((rs, i) -> new Counted(rs.getLong(2), rs.getLong(1) >= COUNT_WINDOW))
                .single();
    }

    /** Tickets of a text-filtered queue read to count its matches. */
    static final int COUNT_WINDOW = 200;

    private static String where(TicketFilter f, List<Object> params) {
        return " where 1 = 1" + conditions(f, params) + text(f, params);
    }

    /** The filter's text as a condition starting with {@code and}, or nothing. */
    private static String text(TicketFilter f, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (f.text() != null && !f.text().isBlank()) {
            String text = f.text().strip();
            if (text.matches("\\d{8}-\\d{4,}")) {
                sql.append(" and number = ?");
                params.add(text);
            } else {
                // a number's day prefix, one character (no bigram to look up), or a common word in a narrow queue: the
                // queue order decides how far it reads
                sql.append(" and ((").append(TicketSearch.subjectMatches(f.personalData(), text, params)).append(") or number like ?)");
                params.add(like(text) + "%");
            }
        }
        return sql.toString();
    }

    /** The filter's conditions except its text, each starting with {@code and}, on unqualified ticket columns. */
    static String conditions(TicketFilter f, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (!f.states().isEmpty()) {
            sql.append(" and state in (").append(String.join(",", java.util.Collections.nCopies(f.states().size(), "?"))).append(')');
            f.states().stream().sorted().forEach(s -> params.add(s.name()));
        }
        if (f.teamId() != null) {
            sql.append(" and team_id = ?");
            params.add(f.teamId());
        }
        if (f.unassigned()) {
            sql.append(" and assignee_id is null");
        } else if (f.assigneeId() != null) {
            sql.append(" and assignee_id = ?");
            params.add(f.assigneeId());
        }
        if (f.type() != null) {
            sql.append(" and type = ?");
            params.add(f.type().name());
        }
        if (f.priority() != null) {
            sql.append(" and priority = ?");
            params.add(f.priority().rank());
        }
        if (f.customerId() != null) {
            sql.append(" and customer_id = ?");
            params.add(f.customerId());
        }
        return sql.toString();
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static TicketView view(ResultSet rs, int row) throws SQLException {
        return new TicketView(rs.getLong("id"), rs.getString("number"), TicketType.valueOf(rs.getString("type")),
                rs.getString("category"), Channel.valueOf(rs.getString("channel")), Priority.ofRank(rs.getInt("priority")),
                TicketState.valueOf(rs.getString("state")), rs.getString("subject"), rs.getString("description"),
                rs.getString("incident_time"), rs.getString("incident_place"), rs.getString("people_involved"),
                rs.getString("contact_phone"), rs.getLong("customer_id"), rs.getObject("team_id", Long.class),
                rs.getObject("assignee_id", Long.class), rs.getObject("merged_into_id", Long.class),
                rs.getObject("created_by", Long.class), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getInt("version"));
    }

    static TicketSummary summary(ResultSet rs, int row) throws SQLException {
        return new TicketSummary(rs.getLong("id"), rs.getString("number"), TicketType.valueOf(rs.getString("type")),
                Priority.ofRank(rs.getInt("priority")), TicketState.valueOf(rs.getString("state")), rs.getString("subject"),
                rs.getLong("customer_id"), rs.getObject("team_id", Long.class), rs.getObject("assignee_id", Long.class),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
