package org.kept.ticket.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;
import org.kept.shared.Masking;
import org.kept.shared.SearchBigrams;
import org.kept.ticket.Priority;
import org.kept.shared.StartupWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code ticket_search_token} and {@code ticket_search_text} in step with the tickets, in the writing
 * transaction. The tokens cover the subject and its masked form (so a viewer without personal-data rights can paste
 * {@code 138****8000}); which of the two a viewer may match is decided when the search verifies a candidate.
 */
@Component
class TicketSearchIndex {

    private static final Logger log = LoggerFactory.getLogger(TicketSearchIndex.class);
    private static final int CATCH_UP_BATCH = 500;
    /** Postings in one statement (four parameters each; far below any driver's parameter limit). */
    private static final int ROWS_PER_INSERT = 500;
    /** Start-up work: searches before it is done would miss what was written without this class. */
    private static final String CATCH_UP = "ticket search index";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate tx;

    private final StartupWork startup;

    TicketSearchIndex(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate tx, StartupWork startup) {
        this.startup = startup;
        startup.expect(CATCH_UP);
        this.jdbc = jdbc;
        this.batches = batches;
        this.tx = tx;
    }

    /** Indexes a new ticket (call in the transaction that inserts it). */
    void add(long ticketId, String subject, Priority priority, OffsetDateTime createdAt) {
        String masked = Masking.inText(subject);
        String maskedOrNull = Objects.equals(masked, subject) ? null : masked;
        jdbc.sql("insert into ticket_search_text (ticket_id, masked_subject, masked_with) values (?, ?, ?) on conflict do nothing")
                .params(ticketId, maskedOrNull, Masking.VERSION).update();
        postings(ticketId, subject, maskedOrNull, priority, createdAt);
    }

    /** Remakes the masked subject of a ticket indexed with an older masking, adding the postings of the new form. */
    private void remask(long ticketId, String subject, String oldMasked, Priority priority, OffsetDateTime createdAt) {
        String masked = Masking.inText(subject);
        String maskedOrNull = Objects.equals(masked, subject) ? null : masked;
        if (oldMasked != null) {
            // the old form's own postings go: left behind, they would stay at the priority the ticket had
            java.util.Set<Long> kept = LongStream.of(tokens(subject, maskedOrNull)).boxed().collect(java.util.stream.Collectors.toSet());
            List<Object[]> gone = LongStream.of(SearchBigrams.of(oldMasked)).filter(t -> !kept.contains(t))
                    .mapToObj(t -> new Object[] {t, ticketId}).toList();
            batch("delete from ticket_search_token where tok = ? and ticket_id = ?", gone);
        }
        jdbc.sql("update ticket_search_text set masked_subject = ?, masked_with = ? where ticket_id = ?")
                .params(maskedOrNull, Masking.VERSION, ticketId).update();
        postings(ticketId, subject, maskedOrNull, priority, createdAt);
    }

    private void postings(long ticketId, String subject, String maskedOrNull, Priority priority, OffsetDateTime createdAt) {
        long[] tokens = tokens(subject, maskedOrNull);
        // one multi-row insert per chunk, not a JDBC batch: a batch is still one statement per posting for the
        // database to parse, plan and execute (10–20 for a subject), the larger part of a create's statements
        for (int from = 0; from < tokens.length; from += ROWS_PER_INSERT) {
            int to = Math.min(tokens.length, from + ROWS_PER_INSERT);
            StringBuilder sql = new StringBuilder("insert into ticket_search_token (tok, prio, made_at, ticket_id) values ");
            List<Object> params = new ArrayList<>(4 * (to - from));
            for (int i = from; i < to; i++) {
                sql.append(i == from ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
                params.add(tokens[i]);
                params.add(priority.rank());
                params.add(createdAt);
                params.add(ticketId);
            }
            jdbc.sql(sql.append(" on conflict do nothing").toString()).params(params).update();
        }
    }

    /** Moves a ticket's postings to its new priority, so the search keeps queue order (call in the updating transaction). */
    void reprioritize(long ticketId, String subject, OffsetDateTime createdAt, Priority from, Priority to) {
        if (from == to) {
            return;
        }
        String masked = Masking.inText(subject);
        long[] tokens = tokens(subject, Objects.equals(masked, subject) ? null : masked);
        for (int start = 0; start < tokens.length; start += ROWS_PER_INSERT) {
            int end = Math.min(tokens.length, start + ROWS_PER_INSERT);
            List<Object> params = new ArrayList<>(List.of(to.rank(), ticketId, from.rank(), createdAt));
            StringBuilder in = new StringBuilder();
            for (int i = start; i < end; i++) {
                in.append(i == start ? "?" : ", ?");
                params.add(tokens[i]);
            }
            jdbc.sql("update ticket_search_token set prio = ? where ticket_id = ? and prio = ? and made_at = ? and tok in ("
                    + in + ")").params(params).update();
        }
    }

    private static long[] tokens(String subject, String maskedOrNull) {
        long[] own = SearchBigrams.of(subject);
        return maskedOrNull == null ? own
                : LongStream.concat(LongStream.of(own), LongStream.of(SearchBigrams.of(maskedOrNull))).distinct().toArray();
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            batches.batchUpdate(sql, rows);
        }
    }

