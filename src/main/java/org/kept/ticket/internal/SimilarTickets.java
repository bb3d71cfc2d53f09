package org.kept.ticket.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.kept.meaning.TextMeaning;
import org.kept.shared.Masking;
import org.kept.ticket.RepeatContacts.Match;
import org.kept.ticket.TicketSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seam that scores how likely a new contact is about an existing ticket: what the texts mean (sentence embeddings
 * of the contact and of the ticket's subject and description) joined with the words they share (Chinese character
 * bigrams and Latin words), the same category, and how recent the ticket is. Callers say "空调还没来装" about a ticket
 * written as "空调安装预约未上门": no shared bigram but the same matter, which only the meaning finds.
 */
class SimilarTickets {

    private static final Logger LOG = LoggerFactory.getLogger(SimilarTickets.class);

    static final double MIN_SCORE = 0.2;
    private static final double TEXT = 0.65;
    private static final double CATEGORY = 0.2;
    private static final double RECENCY = 0.15;
    private static final double RECENCY_DAYS = 30;
    /**
     * bge-small-zh puts any two Chinese service texts at a cosine of 0.3 to 0.6; the same matter in other words lands
     * at 0.65 to 0.9. Below the floor the meaning counts nothing, from there it rises to 1 at the ceiling.
     */
    static final double COSINE_FLOOR = 0.6;
    private static final double COSINE_CEILING = 0.85;
    /** Vectors of open tickets, each kept with the text it was made from (a changed ticket is embedded again). */
    private static final int CACHED = 4096;
    /** Bigrams of greetings and filler that say nothing about the matter. */
    private static final Set<String> FILLER = Set.of("您好", "你好", "请问", "谢谢", "一下", "这个", "那个", "我的", "你们",
            "我们", "麻烦", "帮我", "怎么", "为什么", "什么");

    private final TextMeaning meaning;
    private final Map<Long, Embedded> vectors = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Embedded> eldest) {
            return size() > CACHED;
        }
    };

    SimilarTickets(TextMeaning meaning) {
        this.meaning = meaning;
    }

    /** An open ticket with the text it is compared on. */
    record Candidate(TicketSummary ticket, String description, String category) {

        String text() {
            return ticket.subject() + " " + (description == null ? "" : description);
        }

        /** The candidate as a reader without personal-data rights sees it. */
        Candidate masked() {
            TicketSummary t = ticket;
            return new Candidate(new TicketSummary(t.id(), t.number(), t.type(), t.priority(), t.state(),
                    Masking.inText(t.subject()), t.customerId(), t.teamId(), t.assigneeId(), t.createdAt(), t.updatedAt()),
                    Masking.inText(description), category);
        }
    }

    private record Embedded(String text, float[] vector) {
    }

    List<Match> rank(String text, String category, List<Candidate> candidates, OffsetDateTime now, int limit) {
        Set<String> wanted = terms(text);
        double[] meanings = meanings(text, candidates);
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            Set<String> theirs = terms(c.text());
            List<String> shared = wanted.stream().filter(theirs::contains).toList();
            double overlap = wanted.isEmpty() ? 0 : (double) shared.size() / wanted.size();
            double meant = meanings[i];
            // either kind of evidence counts; both together count more than either (never more than 1)
            double similar = 1 - (1 - overlap) * (1 - meant);
            boolean sameCategory = category != null && !category.isBlank() && category.equals(c.category());
            long ageDays = Math.max(0, Duration.between(c.ticket().createdAt(), now).toDays());
            double score = TEXT * similar + (sameCategory ? CATEGORY : 0) + RECENCY * Math.exp(-ageDays / RECENCY_DAYS);
            if (score >= MIN_SCORE && (similar > 0 || sameCategory)) {
                matches.add(new Match(c.ticket(), round(score), shared.stream().limit(8).toList(), sameCategory, ageDays,
                        round(meant)));
            }
        }
        matches.sort(Comparator.comparingDouble(Match::score).reversed()
                .thenComparing(m -> m.ticket().createdAt(), Comparator.reverseOrder()));
        return matches.stream().limit(limit).toList();
    }

    /** Per candidate, 0..1: how far the cosine of the two texts is above what any two service texts reach. */
    private double[] meanings(String text, List<Candidate> candidates) {
        double[] out = new double[candidates.size()];
        if (text == null || text.isBlank() || candidates.isEmpty()) {
            return out;
        }
        try {
            float[] asked = meaning.embed(text);
            for (int i = 0; i < candidates.size(); i++) {
                double cosine = meaning.similarity(asked, vector(candidates.get(i)));
                out[i] = Math.max(0, Math.min(1, (cosine - COSINE_FLOOR) / (COSINE_CEILING - COSINE_FLOOR)));
            }
        } catch (RuntimeException e) {
            // the words alone still find most repeat contacts; a broken model must not stop the agent's screen
            LOG.warn("Sentence model unavailable, matching repeat contacts on words only: {}", e.toString());
            Arrays.fill(out, 0);
        }
        return out;
    }

    private float[] vector(Candidate c) {
        String text = c.text();
        synchronized (vectors) {
            Embedded known = vectors.get(c.ticket().id());
            if (known != null && known.text().equals(text)) {
                return known.vector();
            }
        }
        float[] v = meaning.embed(text);
        synchronized (vectors) {
            vectors.put(c.ticket().id(), new Embedded(text, v));
        }
        return v;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
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
