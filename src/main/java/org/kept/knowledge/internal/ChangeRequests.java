package org.kept.knowledge.internal;

import org.kept.shared.SqlTime;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.KnowledgeChanged;
import org.kept.shared.KeptException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Business changes: a product launched, changed or retired becomes a list of articles to write or update, with owners
 * and a deadline. Until an item is done its article shows as stale, to authors and to agents reading it.
 */
@Service
public class ChangeRequests {

    static final Set<String> KINDS = Set.of("LAUNCH", "CHANGE", "RETIRE");

    private final JdbcClient jdbc;
    private final ArticleStore articles;
    private final IndexKeeper keeper;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ChangeRequests(JdbcClient jdbc, ArticleStore articles, IndexKeeper keeper, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
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
        var now = SqlTime.utc(clock.instant());
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into kb_change_request (kind, product, description, owner_id, deadline, state, created_by, created_at, "
                        + "version) values (?, ?, ?, ?, ?, 'OPEN', ?, ?, 0)")
                .params(k, product.strip(), description == null ? "" : description, ownerId, Date.valueOf(deadline), by.id(), now)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (Item i : items) {
            String title = i.title() == null || i.title().isBlank()
                    ? articles.find(i.articleId()).map(ArticleStore.Row::title).orElse("") : i.title().strip();
            jdbc.sql("insert into kb_change_item (request_id, article_id, title, owner_id, done) values (?, ?, ?, ?, false)")
                    .params(id, i.articleId(), title.length() > 200 ? title.substring(0, 200) : title,
                            i.ownerId() == null ? ownerId : i.ownerId())
                    .update();
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
        int n = jdbc.sql("update kb_change_item set done = true where id = ? and request_id = ?").params(itemId, requestId).update();
        if (n == 0) {
            throw KeptException.notFound("change request item", itemId);
        }
        jdbc.sql("select article_id from kb_change_item where id = ?").param(itemId).query(Long.class).optional()
                .ifPresent(a -> articles.changed(a, clock.instant()));
        events.publishEvent(new KnowledgeChanged(by.username(), "knowledge.change.done", "change-request:" + requestId,
                "item " + itemId));
        reindex(requestId);
        return get(requestId);
    }

    /** Closes the request; its unfinished items no longer mark their articles stale. */
    @Transactional
    public Request close(long requestId, int expectedVersion, CurrentUser by) {
        get(requestId);
        int n = jdbc.sql("update kb_change_request set state = 'CLOSED', version = version + 1 where id = ? and version = ?")
                .params(requestId, expectedVersion).update();
        if (n == 0) {
            throw new org.kept.shared.StaleUpdateException("change request", requestId);
        }
        get(requestId).items().stream().filter(i -> i.articleId() != null)
                .forEach(i -> articles.changed(i.articleId(), clock.instant()));
        events.publishEvent(new KnowledgeChanged(by.username(), "knowledge.change.close", "change-request:" + requestId, ""));
        reindex(requestId);
        return get(requestId);
    }

    public Request get(long id) {
        List<Item> items = jdbc.sql("select id, article_id, title, owner_id, done from kb_change_item where request_id = ? order by id")
                .param(id).query((rs, n) -> new Item(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3),
                        rs.getObject(4, Long.class), rs.getBoolean(5))).list();
        return jdbc.sql("select id, kind, product, description, owner_id, deadline, state, version from kb_change_request where id = ?")
                .param(id).query((rs, n) -> new Request(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, Long.class), rs.getDate(6).toLocalDate(), rs.getString(7), rs.getInt(8), items))
                .optional().orElseThrow(() -> KeptException.notFound("change request", id));
    }

    public List<Request> open() {
        return jdbc.sql("select id from kb_change_request where state = 'OPEN' order by deadline, id").query(Long.class).list()
                .stream().map(this::get).toList();
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
