package org.kept.knowledge.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.kept.meaning.TextMeaning;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.ArticleDraft;
import org.kept.knowledge.ArticleVersion;
import org.kept.knowledge.ArticleView;
import org.kept.knowledge.Articles;
import org.kept.knowledge.Audience;
import org.kept.knowledge.KnowledgeChanged;
import org.kept.knowledge.Staleness;
import org.kept.shared.CentreZone;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.KeptException;
import org.kept.shared.StaleUpdateException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes and reads articles. Each write stores the version with its sentence vector and a change-log row in one
 * transaction, then updates this instance's index at once (other instances follow the change log).
 */
@Service
class ArticleDesk implements Articles {

    static final String CREATE = "knowledge.article.create";
    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 20_000;
    static final int MAX_LIST = 500;

    private final ArticleStore store;
    private final TextMeaning model;
    private final IndexKeeper keeper;
    private final IdempotentRequests idempotency;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CentreZone zone;
    private final TransactionTemplate tx;

    ArticleDesk(ArticleStore store, TextMeaning model, IndexKeeper keeper, IdempotentRequests idempotency,
                ApplicationEventPublisher events, Clock clock, CentreZone zone, PlatformTransactionManager txManager) {
        this.store = store;
        this.model = model;
        this.keeper = keeper;
        this.idempotency = idempotency;
        this.events = events;
        this.clock = clock;
        this.zone = zone;
        this.tx = new TransactionTemplate(txManager);
    }

    /** The text the sentence model reads for an article: title, tags and the opening of the body. */
    static String meaningText(ArticleDraft d) {
        return d.title() + "。" + String.join("，", d.tags() == null ? List.of() : d.tags()) + "。" + Markdown.text(d.body());
    }

    @Override
    public Created create(ArticleDraft request, CurrentUser by, String idempotencyKey) {
        ArticleDraft d = valid(request);
        float[] vector = model.embed(meaningText(d));
        IdempotentRequests.Outcome outcome = idempotency.once(by.id(), idempotencyKey, CREATE, d.toString(),
                () -> {
                    Instant now = clock.instant();
                    long id = store.insert(d, now);
                    store.insertVersion(id, 1, d, by.id(), by.displayName(), now, null, vector);
                    store.changed(id, now);
                    events.publishEvent(new KnowledgeChanged(by.username(), "knowledge.article.create", "article:" + id,
                            d.audience() + " " + d.title()));
                    return id;
                });
        keeper.reindex(outcome.id());
        return new Created(get(outcome.id(), by), outcome.replayed());
    }

    @Override
    public ArticleView update(long id, ArticleDraft request, int expectedVersion, CurrentUser by) {
        ArticleDraft d = valid(request);
        existing(id);
        float[] vector = model.embed(meaningText(d));
        write(id, d, expectedVersion, by, null, vector, "knowledge.article.update");
        return get(id, by);
    }

    @Override
    public ArticleView rollback(long id, int version, int expectedVersion, String reason, CurrentUser by) {
        existing(id);
        ArticleVersion old = store.version(id, version).orElseThrow(() -> KeptException.notFound("article version", id + "/" + version));
        ArticleDraft d = new ArticleDraft(old.title(), old.body(), old.categories(), old.tags(), old.audience(), old.ownerId(),
                old.reviewBy(), reason == null || reason.isBlank() ? "rollback to version " + version : reason);
        // the old version's vector is stored with it: a rollback never runs the model
        float[] vector = storedVector(id, version);
        write(id, d, expectedVersion, by, version, vector, "knowledge.article.rollback");
        return get(id, by);
    }

    private float[] storedVector(long id, int version) {
        return store.vectorOf(id, version);
    }

    private void write(long id, ArticleDraft d, int expectedVersion, CurrentUser by, Integer restoredFrom, float[] vector,
                       String action) {
        tx.executeWithoutResult(s -> {
            Instant now = clock.instant();
            if (!store.update(id, d, expectedVersion, now)) {
                throw new StaleUpdateException("article", id);
            }
            store.insertVersion(id, expectedVersion + 1, d, by.id(), by.displayName(), now, restoredFrom, vector);
            store.changed(id, now);
            events.publishEvent(new KnowledgeChanged(by.username(), action, "article:" + id,
                    "v" + (expectedVersion + 1) + (restoredFrom == null ? "" : " from v" + restoredFrom) + ": " + d.reason()));
        });
        keeper.reindex(id);
    }

