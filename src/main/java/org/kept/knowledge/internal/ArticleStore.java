package org.kept.knowledge.internal;

import org.kept.shared.SqlTime;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.kept.knowledge.ArticleDraft;
import org.kept.knowledge.ArticleVersion;
import org.kept.knowledge.Audience;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for articles and their versions, with each version's categories and tags. */
@Repository
class ArticleStore {

    /** An article's current version with its stored vector and whether an open change request touches it. */
    private static final String CURRENT = "select a.id, a.version, v.title, v.body, v.audience, "
            + "v.review_by, v.embedding, (select count(*) from kb_change_item i join kb_change_request r on r.id = i.request_id "
            + "where i.article_id = a.id and not i.done and r.state = 'OPEN') as touching "
            + "from kb_article a join kb_article_version v on v.article_id = a.id and v.version = a.version";

    /** Kinds of a version's labels (kb_article_label): its categories (分类) and tags (标签), one row per name. */
    private static final String CATEGORIES = "CATEGORY";
    private static final String TAGS = "TAG";

    private final JdbcClient jdbc;

    ArticleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The current row of an article, before the reader's audience check. */
    record Row(long id, String title, String body, List<String> categories, List<String> tags, Audience audience,
               Long ownerId, LocalDate reviewBy, int version, Instant createdAt, Instant updatedAt) {
    }

    long insert(ArticleDraft d, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into kb_article (title, body, audience, owner_id, review_by, version, created_at, "
                        + "updated_at) values (?, ?, ?, ?, ?, 1, ?, ?)")
                .params(d.title(), d.body(), d.audience().name(), d.ownerId(),
                        date(d.reviewBy()), SqlTime.utc(at), SqlTime.utc(at))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Moves the article to {@code version + 1} if it is still at {@code version}; false when someone was first. */
    boolean update(long id, ArticleDraft d, int version, Instant at) {
        return jdbc.sql("update kb_article set title = ?, body = ?, audience = ?, owner_id = ?, "
                        + "review_by = ?, version = version + 1, updated_at = ? where id = ? and version = ?")
                .params(d.title(), d.body(), d.audience().name(), d.ownerId(),
                        date(d.reviewBy()), SqlTime.utc(at), id, version)
                .update() == 1;
    }

    void insertVersion(long id, int version, ArticleDraft d, Long editorId, String editorName, Instant at,
                       Integer restoredFrom, float[] vector) {
        jdbc.sql("insert into kb_article_version (article_id, version, title, body, audience, owner_id, "
                        + "review_by, edited_by, editor_name, edited_at, reason, restored_from, embedding) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, version, d.title(), d.body(), d.audience().name(),
                        d.ownerId(), date(d.reviewBy()), editorId, editorName, SqlTime.utc(at), d.reason() == null ? "" : d.reason(),
                        restoredFrom, Vectors.encode(vector))
                .update();
        insertList(CATEGORIES, id, version, d.categories());
        insertList(TAGS, id, version, d.tags());
    }

    private void insertList(String kind, long id, int version, List<String> names) {
        List<String> kept = names == null ? List.of() : names.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (int i = 0; i < kept.size(); i++) {
            jdbc.sql("insert into kb_article_label (article_id, version, kind, ord, name) values (?, ?, ?, ?, ?)")
                    .params(id, version, kind, i, kept.get(i)).update();
        }
    }

    float[] vectorOf(long id, int version) {
        return Vectors.decode(jdbc.sql("select embedding from kb_article_version where article_id = ? and version = ?")
                .params(id, version).query(String.class).single());
    }

    void changed(long articleId, Instant at) {
        jdbc.sql("insert into kb_change (article_id, at) values (?, ?)").params(articleId, SqlTime.utc(at)).update();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select id, title, body, audience, owner_id, review_by, version, created_at, "
                + "updated_at from kb_article where id = ?").param(id).query(ArticleStore::row).optional()
                .map(r -> withLists(List.of(r)).get(0));
    }

    List<Row> list(boolean staleOnly, boolean publicOnly, LocalDate today, int limit) {
        String where = " where 1 = 1" + (publicOnly ? " and audience = 'PUBLIC'" : "")
                + (staleOnly ? " and (review_by < ? or id in (select i.article_id from kb_change_item i join kb_change_request r"
                + " on r.id = i.request_id where r.state = 'OPEN' and not i.done and i.article_id is not null))" : "");
        var spec = jdbc.sql("select id, title, body, audience, owner_id, review_by, version, created_at, "
                + "updated_at from kb_article" + where + " order by updated_at desc, id desc limit " + limit);
        if (staleOnly) {
            spec = spec.param(Date.valueOf(today));
        }
        return withLists(spec.query(ArticleStore::row).list());
    }

    /** The rows with the lists of their current versions, read in one query per list. */
    private List<Row> withLists(List<Row> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<String>> categories = currentLists(CATEGORIES, ids);
        Map<Long, List<String>> tags = currentLists(TAGS, ids);
        return rows.stream().map(r -> new Row(r.id(), r.title(), r.body(), categories.getOrDefault(r.id(), List.of()),
                tags.getOrDefault(r.id(), List.of()), r.audience(), r.ownerId(), r.reviewBy(), r.version(), r.createdAt(),
                r.updatedAt())).toList();
    }

