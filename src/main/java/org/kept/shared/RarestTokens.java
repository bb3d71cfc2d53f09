package org.kept.shared;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which of a query's tokens to read first from a postings table ({@code tok} column): each token's postings counted up
 * to a window in one round trip, rarest first. The rarest drives a search, the next few are probed, and a final
 * substring check makes the answer exact. Shared by the ticket and customer searches, one per postings table.
 *
 * <p>A token found common (its window full) is remembered and not counted again: counting it reads the whole window
 * of index entries on every search (three common bigrams of a four-character word are 15,000 entries, a third of
 * such a search's database time, and 80–140 ms when the database is busy). Only a performance choice rests on the
 * remembered count: a common token that became rare still drives or is probed correctly.
 *
 * <p>A token with a few hundred postings or more keeps its count for a minute: a word searched by many agents at
 * once (the day's outage, a product recall) had its bigrams' thousands of entries counted on every search, the most
 * database time of any word search (a word in 0.1 % of a million tickets). Postings do not vanish by the hundred in a
 * minute, so such a count is never a stale 0 and never crosses the few postings that make a total exact; a word
 * growing towards common is counted again within the minute. A token with fewer postings is counted on every
 * search, because a count of 0 answers "nothing matches" and a new ticket must be found at once.
 */
public final class RarestTokens {

    /** A pasted paragraph: its first tokens narrow enough. */
    private static final int MAX_COUNTED = 16;
    /** Counts remembered; past this the memory starts again (a language has a few thousand common bigrams). */
    private static final int MAX_REMEMBERED = 50_000;
    /** Postings from which a token's count is kept for {@link #RECOUNT_AFTER_MILLIS}: fewer are cheap to count. */
    static final int KEPT_FROM = 500;
    static final long RECOUNT_AFTER_MILLIS = 60_000;

    private final JdbcClient jdbc;
    private final String table;
    private final int window;
    private final int maxProbed;
    private final Clock clock;
    /**
     * Counts remembered: token → {count, when counted (epoch millis)}; a full window (common) does not expire, one of
     * {@link #KEPT_FROM} or more is counted again after {@link #RECOUNT_AFTER_MILLIS}.
     */
    private final Map<Long, long[]> known = new ConcurrentHashMap<>();

    /** {@code table} is the caller's own constant. */
    public RarestTokens(JdbcClient jdbc, String table, int window, int maxProbed, Clock clock) {
        this.jdbc = jdbc;
        this.table = table;
        this.window = window;
        this.maxProbed = maxProbed;
        this.clock = clock;
    }

    /**
     * The tokens with their posting counts (up to the window), rarest first, at most {@code maxProbed}; none when one
     * of them has no posting at all (nothing can match).
     */
    public long[][] of(long[] tokens) {
        if (tokens.length == 0) {
            return new long[0][];
        }
        long[] probed = Arrays.copyOf(tokens, Math.min(tokens.length, MAX_COUNTED));
        long[][] counted = new long[probed.length][];
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        long now = clock.millis();
        for (int i = 0; i < probed.length; i++) {
            long[] count = known.get(probed[i]);
            if (count != null && (count[0] >= window || now - count[1] < RECOUNT_AFTER_MILLIS)) {
                counted[i] = new long[] {probed[i], count[0]};
            } else {
                parts.add("select " + i + " as k, count(*) as n from (select 1 from " + table + " where tok = ? limit "
                        + window + ") c" + i);
                params.add(probed[i]);
            }
        }
        if (!parts.isEmpty()) {
            jdbc.sql(String.join(" union all ", parts)).params(params).query(rs -> {
                int k = rs.getInt(1);
                counted[k] = new long[] {probed[k], rs.getLong(2)};
                if (counted[k][1] >= window || counted[k][1] >= KEPT_FROM) {
                    remember(probed[k], counted[k][1], now);
                }
            });
        }
        if (Arrays.stream(counted).anyMatch(c -> c[1] == 0)) {
            return new long[0][];
        }
        return Arrays.stream(counted).sorted((a, b) -> Long.compare(a[1], b[1])).limit(maxProbed).toArray(long[][]::new);
    }

    /**
     * The condition that a candidate row {@code s} of the search holds every token of {@code ranked} after the first
     * (which drives), as an SQL fragment starting with " and " (empty for one token), its parameters added to
     * {@code params}. {@code sameRow} ties a posting {@code o} to {@code s}. One correlated count over the others, not
     * an {@code exists} per token: each {@code exists} became a join PostgreSQL planned again on every search (its
     * custom plans), 0.7 ms of the statement's 1.0 ms; the count is planned once as a sub-plan and probes the same
     * index. A posting is one (token, row), so holding all of them is a count equal to their number.
     */
    public String othersHeld(String sameRow, long[][] ranked, List<Object> params) {
        if (ranked.length < 2) {
            return "";
        }
        long[] others = Arrays.stream(ranked, 1, ranked.length).mapToLong(r -> r[0]).distinct().toArray();
        StringBuilder in = new StringBuilder();
        for (long token : others) {
            in.append(in.isEmpty() ? "?" : ", ?");
            params.add(token);
        }
        return " and (select count(*) from " + table + " o where o.tok in (" + in + ") and " + sameRow + ") = " + others.length;
    }

    private void remember(long token, long count, long now) {
        if (known.size() >= MAX_REMEMBERED) {
            known.clear();
        }
        known.put(token, new long[] {count, now});
    }
}