    @Override
    public ArticleView get(long id, CurrentUser reader) {
        ArticleStore.Row row = readable(id, reader);
        return view(row);
    }

    @Override
    public List<ArticleVersion> versions(long id, CurrentUser reader) {
        readable(id, reader);
        // a customer may read a public article's history only as far as it was public
        return store.versions(id).stream().filter(v -> v.audience().readableBy(reader)).toList();
    }

    @Override
    public ArticleVersion version(long id, int version, CurrentUser reader) {
        readable(id, reader);
        return store.version(id, version).filter(v -> v.audience().readableBy(reader))
                .orElseThrow(() -> KeptException.notFound("article version", id + "/" + version));
    }

    @Override
    public List<DiffLine> diff(long id, int from, int to, CurrentUser reader) {
        ArticleVersion a = version(id, from, reader);
        ArticleVersion b = version(id, to, reader);
        List<DiffLine> out = new ArrayList<>();
        if (!a.title().equals(b.title())) {
            out.add(new DiffLine('-', "# " + a.title()));
            out.add(new DiffLine('+', "# " + b.title()));
        }
        out.addAll(LineDiff.between(a.body(), b.body()));
        return out;
    }

    @Override
    public List<ArticleView> list(CurrentUser reader, boolean staleOnly, int limit) {
        return store.list(staleOnly, !Audience.staff(reader), today(), Math.max(1, Math.min(limit, MAX_LIST))).stream()
                .map(this::view).toList();
    }

    @Override
    public String html(String markdown) {
        return Markdown.html(markdown);
    }

    private ArticleView view(ArticleStore.Row r) {
        boolean pastReview = r.reviewBy() != null && r.reviewBy().isBefore(today());
        List<String> touching = store.touchedBy(r.id());
        Staleness staleness = !pastReview && touching.isEmpty() ? Staleness.FRESH : new Staleness(pastReview, touching);
        return new ArticleView(r.id(), r.title(), r.body(), r.categories(), r.tags(), r.audience(), r.ownerId(), r.reviewBy(),
                r.version(), r.createdAt(), r.updatedAt(), staleness);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone.zone());
    }

    /** The article if the reader may see it; an internal one is "not found" for a customer, never "forbidden". */
    private ArticleStore.Row readable(long id, CurrentUser reader) {
        return store.find(id).filter(r -> r.audience().readableBy(reader))
                .orElseThrow(() -> KeptException.notFound("article", id));
    }

    private ArticleStore.Row existing(long id) {
        return store.find(id).orElseThrow(() -> KeptException.notFound("article", id));
    }

    private static ArticleDraft valid(ArticleDraft d) {
        if (d.title() == null || d.title().isBlank() || d.title().strip().length() > MAX_TITLE) {
            throw KeptException.invalid("knowledge.article.title", MAX_TITLE);
        }
        if (d.body() == null || d.body().isBlank() || d.body().length() > MAX_BODY) {
            throw KeptException.invalid("knowledge.article.body", MAX_BODY);
        }
        if (d.audience() == null) {
            throw KeptException.invalid("knowledge.article.audience");
        }
        List<String> categories = clean(d.categories());
        List<String> tags = clean(d.tags());
        // an input limit, kept as it was when lists were comma text: the names with one separator between each fit 500
        if (String.join(",", categories).length() > 500 || String.join(",", tags).length() > 500) {
            throw KeptException.invalid("knowledge.article.tags");
        }
        String reason = d.reason() == null ? "" : d.reason().strip();
        if (reason.length() > 500) {
            throw KeptException.invalid("knowledge.article.reason");
        }
        return new ArticleDraft(d.title().strip(), d.body(), categories, tags, d.audience(), d.ownerId(), d.reviewBy(), reason);
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(v -> v.strip().replace(",", "，")).distinct().toList();
    }
}
