package org.kept.knowledge.internal;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.kept.knowledge.internal.ChangeRequestDesk.Item;
import org.kept.knowledge.internal.ChangeRequestDesk.Request;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for business change requests and their items. */
@Repository
class ChangeRequestStore {

    private final JdbcClient jdbc;

    ChangeRequestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String kind, String product, String description, Long ownerId, LocalDate deadline, Long createdBy, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into kb_change_request (kind, product, description, owner_id, deadline, state, created_by, created_at, "
                        + "version) values (?, ?, ?, ?, ?, 'OPEN', ?, ?, 0)")
                .params(kind, product, description, ownerId, Date.valueOf(deadline), createdBy, SqlTime.utc(at))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void insertItem(long requestId, Long articleId, String title, Long ownerId) {
        jdbc.sql("insert into kb_change_item (request_id, article_id, title, owner_id, done) values (?, ?, ?, ?, false)")
                .params(requestId, articleId, title, ownerId)
                .update();
    }

    /** False when the request has no such item. */
    boolean markDone(long requestId, long itemId) {
        return jdbc.sql("update kb_change_item set done = true where id = ? and request_id = ?").params(itemId, requestId)
                .update() > 0;
    }

    Optional<Long> articleOfItem(long itemId) {
        return jdbc.sql("select article_id from kb_change_item where id = ?").param(itemId).query(Long.class).optional();
    }

    /** False when the request is no longer at {@code expectedVersion}. */
    boolean close(long requestId, int expectedVersion) {
        return jdbc.sql("update kb_change_request set state = 'CLOSED', version = version + 1 where id = ? and version = ?")
                .params(requestId, expectedVersion).update() > 0;
    }

    Optional<Request> find(long id) {
        List<Item> items = jdbc.sql("select id, article_id, title, owner_id, done from kb_change_item where request_id = ? order by id")
                .param(id).query((rs, n) -> new Item(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3),
                        rs.getObject(4, Long.class), rs.getBoolean(5))).list();
        return jdbc.sql("select id, kind, product, description, owner_id, deadline, state, version from kb_change_request where id = ?")
                .param(id).query((rs, n) -> new Request(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, Long.class), rs.getDate(6).toLocalDate(), rs.getString(7), rs.getInt(8), items))
                .optional();
    }

    /** Ids of open requests, nearest deadline first. */
    List<Long> openIds() {
        return jdbc.sql("select id from kb_change_request where state = 'OPEN' order by deadline, id").query(Long.class).list();
    }
}
