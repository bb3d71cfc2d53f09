package org.kept.shared;

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
 * remembered count: a common token that became rare still drives or is probed correctly. Rare tokens are counted on
 * every search, because a count of 0 answers "nothing matches" and a new ticket must be found at once.
 */
public final class RarestTokens {

    /** A pasted paragraph: its first tokens narrow enough. */
    private static final int MAX_COUNTED = 16;
    /** Common tokens remembered; past this the memory starts again (a language has a few thousand common bigrams). */
    private static final int MAX_REMEMBERED = 50_000;

    private final JdbcClient jdbc;
    private final String table;
    private final int window;
    private final int maxProbed;
    private final Map<Long, Boolean> common = new ConcurrentHashMap<>();

    /** {@code table} is the caller's own constant. */
    public RarestTokens(JdbcClient jdbc, String table, int window, int maxProbed) {
        this.jdbc = jdbc;
        this.table = table;
        this.window = window;
        this.maxProbed = maxProbed;
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
        for (int i = 0; i < probed.length; i++) {
            if (common.containsKey(probed[i])) {
                counted[i] = new long[] {probed[i], window};
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
                if (counted[k][1] >= window) {
                    remember(probed[k]);
                }
            });
        }
        if (Arrays.stream(counted).anyMatch(c -> c[1] == 0)) {
            return new long[0][];
        }
        return Arrays.stream(counted).sorted((a, b) -> Long.compare(a[1], b[1])).limit(maxProbed).toArray(long[][]::new);
    }

    private void remember(long token) {
        if (common.size() >= MAX_REMEMBERED) {
            common.clear();
        }
        common.put(token, Boolean.TRUE);
    }
}
