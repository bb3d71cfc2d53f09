package org.kept.shared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which of a query's tokens to read first from a postings table ({@code tok} column): each token's postings counted up
 * to a window in one round trip, rarest first. The rarest drives a search, the next few are probed, and a final
 * substring check makes the answer exact. Shared by the ticket and customer searches.
 */
public final class RarestTokens {

    /** A pasted paragraph: its first tokens narrow enough. */
    private static final int MAX_COUNTED = 16;

    private RarestTokens() {
    }

    /**
     * The tokens with their posting counts (up to {@code window}), rarest first, at most {@code maxProbed}; none when
     * one of them has no posting at all (nothing can match). {@code table} is the caller's own constant.
     */
    public static long[][] of(JdbcClient jdbc, String table, long[] tokens, int window, int maxProbed) {
        if (tokens.length == 0) {
            return new long[0][];
        }
        long[] probed = Arrays.copyOf(tokens, Math.min(tokens.length, MAX_COUNTED));
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < probed.length; i++) {
            parts.add("select " + i + " as k, count(*) as n from (select 1 from " + table + " where tok = ? limit "
                    + window + ") c" + i);
            params.add(probed[i]);
        }
        long[][] counted = new long[probed.length][];
        jdbc.sql(String.join(" union all ", parts)).params(params).query(rs -> {
            int k = rs.getInt(1);
            counted[k] = new long[] {probed[k], rs.getLong(2)};
        });
        if (Arrays.stream(counted).anyMatch(c -> c[1] == 0)) {
            return new long[0][];
        }
        return Arrays.stream(counted).sorted((a, b) -> Long.compare(a[1], b[1])).limit(maxProbed).toArray(long[][]::new);
    }
}
