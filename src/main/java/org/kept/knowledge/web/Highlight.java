package org.kept.knowledge.web;

import java.util.ArrayList;
import java.util.List;

/** A snippet cut into plain and matching pieces, so the page marks the matches while escaping every piece. */
record Highlight(String text, boolean hit) {

    static List<Highlight> of(String snippet, List<String> terms) {
        List<Highlight> out = new ArrayList<>();
        String lower = snippet.toLowerCase();
        int i = 0;
        while (i < snippet.length()) {
            int bestAt = -1;
            String best = null;
            for (String t : terms) {
                int at = lower.indexOf(t, i);
                if (at >= 0 && (bestAt < 0 || at < bestAt || (at == bestAt && t.length() > best.length()))) {
                    bestAt = at;
                    best = t;
                }
            }
            if (best == null) {
                out.add(new Highlight(snippet.substring(i), false));
                break;
            }
            if (bestAt > i) {
                out.add(new Highlight(snippet.substring(i, bestAt), false));
            }
            out.add(new Highlight(snippet.substring(bestAt, bestAt + best.length()), true));
            i = bestAt + best.length();
        }
        return out;
    }
}
