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
        jdbc.sql("insert into ticket_search_text (ticket_id, masked_subject) values (?, ?) on conflict do nothing")
                .params(ticketId, maskedOrNull).update();
        long[] tokens = tokens(subject, maskedOrNull);
        List<Object[]> rows = new ArrayList<>(tokens.length);
        for (long token : tokens) {
            rows.add(new Object[] {token, priority.rank(), createdAt, ticketId});
        }
        batch("insert into ticket_search_token (tok, prio, made_at, ticket_id) values (?, ?, ?, ?) on conflict do nothing", rows);
    }

    /** Moves a ticket's postings to its new priority, so the search keeps queue order (call in the updating transaction). */
    void reprioritize(long ticketId, String subject, OffsetDateTime createdAt, Priority from, Priority to) {
        if (from == to) {
            return;
        }
        String masked = Masking.inText(subject);
        long[] tokens = tokens(subject, Objects.equals(masked, subject) ? null : masked);
        List<Object[]> rows = new ArrayList<>(tokens.length);
        for (long token : tokens) {
            rows.add(new Object[] {to.rank(), token, from.rank(), createdAt, ticketId});
        }
        batch("update ticket_search_token set prio = ? where tok = ? and prio = ? and made_at = ? and ticket_id = ?", rows);
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
    }
}
