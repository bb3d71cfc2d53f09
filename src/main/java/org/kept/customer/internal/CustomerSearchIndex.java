package org.kept.customer.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import org.kept.shared.Masking;
import org.kept.shared.SearchBigrams;
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
 * Keeps {@code customer_search_token} and {@code customer_search_text} in step with the customers, in the writing
 * transaction: the tokens of both the full and the masked contact points; which of the two a reader may match is
 * decided when the search verifies a candidate.
 */
@Component
class CustomerSearchIndex {

    private static final Logger log = LoggerFactory.getLogger(CustomerSearchIndex.class);
    private static final int CATCH_UP_BATCH = 500;
    /** Start-up work: searches before it is done would miss what was written without this class. */
    private static final String CATCH_UP = "customer search index";
    /** Marks a token of four digits, apart from every bigram (a bigram uses at most 42 bits). */
    private static final long DIGITS = 1L << 62;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate tx;

    private final StartupWork startup;

    CustomerSearchIndex(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate tx, StartupWork startup) {
        this.startup = startup;
        startup.expect(CATCH_UP);
        this.jdbc = jdbc;
        this.batches = batches;
        this.tx = tx;
    }

    /** Indexes a new customer (call in the transaction that inserts it). */
    void add(long customerId, String name, List<String> phones, List<String> emails) {
        write(List.of(entry(customerId, name, phones, emails)));
    }

    /** One customer's row of searchable text and its tokens. */
    private record Entry(long customerId, String openText, String fullText, long[] tokens) {
    }

    private static Entry entry(long customerId, String name, List<String> phones, List<String> emails) {
        String lowerName = name.strip().toLowerCase(Locale.ROOT);
        List<String> open = new ArrayList<>(List.of(lowerName));
        List<String> full = new ArrayList<>(List.of(lowerName));
        phones.forEach(p -> {
            open.add(Masking.phone(p));
            full.add(p);
        });
        emails.forEach(e -> {
            open.add(Masking.email(e).toLowerCase(Locale.ROOT));
            full.add(e.toLowerCase(Locale.ROOT));
        });
        String openText = String.join("\n", open);
        String fullText = String.join("\n", full);
        long[] tokens = java.util.stream.Stream.of(tokens(fullText), tokens(openText), characters(lowerName)).flatMapToLong(LongStream::of)
                .distinct().toArray();
        return new Entry(customerId, openText, fullText, tokens);
    }

    /** Two batched statements however many customers: a bulk catch-up costs round trips per batch, not per customer. */
    private void write(List<Entry> entries) {
        List<Object[]> texts = new ArrayList<>(entries.size());
        List<Object[]> tokens = new ArrayList<>();
        for (Entry e : entries) {
            texts.add(new Object[] {e.customerId(), e.openText(), e.fullText()});
            for (long token : e.tokens()) {
                tokens.add(new Object[] {token, e.customerId()});
            }
        }
        batches.batchUpdate("insert into customer_search_text (customer_id, open_text, full_text) values (?, ?, ?) on conflict do nothing", texts);
        batches.batchUpdate("insert into customer_search_token (tok, customer_id) values (?, ?) on conflict do nothing", tokens);
    }

    /** A text's bigrams and its four-digit groups. */
    static long[] tokens(String text) {
        return LongStream.concat(LongStream.of(SearchBigrams.of(text)), LongStream.of(digitGroups(text))).distinct().toArray();
    }

    /**
     * The tokens every text containing {@code query} has: its four-digit groups and bigrams; with a digit group, not the
     * bigrams of two digits (in nearly every phone: counting and probing them cost more than they narrow, 0.1 s at
     * 100,000 customers; the final substring check still makes the answer exact).
     */
    static long[] ofQuery(String query) {
        long[] groups = digitGroups(query);
        LongStream bigrams = LongStream.of(SearchBigrams.ofQuery(query));
        if (groups.length > 0) {
            bigrams = bigrams.filter(t -> !(digit(t >>> 21) && digit(t & ((1L << 21) - 1))));
        }
        return LongStream.concat(LongStream.of(groups), bigrams).distinct().toArray();
    }

    private static boolean digit(long codePoint) {
        return codePoint >= '0' && codePoint <= '9';
    }

    /** Each distinct character of a name alone, so one character (a surname: 王) finds the names holding it. */
    static long[] characters(String name) {
        return name.codePoints().mapToLong(CustomerSearchIndex::character).distinct().toArray();
    }

    static long character(int codePoint) {
        return (long) Character.toLowerCase(codePoint) << 21;
    }

    /** Every four digits in a row: 13800138000 holds 1380, 3800, … 8000. */
    static long[] digitGroups(String text) {
        LongStream.Builder out = LongStream.builder();
        int run = 0;
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                value = (value * 10 + (c - '0')) % 10_000;
                run++;
                if (run >= 4) {
                    out.add(DIGITS | value);
                }
            } else {
                run = 0;
                value = 0;
            }
        }
        return out.build().distinct().toArray();
    }

    /**
     * Indexes customers written without this class (a bulk load, customers from before the index), a batch per
     * transaction; several instances may run it at once.
     */
    @EventListener(ApplicationReadyEvent.class)
    void onStartup() {
        startup.run(CATCH_UP, this::catchUp);
    }

    void catchUp() {
        long done = 0;
        while (true) {
            Integer batch = tx.execute(status -> {
                List<Object[]> missing = jdbc.sql("select id, name from customer c where not exists "
                                + "(select 1 from customer_search_text x where x.customer_id = c.id) order by id fetch first "
                                + CATCH_UP_BATCH + " rows only")
                        .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)})
                        .list();
                if (missing.isEmpty()) {
                    return 0;
                }
                // the batch's contact points in one read
                Map<Long, List<String>> phones = new HashMap<>();
                Map<Long, List<String>> emails = new HashMap<>();
                List<Object> ids = missing.stream().map(r -> r[0]).toList();
                jdbc.sql("select customer_id, kind, address from contact_point where customer_id in ("
                                + String.join(",", java.util.Collections.nCopies(ids.size(), "?")) + ") order by id")
                        .params(ids)
                        .query(rs -> {
                            (CustomerRegister.PHONE.equals(rs.getString(2)) ? phones : emails)
                                    .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(3));
                        });
                List<Entry> entries = new ArrayList<>(missing.size());
                for (Object[] r : missing) {
                    long id = (Long) r[0];
                    entries.add(entry(id, (String) r[1], phones.getOrDefault(id, List.of()), emails.getOrDefault(id, List.of())));
                }
                write(entries);
                return missing.size();
            });
            done += batch == null ? 0 : batch;
            if (batch == null || batch < CATCH_UP_BATCH) {
                break;
            }
        }
        if (done > 0) {
            log.info("Indexed {} customers for search", done);
        }
    }
}
