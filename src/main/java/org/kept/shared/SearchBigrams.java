package org.kept.shared;

import java.util.Arrays;
import java.util.Locale;

/**
 * Character bigrams of a text as index tokens (字符二元组): every two neighbouring characters, lower-cased, packed into
 * one number, and the last character alone. Any text that contains a query contains the query's bigrams. Shared by the
 * ticket and customer searches, each with its own postings table.
 */
public final class SearchBigrams {

    private static final int SHIFT = 21;

    private SearchBigrams() {
    }

    public static String normalize(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    /** The distinct tokens of a text: each pair of neighbouring code points, and the last code point alone. */
    public static long[] of(String text) {
        int[] cps = normalize(text).codePoints().toArray();
        if (cps.length == 0) {
            return new long[0];
        }
        long[] tokens = new long[cps.length];
        for (int i = 0; i < cps.length; i++) {
            tokens[i] = pack(cps[i], i + 1 < cps.length ? cps[i + 1] : 0);
        }
        return Arrays.stream(tokens).distinct().toArray();
    }

    /** The tokens every matching text must have: the query's bigrams (none for a single character). */
    public static long[] ofQuery(String query) {
        int[] cps = normalize(query).codePoints().toArray();
        long[] tokens = new long[Math.max(0, cps.length - 1)];
        for (int i = 0; i + 1 < cps.length; i++) {
            tokens[i] = pack(cps[i], cps[i + 1]);
        }
        return Arrays.stream(tokens).distinct().toArray();
    }

    private static long pack(int first, int second) {
        return ((long) first << SHIFT) | second;
    }
}
