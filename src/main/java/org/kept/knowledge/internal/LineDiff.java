package org.kept.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import org.kept.knowledge.Articles.DiffLine;

/** A line diff by longest common subsequence: articles are short, so the quadratic table is cheap. */
final class LineDiff {

    private LineDiff() {
    }

    static List<DiffLine> between(String older, String newer) {
        String[] a = older.split("\n", -1);
        String[] b = newer.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<DiffLine> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                out.add(new DiffLine(' ', a[i++]));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new DiffLine('-', a[i++]));
            } else {
                out.add(new DiffLine('+', b[j++]));
            }
        }
        while (i < a.length) {
            out.add(new DiffLine('-', a[i++]));
        }
        while (j < b.length) {
            out.add(new DiffLine('+', b[j++]));
        }
        return out;
    }
}
