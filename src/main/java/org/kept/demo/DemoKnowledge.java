package org.kept.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.kept.knowledge.ArticleDraft;
import org.kept.knowledge.Articles;
import org.kept.knowledge.Audience;
import org.springframework.stereotype.Component;

/**
 * The demo centre's knowledge base: about sixty articles on refunds, lost items, delivery, installation, accounts,
 * billing, outages, plans and trips, written through the knowledge module so each gets its sentence vector at seeding.
 */
@Component
public class DemoKnowledge {

    static final String ARTICLES = "/knowledge/demo-articles.txt";

    private final Articles articles;

    DemoKnowledge(Articles articles) {
        this.articles = articles;
    }

    /** One line of an article file: key | category | audience | tags | title | body. */
    public record Line(String key, String category, Audience audience, List<String> tags, String title, String body) {
    }

    /** Reads an article file from the classpath ({@code #} lines are comments, {@code \n} is a new line). */
    public static List<Line> read(String resource) {
        List<Line> out = new ArrayList<>();
        try (var in = DemoKnowledge.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|", 6);
                out.add(new Line(f[0].strip(), f[1].strip(), Audience.valueOf(f[2].strip()),
                        Arrays.stream(f[3].split(",")).map(String::strip).toList(), f[4].strip(), f[5].strip().replace("\\n", "\n")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Writes the demo articles as the given author; a few are due for review already, so the stale warning shows. */
    void seed(long authorId, String username, String displayName, LocalDate today) {
        CurrentUser author = new CurrentUser(authorId, username, displayName, null, "ADMIN",
                EnumSet.of(Permission.KNOWLEDGE_WRITE, Permission.TICKET_READ), null, null, true, "");
        List<Line> lines = read(ARTICLES);
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            LocalDate review = i % 15 == 7 ? today.minusDays(3) : today.plusMonths(3 + i % 9);
            articles.create(new ArticleDraft(l.title(), l.body(), List.of(l.category()), l.tags(), l.audience(), authorId,
                    review, "demo"), author, "demo-article-" + l.key());  // a retried seed gets the same article back
        }
    }
}
