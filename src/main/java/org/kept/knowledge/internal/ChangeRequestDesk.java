package org.kept.knowledge.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.KnowledgeChanged;
import org.kept.shared.KeptException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Business changes: a product launched, changed or retired becomes a list of articles to write or update, with owners
 * and a deadline. Until an item is done its article shows as stale, to authors and to agents reading it.
 */
@Service
public class ChangeRequestDesk {

    static final Set<String> KINDS = Set.of("LAUNCH", "CHANGE", "RETIRE");

    private final ChangeRequestStore store;
    private final ArticleStore articles;
    private final IndexKeeper keeper;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ChangeRequestDesk(ChangeRequestStore store, ArticleStore articles, IndexKeeper keeper, ApplicationEventPublisher events,
                      Clock clock) {
        this.store = store;
        this.articles = articles;
        this.keeper = keeper;
        this.events = events;
        this.clock = clock;
    }

    /** An article to write (no id yet) or update. */
    public record Item(Long id, Long articleId, String title, Long ownerId, boolean done) {
    }

    public record Request(long id, String kind, String product, String description, Long ownerId, LocalDate deadline,
                          String state, int version, List<Item> items) {
    }

    @Transactional
    public Request open(String kind, String product, String description, Long ownerId, LocalDate deadline, List<Item> items,
                        CurrentUser by) {
        String k = kind == null ? "" : kind.toUpperCase();
        if (!KINDS.contains(k) || product == null || product.isBlank() || product.length() > 200 || deadline == null
                || items == null || items.isEmpty() || (description != null && description.length() > 2000)) {
            throw KeptException.invalid("knowledge.change.invalid");
        }
        for (Item i : items) {
            if (i.articleId() != null && articles.find(i.articleId()).isEmpty()) {
                throw KeptException.invalid("knowledge.change.article", i.articleId());
            }
            if (i.articleId() == null && (i.title() == null || i.title().isBlank())) {
                throw KeptException.invalid("knowledge.change.invalid");
            }
        }
        long id = store.insert(k, product.strip(), description == null ? "" : description, ownerId, deadline, by.id(),
                clock.instant());
        for (Item i : items) {
            String title = i.title() == null || i.title().isBlank()
                    ? articles.find(i.articleId()).map(ArticleStore.Row::title).orElse("") : i.title().strip();
            store.insertItem(id, i.articleId(), title.length() > 200 ? title.substring(0, 200) : title,
                    i.ownerId() == null ? ownerId : i.ownerId());
            if (i.articleId() != null) {
                articles.changed(i.articleId(), clock.instant());
            }
        }
        events.publishEvent(new KnowledgeChanged(by.username(), "knowledge.change.open", "change-request:" + id, k + " " + product));
        reindex(id);
        return get(id);
    }

    /** Marks one item done (the article was written or updated). */
    @Transactional
    public Request done(long requestId, long itemId, CurrentUser by) {
        get(requestId);
        if (!store.markDone(requestId, itemId)) {
            throw KeptException.notFound("change request item", itemId);
        }
        store.articleOfItem(itemId).ifPresent(a -> articles.changed(a, clock.instant()));
        events.publishEvent(new KnowledgeChanged(by.username(), "knowledge.change.done", "change-request:" + requestId,
                "item " + itemId));
        reindex(requestId);
        return get(requestId);
    }

    /** Closes the request; its unfinished items no longer mark their articles stale. */
    @Transactional
    public Request close(long requestId, int expectedVersion, CurrentUser by) {
        get(requestId);
        if (!store.close(requestId, expectedVersion)) {
            throw new org.kept.shared.StaleUpdateException("change request", requestId);
        }
        get(requestId).items().stream().filter(i -> i.articleId() != null)
                .forEach(i -> articles.changed(i.articleId(), clock.instant()));
        events.publishEvent(new KnowledgeChanged(by.username(), "knowledge.change.close", "change-request:" + requestId, ""));
        reindex(requestId);
        return get(requestId);
    }

    public Request get(long id) {
        return store.find(id).orElseThrow(() -> KeptException.notFound("change request", id));
    }

    public List<Request> open() {
        return store.openIds().stream().map(this::get).toList();
    }

    /** The index learns of the staleness change after commit through the change log; this instance at once. */
    private void reindex(long requestId) {
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        get(requestId).items().stream().filter(i -> i.articleId() != null)
                                .forEach(i -> keeper.reindex(i.articleId()));
                    }
                });
    }
}
