package org.kept.knowledge.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.kept.knowledge.Audience;
import org.kept.meaning.TextMeaning;

/**
 * Ranks by words and by meaning and fuses the two lists by reciprocal rank. Two hurried words lean on the words; a
 * caller's long sentence, full of filler and told in their own terms, leans on the meaning.
 */
public final class Ranker {

    /** How deep each list is read before fusing: below 30 a reciprocal rank adds almost nothing. */
    static final int DEPTH = 30;
    /** The usual reciprocal-rank constant; a smaller one would let a single list's first place dominate. */
    static final double K = 60;
    static final int SNIPPET = 120;

    /** Field weights: a word in the title says more than one in the tags, which says more than one in the body. */
    private static final Object[][] FIELDS = {
        {SearchIndex.TITLE, 3.0f, ChineseAnalyzers.WORDS}, {SearchIndex.TAGS, 2.0f, ChineseAnalyzers.WORDS},
        {SearchIndex.BODY, 1.0f, ChineseAnalyzers.WORDS}, {SearchIndex.TITLE_BI, 1.5f, ChineseAnalyzers.BIGRAMS},
        {SearchIndex.TAGS_BI, 1.0f, ChineseAnalyzers.BIGRAMS}};

    private final SearchIndex index;
    private final TextMeaning meaning;

    public Ranker(SearchIndex index, TextMeaning meaning) {
        this.index = index;
        this.meaning = meaning;
    }

    /** What to leave out: audiences not allowed, other categories, stale articles when only fresh ones are wanted. */
    public record Filter(Set<Audience> audiences, String category, boolean freshOnly, long todayEpochDay) {
    }

    /** A fused result. */
    public record Hit(long id, String title, String snippet, List<String> highlights, double score, Audience audience,
               int version, boolean stale) {
    }

    public List<Hit> search(String text, Filter filter, List<List<String>> synonyms, int limit) {
        return search(text, filter, synonyms, limit, Mix.BOTH);
    }

    /** Which rankings to fuse: both in service; one alone to measure what the other adds. */
    enum Mix { BOTH, WORDS, MEANING }

