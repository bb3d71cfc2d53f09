package org.kept.ticket.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.kept.ticket.RepeatContacts.Match;
import org.kept.ticket.TicketSummary;

/**
 * The seam that scores how likely a new contact is about an existing ticket: Chinese character bigrams and Latin
 * words shared with the ticket's subject and description, the same category, and how recent the ticket is. One class,
 * so a sentence-embedding similarity can replace or join the word overlap later.
 */
class SimilarTickets {

    static final double MIN_SCORE = 0.2;
    private static final double TEXT = 0.65;
    private static final double CATEGORY = 0.2;
    private static final double RECENCY = 0.15;
    private static final double RECENCY_DAYS = 30;
    /** Bigrams of greetings and filler that say nothing about the matter. */
    private static final Set<String> FILLER = Set.of("您好", "你好", "请问", "谢谢", "一下", "这个", "那个", "我的", "你们",
            "我们", "麻烦", "帮我", "怎么", "为什么", "什么");

    /** An open ticket with the text it is compared on. */
    record Candidate(TicketSummary ticket, String description, String category) {
    }

    List<Match> rank(String text, String category, List<Candidate> candidates, OffsetDateTime now, int limit) {
        Set<String> wanted = terms(text);
        List<Match> matches = new ArrayList<>();
        for (Candidate c : candidates) {
            Set<String> theirs = terms(c.ticket().subject() + " " + (c.description() == null ? "" : c.description()));
            List<String> shared = wanted.stream().filter(theirs::contains).toList();
            double overlap = wanted.isEmpty() ? 0 : (double) shared.size() / wanted.size();
            boolean sameCategory = category != null && !category.isBlank() && category.equals(c.category());
            long ageDays = Math.max(0, Duration.between(c.ticket().createdAt(), now).toDays());
            double score = TEXT * overlap + (sameCategory ? CATEGORY : 0) + RECENCY * Math.exp(-ageDays / RECENCY_DAYS);
            if (score >= MIN_SCORE && (overlap > 0 || sameCategory)) {
                matches.add(new Match(c.ticket(), Math.round(score * 1000) / 1000.0,
                        shared.stream().limit(8).toList(), sameCategory, ageDays));
            }
        }
        matches.sort(Comparator.comparingDouble(Match::score).reversed()
                .thenComparing(m -> m.ticket().createdAt(), Comparator.reverseOrder()));
        return matches.stream().limit(limit).toList();
    }

    /** Bigrams of each run of Chinese characters (a lone character stands alone), and Latin words and numbers. */
    static Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        if (text == null) {
            return terms;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder han = new StringBuilder();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= lower.length(); i++) {
            char ch = i < lower.length() ? lower.charAt(i) : ' ';
            if (Character.UnicodeScript.of(ch) == Character.UnicodeScript.HAN) {
                han.append(ch);
                flushWord(word, terms);
            } else {
                flushHan(han, terms);
                if (Character.isLetterOrDigit(ch)) {
                    word.append(ch);
                } else {
                    flushWord(word, terms);
                }
            }
        }
        return terms;
    }

    private static void flushHan(StringBuilder run, Set<String> terms) {
        if (run.length() == 1) {
            terms.add(run.toString());
        }
        for (int i = 0; i + 1 < run.length(); i++) {
            String bigram = run.substring(i, i + 2);
            if (!FILLER.contains(bigram)) {
                terms.add(bigram);
            }
        }
        run.setLength(0);
    }

    private static void flushWord(StringBuilder word, Set<String> terms) {
        if (word.length() >= 2) {
            terms.add(word.toString());
        }
        word.setLength(0);
    }
}
