package org.kept.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kept.demo.DemoKnowledge;
import org.kept.meaning.internal.SentenceModel;
import org.kept.knowledge.ArticleDraft;
import org.kept.knowledge.Audience;

/**
 * Search relevance on a labelled set: the demo centre's articles plus more of a realistic centre (100+), and 66
 * queries written as people put them (a third a caller's long sentence, a third an agent's two words, a third a
 * customer's typed question), each with the one article that answers it. Reports top-1 and top-3 per kind.
 */
class RelevanceTest {

    static SearchIndex index;
    static Map<Long, String> keys = new LinkedHashMap<>();
    static List<List<String>> synonyms;

    @BeforeAll
    static void build() throws IOException {
        List<DemoKnowledge.Line> lines = new ArrayList<>(DemoKnowledge.read("/knowledge/demo-articles.txt"));
        lines.addAll(DemoKnowledge.read("/knowledge/more-articles.txt"));
        List<String> texts = lines.stream().map(l -> ArticleDesk.meaningText(new ArticleDraft(l.title(), l.body(),
                List.of(l.category()), l.tags(), l.audience(), null, null, null))).toList();
        List<float[]> vectors = SentenceModel.shared().embedAll(texts);
        index = new SearchIndex();
        for (int i = 0; i < lines.size(); i++) {
            DemoKnowledge.Line l = lines.get(i);
            index.put(new IndexedArticle(i + 1, 1, l.title(), Markdown.text(l.body()), List.of(l.category()), l.tags(),
                    l.audience(), null, false, vectors.get(i)));
            keys.put((long) i + 1, l.key());
        }
        index.refresh();
        synonyms = shippedSynonyms();
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    /** The synonym groups the centre starts with, as the migrations insert them. */
    static List<List<String>> shippedSynonyms() throws IOException {
        StringBuilder sql = new StringBuilder();
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                sql.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        Matcher m = Pattern.compile("insert into kb_synonym \\(terms, updated_at\\) values \\('([^']+)'").matcher(sql);
        List<List<String>> groups = new ArrayList<>();
        while (m.find()) {
            groups.add(SynonymStore.terms(m.group(1)));
        }
        return groups;
    }

    record Query(String kind, String expected, String text) {
    }

    static List<Query> queries() throws IOException {
        List<Query> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/knowledge/queries.txt"), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split("\\|", 3);
                out.add(new Query(f[0].strip(), f[1].strip(), f[2].strip()));
            }
        }
        return out;
    }

    @Test
    void theExpectedArticleIsFirstForMostQueriesAndInTheTopThreeForNearlyAll() throws IOException {
        assertThat(keys).hasSizeGreaterThanOrEqualTo(100);
        List<Query> queries = queries();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(60);
        assertThat(keys.values()).containsAll(queries.stream().map(Query::expected).toList());
        Ranker ranker = new Ranker(index, SentenceModel.shared());
        Map<String, int[]> perKind = new LinkedHashMap<>();
        List<String> misses = new ArrayList<>();
        int top1 = 0;
        int top3 = 0;
        for (Query q : queries) {
            List<String> found = ranker.search(q.text(), new Ranker.Filter(EnumSet.allOf(Audience.class), null, false, 0),
                    synonyms, 3).stream().map(h -> keys.get(h.id())).toList();
            int[] counts = perKind.computeIfAbsent(q.kind(), k -> new int[3]);
            counts[0]++;
            if (!found.isEmpty() && found.get(0).equals(q.expected())) {
                counts[1]++;
                top1++;
            }
            if (found.contains(q.expected())) {
                counts[2]++;
                top3++;
            } 
            if (found.isEmpty() || !found.get(0).equals(q.expected())) {
                misses.add(q.kind() + " \"" + q.text() + "\" expected " + q.expected() + ", got " + found);
            }
        }
        StringBuilder table = new StringBuilder("| kind | queries | top-1 | top-3 |\n|---|---|---|---|\n");
        perKind.forEach((kind, c) -> table.append(String.format("| %s | %d | %d (%.0f%%) | %d (%.0f%%) |%n", kind, c[0], c[1],
                100.0 * c[1] / c[0], c[2], 100.0 * c[2] / c[0])));
        table.append(String.format("| all | %d | %d (%.1f%%) | %d (%.1f%%) |%n", queries.size(), top1, 100.0 * top1 / queries.size(),
                top3, 100.0 * top3 / queries.size()));
        System.out.println("Knowledge search relevance (" + keys.size() + " articles)\n" + table);
        misses.forEach(m -> System.out.println("  not first: " + m));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/knowledge-relevance.md"), table + "\n" + String.join("\n", misses) + "\n");
        // what each half alone would do, for the record: the reason the two are fused
        for (Ranker.Mix mix : new Ranker.Mix[] {Ranker.Mix.WORDS, Ranker.Mix.MEANING}) {
            Map<String, int[]> alone = new LinkedHashMap<>();
            for (Query q : queries) {
                List<String> found = ranker.search(q.text(), new Ranker.Filter(EnumSet.allOf(Audience.class), null, false, 0),
                        synonyms, 3, mix).stream().map(h -> keys.get(h.id())).toList();
                int[] c = alone.computeIfAbsent(q.kind(), k -> new int[3]);
                c[0]++;
                c[1] += !found.isEmpty() && found.get(0).equals(q.expected()) ? 1 : 0;
                c[2] += found.contains(q.expected()) ? 1 : 0;
            }
            StringBuilder line = new StringBuilder(mix + " alone (top-1/top-3):");
            alone.forEach((kind, c) -> line.append(String.format(" %s %d/%d of %d;", kind, c[1], c[2], c[0])));
            System.out.println(line);
            table.append(line).append('\n');
        }
        Files.writeString(Path.of("target/knowledge-relevance.md"), table + "\n" + String.join("\n", misses) + "\n");
        assertThat(top3).as("in the top 3").isGreaterThanOrEqualTo((int) Math.ceil(0.95 * queries.size()));
        assertThat(top1).as("first").isGreaterThanOrEqualTo((int) Math.ceil(0.85 * queries.size()));
    }
}