    /** One kind of label of the articles' current versions (of every article when {@code ids} is null), by article. */
    private Map<Long, List<String>> currentLists(String kind, List<Long> ids) {
        Map<Long, List<String>> lists = new HashMap<>();
        var spec = jdbc.sql("select l.article_id, l.name from kb_article_label l join kb_article a on a.id = l.article_id "
                + "and a.version = l.version where l.kind = :kind" + (ids == null ? "" : " and a.id in (:ids)")
                + " order by l.article_id, l.ord").param("kind", kind);
        if (ids != null) {
            spec = spec.param("ids", ids);
        }
        spec.query(rs -> {
            lists.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        return lists;
    }

    /** One kind of label of an article's versions (of one version when {@code version} is not null), by version. */
    private Map<Integer, List<String>> versionLists(String kind, long id, Integer version) {
        Map<Integer, List<String>> lists = new HashMap<>();
        var spec = jdbc.sql("select version, name from kb_article_label where article_id = ? and kind = ?"
                + (version == null ? "" : " and version = ?") + " order by version, ord");
        spec = version == null ? spec.params(id, kind) : spec.params(id, kind, version);
        spec.query(rs -> {
            lists.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        return lists;
    }

    private List<ArticleVersion> withLists(long id, Integer version, List<ArticleVersion> versions) {
        if (versions.isEmpty()) {
            return versions;
        }
        Map<Integer, List<String>> categories = versionLists(CATEGORIES, id, version);
        Map<Integer, List<String>> tags = versionLists(TAGS, id, version);
        return versions.stream().map(v -> new ArticleVersion(v.articleId(), v.version(), v.title(), v.body(),
                categories.getOrDefault(v.version(), List.of()), tags.getOrDefault(v.version(), List.of()), v.audience(),
                v.ownerId(), v.reviewBy(), v.editedBy(), v.editorName(), v.editedAt(), v.reason(), v.restoredFrom())).toList();
    }

    List<ArticleVersion> versions(long id) {
        return withLists(id, null, jdbc.sql("select * from kb_article_version where article_id = ? order by version").param(id)
                .query(ArticleStore::version).list());
    }

    Optional<ArticleVersion> version(long id, int version) {
        return withLists(id, version, jdbc.sql("select * from kb_article_version where article_id = ? and version = ?")
                .params(id, version).query(ArticleStore::version).list()).stream().findFirst();
    }

    /** Names of open change requests with an unfinished item for this article. */
    List<String> touchedBy(long id) {
        return jdbc.sql("select distinct r.kind, r.product, r.id from kb_change_item i join kb_change_request r on r.id = i.request_id "
                        + "where i.article_id = ? and not i.done and r.state = 'OPEN' order by r.id")
                .param(id).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list();
    }

    /** Every article's current version with its stored vector, in id order, for a rebuild (no model run). */
    void eachCurrent(Consumer<IndexedArticle> sink) {
        Map<Long, List<String>> categories = currentLists(CATEGORIES, null);
        Map<Long, List<String>> tags = currentLists(TAGS, null);
        jdbc.sql(CURRENT + " order by a.id")
                .query(rs -> {
                    sink.accept(indexed(rs, categories, tags));
                });
    }

    Optional<IndexedArticle> current(long id) {
        Map<Long, List<String>> categories = currentLists(CATEGORIES, List.of(id));
        Map<Long, List<String>> tags = currentLists(TAGS, List.of(id));
        return jdbc.sql(CURRENT + " where a.id = ?")
                .param(id).query((rs, n) -> indexed(rs, categories, tags)).optional();
    }

    /** Every article's current title, body and audience, for the guard that keeps internal text out of replies. */
    List<Body> bodies() {
        return jdbc.sql("select id, title, body, audience from kb_article order by id")
                .query((rs, n) -> new Body(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Audience.valueOf(rs.getString(4)))).list();
    }

    /** An article's current text as written. */
    record Body(long id, String title, String body, Audience audience) {
    }

    /** Changes after {@code after}, as (change id, article id) pairs. */
    List<long[]> changesAfter(long after, int limit) {
        return jdbc.sql("select id, article_id from kb_change where id > ? order by id limit " + limit).param(after)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
    }

    long lastChange() {
        return jdbc.sql("select coalesce(max(id), 0) from kb_change").query(Long.class).single();
    }

    private static IndexedArticle indexed(ResultSet rs, Map<Long, List<String>> categories, Map<Long, List<String>> tags)
            throws SQLException {
        Date review = rs.getDate("review_by");
        long id = rs.getLong("id");
        return new IndexedArticle(id, rs.getInt("version"), rs.getString("title"),
                Markdown.text(rs.getString("body")), categories.getOrDefault(id, List.of()), tags.getOrDefault(id, List.of()),
                Audience.valueOf(rs.getString("audience")), review == null ? null : review.toLocalDate(),
                rs.getLong("touching") > 0, Vectors.decode(rs.getString("embedding")));
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Date review = rs.getDate("review_by");
        return new Row(rs.getLong("id"), rs.getString("title"), rs.getString("body"), List.of(),
                List.of(), Audience.valueOf(rs.getString("audience")), (Long) rs.getObject("owner_id", Long.class),
                review == null ? null : review.toLocalDate(), rs.getInt("version"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static ArticleVersion version(ResultSet rs, int n) throws SQLException {
        Date review = rs.getDate("review_by");
        return new ArticleVersion(rs.getLong("article_id"), rs.getInt("version"), rs.getString("title"), rs.getString("body"),
                List.of(), List.of(), Audience.valueOf(rs.getString("audience")),
                rs.getObject("owner_id", Long.class), review == null ? null : review.toLocalDate(),
                rs.getObject("edited_by", Long.class), rs.getString("editor_name"),
                rs.getObject("edited_at", OffsetDateTime.class).toInstant(), rs.getString("reason"),
                rs.getObject("restored_from", Integer.class));
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
