package org.kept.knowledge.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kept.knowledge.Answers;
import org.kept.knowledge.Audience;
import org.springframework.stereotype.Component;

/**
 * The clauses of internal articles (内部资料) that must never reach a customer, ready to be looked for in a reply.
 * Clauses are compared without spaces and punctuation, so a sentence pasted or retyped with other spacing is still
 * caught; a clause that a public article says as well is no secret and is left out. The list is rebuilt when the
 * knowledge change log moves (one indexed max() per check), so every instance sees an edit at once.
 */
@Component
class InternalPassages {

    /** Shorter clauses ("联系客服", "当场提交退费") are common words, not guidance that leaked. */
    static final int MIN_CHARS = 8;

    private static final Pattern CLAUSE_END = Pattern.compile("[。！？；;!?\\n，,：:、（）()“”\"]+");
    private static final Pattern STEP_NUMBER = Pattern.compile("^\\s*\\d+\\s*[.、)）]\\s*");

    private final ArticleStore store;
    private volatile Snapshot snapshot = new Snapshot(-1, List.of());

    InternalPassages(ArticleStore store) {
        this.store = store;
    }

    Optional<Answers.InternalText> foundIn(String reply) {
        String text = normal(reply);
        if (text.length() < MIN_CHARS) {
            return Optional.empty();
        }
        for (Passage p : current().passages()) {
            if (text.contains(p.normal())) {
                return Optional.of(new Answers.InternalText(p.articleId(), p.title(), p.shown()));
            }
        }
        return Optional.empty();
    }

    private Snapshot current() {
        long change = store.lastChange();
        Snapshot s = snapshot;
        if (s.change() != change) {
            s = new Snapshot(change, build(store.bodies()));
            snapshot = s;
        }
        return s;
    }

    static List<Passage> build(List<ArticleStore.Body> articles) {
        StringBuilder publicText = new StringBuilder();
        for (ArticleStore.Body a : articles) {
            if (a.audience() == Audience.PUBLIC) {
                publicText.append(normal(PlainAnswer.of(a.body()))).append('\n');
            }
        }
        String said = publicText.toString();
        Map<String, Passage> passages = new LinkedHashMap<>();
        for (ArticleStore.Body a : articles) {
            if (a.audience() != Audience.INTERNAL) {
                continue;
            }
            for (String clause : CLAUSE_END.split(PlainAnswer.of(a.body()))) {
                String shown = STEP_NUMBER.matcher(clause).replaceFirst("").strip();
                String normal = normal(shown);
                if (normal.length() >= MIN_CHARS && !said.contains(normal)) {
                    passages.putIfAbsent(normal, new Passage(a.id(), a.title(), shown, normal));
                }
            }
        }
        return new ArrayList<>(passages.values());
    }

    /** Letters, digits and Han characters only, lower-cased: spacing, punctuation and list markers do not matter. */
    static String normal(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(out::appendCodePoint);
        return out.toString();
    }

    record Passage(long articleId, String title, String shown, String normal) {
    }

    private record Snapshot(long change, List<Passage> passages) {
    }
}