    /**
     * Indexes tickets written without this class (the demo centre, a bulk load, tickets from before the index), a
     * batch per transaction; several instances may run it at once.
     */
    @EventListener(ApplicationReadyEvent.class)
    void onStartup() {
        startup.run(CATCH_UP, this::catchUp);
    }

    void catchUp() {
        long done = 0;
        while (true) {
            Integer batch = tx.execute(status -> {
                List<Object[]> missing = jdbc.sql("select id, subject, priority, created_at from ticket t where not exists "
                                + "(select 1 from ticket_search_text x where x.ticket_id = t.id) order by id fetch first "
                                + CATCH_UP_BATCH + " rows only")
                        .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getInt(3),
                                rs.getObject(4, OffsetDateTime.class)})
                        .list();
                missing.forEach(r -> add((Long) r[0], (String) r[1], Priority.ofRank((Integer) r[2]), (OffsetDateTime) r[3]));
                return missing.size();
            });
            done += batch == null ? 0 : batch;
            if (batch == null || batch < CATCH_UP_BATCH) {
                break;
            }
        }
        if (done > 0) {
            log.info("Indexed {} tickets for search", done);
        }
        remaskOlder();
    }

    /**
     * Remakes masked subjects made with an older masking (a version that missed some ways of writing a number), in
     * id order a batch per transaction; postings of the old form stay (they only add candidates, the masked subject
     * decides).
     */
    private void remaskOlder() {
        long after = 0;
        long done = 0;
        while (true) {
            long from = after;
            List<Object[]> stale = tx.execute(status -> {
                List<Object[]> rows = jdbc.sql("select t.id, t.subject, t.priority, t.created_at, x.masked_subject from ticket_search_text x"
                                + " join ticket t on t.id = x.ticket_id where x.ticket_id > ? and x.masked_with < ?"
                                + " order by x.ticket_id fetch first " + CATCH_UP_BATCH + " rows only")
                        .params(from, Masking.VERSION)
                        .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getInt(3),
                                rs.getObject(4, OffsetDateTime.class), rs.getString(5)})
                        .list();
                // most subjects hold nothing a new masking changes: only their version moves, in one batch, so that
                // an upgrade of a centre with a million tickets is not minutes of re-inserting the postings it has
                List<Object[]> unchanged = new ArrayList<>();
                for (Object[] r : rows) {
                    String masked = Masking.inText((String) r[1]);
                    if (Objects.equals(Objects.equals(masked, r[1]) ? null : masked, r[4])) {
                        unchanged.add(new Object[] {Masking.VERSION, r[0]});
                    } else {
                        remask((Long) r[0], (String) r[1], (String) r[4], Priority.ofRank((Integer) r[2]), (OffsetDateTime) r[3]);
                    }
                }
                batch("update ticket_search_text set masked_with = ? where ticket_id = ?", unchanged);
                return rows;
            });
            if (stale == null || stale.isEmpty()) {
                break;
            }
            done += stale.size();
            after = (Long) stale.get(stale.size() - 1)[0];
        }
        if (done > 0) {
            log.info("Masked {} ticket subjects again for search (masking version {})", done, Masking.VERSION);
        }
    }
}