    List<Hit> search(String text, Filter filter, List<List<String>> synonyms, int limit, Mix mix) {
        String question = text == null ? "" : text.strip();
        if (question.isEmpty() || limit <= 0) {
            return List.of();
        }
        String expanded = Synonyms.expand(question, synonyms);
        Query filterQuery = filterQuery(filter);
        try (SearchIndex.View view = index.view()) {
            // the words (segmenting the question and the word search) on another core while this thread embeds it:
            // the two halves of a search take about as long as each other, so a search takes the longer one, not both
            CompletableFuture<Words> wordsDone = CompletableFuture.supplyAsync(() -> {
                Map<String, Integer> words = counts(ChineseAnalyzers.WORDS, expanded);
                Map<String, Integer> bigrams = counts(ChineseAnalyzers.BIGRAMS, expanded);
                return new Words(words, mix == Mix.MEANING ? List.of() : view.words(wordQuery(view, words, bigrams, filterQuery), DEPTH));
            }, WORKERS);
            float[] vector;
            List<SearchIndex.Ranked> byMeaning;
            try {
                vector = meaning.embed(question);
                byMeaning = mix == Mix.WORDS ? List.of() : view.meaning(vector, filterQuery, DEPTH);
            } catch (RuntimeException e) {
                wordsDone.exceptionally(x -> null).join(); // the view stays open until the worker is done with it
                throw e;
            }
            Words found = join(wordsDone);
            Map<String, Integer> words = found.counts();
            List<SearchIndex.Ranked> byWords = found.ranked();
            double wordWeight = wordWeight(question);
            // both rankings over the same candidates: a document only the words found (a brand name, an order number)
            // still gets its place by meaning, instead of tying with a document only the meaning found
            Map<Long, Integer> docs = new HashMap<>();
            byWords.forEach(r -> docs.putIfAbsent(r.id(), r.doc()));
            byMeaning.forEach(r -> docs.putIfAbsent(r.id(), r.doc()));
            Map<Long, Double> fused = new HashMap<>();
            for (int i = 0; i < byWords.size(); i++) {
                fused.merge(byWords.get(i).id(), wordWeight / (K + i + 1), Double::sum);
            }
            if (mix != Mix.WORDS) {
                Map<Integer, Float> byDoc = view.similarities(docs.values(), vector);
                Map<Long, Float> similarity = new HashMap<>();
                docs.forEach((id, doc) -> similarity.put(id, byDoc.get(doc)));
                List<Long> byCloseness = similarity.entrySet().stream()
                        .sorted(Map.Entry.<Long, Float>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                        .map(Map.Entry::getKey).toList();
                for (int i = 0; i < byCloseness.size(); i++) {
                    fused.merge(byCloseness.get(i), 1.0 / (K + i + 1), Double::sum);
                }
            }
            List<String> terms = words.keySet().stream().filter(t -> t.length() >= 2 || LATIN.matcher(t).matches()).toList();
            return fused.entrySet().stream()
                    .sorted(Map.Entry.<Long, Double>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(limit)
                    .map(e -> hit(e.getKey(), view.shown(e.getKey()), e.getValue(), terms, filter.todayEpochDay()))
                    .toList();
        }
    }

    /** The question's word counts and the word ranking, from the worker. */
    private record Words(Map<String, Integer> counts, List<SearchIndex.Ranked> ranked) {
    }

    /** Runs the word half of searches; daemon threads, one per core. */
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "knowledge-words");
                t.setDaemon(true);
                return t;
            });

    private static Words join(CompletableFuture<Words> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * The words' share of the fusion: highest for a few typed words, falling for a long sentence, where the word list
     * is led astray by filler and by the caller's own way of putting it.
     */
    /**
     * The words' weight against 1 for the meaning, for a few typed words and for a long sentence. Chosen on the labelled
     * set (1.0/0.35: 59 first of 66; 0.6/0.25: 62; 0.4/0.15: 61; top 3 always 64): the sentence model alone already
     * puts most answers first, the words add exact names and numbers.
     */
    static final double SHORT_WORDS = 0.6;
    static final double LONG_WORDS = 0.25;

    static double wordWeight(String question) {
        // the characters that are not regex \s (ASCII white space), counted without building a stripped copy
        int length = 0;
        for (int i = 0; i < question.length(); i++) {
            char c = question.charAt(i);
            if (c != ' ' && (c < '\t' || c > '\r')) {
                length++;
            }
        }
        if (length <= 8) {
            return SHORT_WORDS;
        }
        if (length >= 30) {
            return LONG_WORDS;
        }
        return SHORT_WORDS - (SHORT_WORDS - LONG_WORDS) * (length - 8) / 22.0;
    }

    /** The filter, or null when nothing is left out (then the vector search needs no filter bitset). */
    private static Query filterQuery(Filter f) {
        boolean none = f.audiences().size() != 1 && (f.category() == null || f.category().isBlank()) && !f.freshOnly();
        if (none) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new MatchAllDocsQuery(), Occur.FILTER);
        if (f.audiences().size() == 1) {
            b.add(new TermQuery(new Term(SearchIndex.AUDIENCE, f.audiences().iterator().next().name())), Occur.FILTER);
        }
        if (f.category() != null && !f.category().isBlank()) {
            b.add(new TermQuery(new Term(SearchIndex.CATEGORY, f.category())), Occur.FILTER);
        }
        if (f.freshOnly()) {
            b.add(LongPoint.newRangeQuery(SearchIndex.REVIEW_BY, f.todayEpochDay(), Long.MAX_VALUE), Occur.FILTER);
            b.add(new TermQuery(new Term(SearchIndex.TOUCHED, "true")), Occur.MUST_NOT);
        }
        return b.build();
    }

    /**
     * The word query: the text is cut once per analyzer (the segmenter is the costly part of a search) and each field
     * gets one clause per distinct token, weighted by how often it occurs; at most {@link #MAX_TOKENS} tokens, so a
     * pasted transcript cannot exceed Lucene's clause limit.
     */
    private static Query wordQuery(SearchIndex.View view, Map<String, Integer> words, Map<String, Integer> bigrams, Query filter) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (Object[] f : FIELDS) {
            Map<String, Integer> tokens = f[2] == ChineseAnalyzers.WORDS ? words : bigrams;
            if (tokens.isEmpty()) {
                continue;
            }
            // only the tokens the field holds, looked up once: a token it does not hold would match nothing
            Map<String, TermStates> held = view.lookUp((String) f[0], tokens.keySet());
            if (held.isEmpty()) {
                continue;
            }
            BooleanQuery.Builder field = new BooleanQuery.Builder();
            tokens.forEach((token, n) -> {
                TermStates states = held.get(token);
                if (states != null) {
                    Query term = new TermQuery(new Term((String) f[0], token), states);
                    field.add(n == 1 ? term : new BoostQuery(term, n), Occur.SHOULD);
                }
            });
            any.add(new BoostQuery(field.build(), (Float) f[1]), Occur.SHOULD);
        }
        return filter == null ? any.build() : new BooleanQuery.Builder().add(any.build(), Occur.MUST).add(filter, Occur.FILTER).build();
    }

    /** Compiled once: a pattern given as a string to split, matches or replaceAll is compiled again on every call. */
    private static final java.util.regex.Pattern SENTENCE_END = java.util.regex.Pattern.compile("(?<=[。！？!?；;\\n])");
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern LATIN = java.util.regex.Pattern.compile("[a-z0-9]+");

    /** At most this many distinct tokens of a query are searched (the first ones). */
    static final int MAX_TOKENS = 200;

    private static Map<String, Integer> counts(Analyzer analyzer, String text) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        try (TokenStream ts = analyzer.tokenStream("q", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                if (out.containsKey(t) || out.size() < MAX_TOKENS) {
                    out.merge(t, 1, Integer::sum);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Hit hit(long id, SearchIndex.Shown d, double score, List<String> terms, long today) {
        String snippet = snippet(d.body(), terms);
        String lower = snippet.toLowerCase();
        List<String> shown = terms.stream().filter(lower::contains).toList();
        boolean stale = d.touched() || d.reviewBy() < today;
        return new Hit(id, d.title(), snippet, shown, score, Audience.valueOf(d.audience()), d.version(), stale);
    }

    /** Whether {@code text} contains the lower-case {@code term} in any case, without a lower-cased copy of the text. */
    static boolean containsIgnoringCase(String text, String term) {
        for (int i = 0, last = text.length() - term.length(); i <= last; i++) {
            if (text.regionMatches(true, i, term, 0, term.length())) {
                return true;
            }
        }
        return false;
    }

    /** The sentence (and its neighbour) with the most of the query's words; the opening when none matches. */
    static String snippet(String body, List<String> terms) {
        String[] sentences = SENTENCE_END.split(body);
        int best = 0;
        int bestCount = 0;
        for (int i = 0; i < sentences.length; i++) {
            int count = 0;
            for (String t : terms) {
                if (containsIgnoringCase(sentences[i], t)) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = i;
                bestCount = count;
            }
        }
        StringBuilder out = new StringBuilder(sentences.length == 0 ? "" : sentences[best].strip());
        for (int i = best + 1; i < sentences.length && out.length() < SNIPPET / 2; i++) {
            out.append(sentences[i].strip());
        }
        String s = SPACES.matcher(out).replaceAll(" ").strip();
        return s.length() > SNIPPET ? s.substring(0, SNIPPET) + "…" : s;
    }
}
