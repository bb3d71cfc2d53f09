package org.kept.knowledge.internal;

import org.kept.shared.SqlTime;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.kept.knowledge.ArticleDraft;
import org.kept.knowledge.ArticleVersion;
import org.kept.knowledge.Audience;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for articles and their versions. */
@Repository
class ArticleStore {

    /** An article's current version with its stored vector and whether an open change request touches it. */
    private static final String CURRENT = "select a.id, a.version, v.title, v.body, v.categories, v.tags, v.audience, "
            + "v.review_by, v.embedding, (select count(*) from kb_change_item i join kb_change_request r on r.id = i.request_id "
            + "where i.article_id = a.id and not i.done and r.state = 'OPEN') as touching "
            + "from kb_article a join kb_article_version v on v.article_id = a.id and v.version = a.version";

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
        jdbc.sql("insert into kb_article (title, body, categories, tags, audience, owner_id, review_by, version, created_at, "
                        + "updated_at) values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")
                .params(d.title(), d.body(), join(d.categories()), join(d.tags()), d.audience().name(), d.ownerId(),
                        date(d.reviewBy()), SqlTime.utc(at), SqlTime.utc(at))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Moves the article to {@code version + 1} if it is still at {@code version}; false when someone was first. */
    boolean update(long id, ArticleDraft d, int version, Instant at) {
        return jdbc.sql("update kb_article set title = ?, body = ?, categories = ?, tags = ?, audience = ?, owner_id = ?, "
                        + "review_by = ?, version = version + 1, updated_at = ? where id = ? and version = ?")
                .params(d.title(), d.body(), join(d.categories()), join(d.tags()), d.audience().name(), d.ownerId(),
                        date(d.reviewBy()), SqlTime.utc(at), id, version)
                .update() == 1;
    }

    void insertVersion(long id, int version, ArticleDraft d, Long editorId, String editorName, Instant at,
                       Integer restoredFrom, float[] vector) {
        jdbc.sql("insert into kb_article_version (article_id, version, title, body, categories, tags, audience, owner_id, "
                        + "review_by, edited_by, editor_name, edited_at, reason, restored_from, embedding) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, version, d.title(), d.body(), join(d.categories()), join(d.tags()), d.audience().name(),
                        d.ownerId(), date(d.reviewBy()), editorId, editorName, SqlTime.utc(at), d.reason() == null ? "" : d.reason(),
                        restoredFrom, Vectors.encode(vector))
                .update();
    }

    float[] vectorOf(long id, int version) {
        return Vectors.decode(jdbc.sql("select embedding from kb_article_version where article_id = ? and version = ?")
                .params(id, version).query(String.class).single());
    }

    void changed(long articleId, Instant at) {
        jdbc.sql("insert into kb_change (article_id, at) values (?, ?)").params(articleId, SqlTime.utc(at)).update();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select id, title, body, categories, tags, audience, owner_id, review_by, version, created_at, "
                + "updated_at from kb_article where id = ?").param(id).query(ArticleStore::row).optional();
    }

    List<Row> list(boolean staleOnly, boolean publicOnly, LocalDate today, int limit) {
        String where = " where 1 = 1" + (publicOnly ? " and audience = 'PUBLIC'" : "")
                + (staleOnly ? " and (review_by < ? or id in (select i.article_id from kb_change_item i join kb_change_request r"
                + " on r.id = i.request_id where r.state = 'OPEN' and not i.done and i.article_id is not null))" : "");
        var spec = jdbc.sql("select id, title, body, categories, tags, audience, owner_id, review_by, version, created_at, "
                + "updated_at from kb_article" + where + " order by updated_at desc, id desc limit " + limit);
        if (staleOnly) {
            spec = spec.param(Date.valueOf(today));
        }
        return spec.query(ArticleStore::row).list();
    }

    List<ArticleVersion> versions(long id) {
        return jdbc.sql("select * from kb_article_version where article_id = ? order by version").param(id)
                .query(ArticleStore::version).list();
    }

    Optional<ArticleVersion> version(long id, int version) {
        return jdbc.sql("select * from kb_article_version where article_id = ? and version = ?").params(id, version)
                .query(ArticleStore::version).optional();
    }

    /** Names of open change requests with an unfinished item for this article. */
    List<String> touchedBy(long id) {
        return jdbc.sql("select distinct r.kind, r.product, r.id from kb_change_item i join kb_change_request r on r.id = i.request_id "
                        + "where i.article_id = ? and not i.done and r.state = 'OPEN' order by r.id")
                .param(id).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list();
    }

    /** Every article's current version with its stored vector, in id order, for a rebuild (no model run). */
    void eachCurrent(Consumer<IndexedArticle> sink) {
        jdbc.sql(CURRENT + " order by a.id")
                .query(rs -> {
                    sink.accept(indexed(rs));
                });
    }

    Optional<IndexedArticle> current(long id) {
        return jdbc.sql(CURRENT + " where a.id = ?")
                .param(id).query((rs, n) -> indexed(rs)).optional();
    }

    /** Changes after {@code after}, as (change id, article id) pairs. */
    List<long[]> changesAfter(long after, int limit) {
        return jdbc.sql("select id, article_id from kb_change where id > ? order by id limit " + limit).param(after)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
    }

    long lastChange() {
        return jdbc.sql("select coalesce(max(id), 0) from kb_change").query(Long.class).single();
    }

    private static IndexedArticle indexed(ResultSet rs) throws SQLException {
        Date review = rs.getDate("review_by");
        return new IndexedArticle(rs.getLong("id"), rs.getInt("version"), rs.getString("title"),
                Markdown.text(rs.getString("body")), split(rs.getString("categories")), split(rs.getString("tags")),
                Audience.valueOf(rs.getString("audience")), review == null ? null : review.toLocalDate(),
                rs.getLong("touching") > 0, Vectors.decode(rs.getString("embedding")));
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Date review = rs.getDate("review_by");
        return new Row(rs.getLong("id"), rs.getString("title"), rs.getString("body"), split(rs.getString("categories")),
                split(rs.getString("tags")), Audience.valueOf(rs.getString("audience")), (Long) rs.getObject("owner_id", Long.class),
                review == null ? null : review.toLocalDate(), rs.getInt("version"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static ArticleVersion version(ResultSet rs, int n) throws SQLException {
        Date review = rs.getDate("review_by");
        return new ArticleVersion(rs.getLong("article_id"), rs.getInt("version"), rs.getString("title"), rs.getString("body"),
                split(rs.getString("categories")), split(rs.getString("tags")), Audience.valueOf(rs.getString("audience")),
                rs.getObject("owner_id", Long.class), review == null ? null : review.toLocalDate(),
                rs.getObject("edited_by", Long.class), rs.getString("editor_name"),
                rs.getObject("edited_at", OffsetDateTime.class).toInstant(), rs.getString("reason"),
                rs.getObject("restored_from", Integer.class));
    }

    /** Lists are stored as comma-separated text: few, short, and never queried by element in SQL. */
    static String join(List<String> values) {
        return values == null ? "" : String.join(",", values.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    static List<String> split(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::strip).toList();
    }


    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
