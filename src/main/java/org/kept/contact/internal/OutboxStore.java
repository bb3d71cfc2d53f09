package org.kept.contact.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kept.contact.OutboxMessage;
import org.kept.shared.SqlTime;
import org.kept.ticket.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code contact_outbox} table. */
@Repository
class OutboxStore {

    private static final String COLUMNS = "id, channel, contact_id, payload, state, attempts, next_at, provider_id, last_error";

    private final JdbcClient jdbc;

    OutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(Channel channel, Long contactId, String payload, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into contact_outbox (channel, contact_id, payload, state, next_at, created_at) values (?, ?, ?, 'PENDING', ?, ?)")
                .params(channel.name(), contactId, payload, SqlTime.utc(now), SqlTime.utc(now)).update(key, "id");
        return key.getKey().longValue();
    }

    Optional<OutboxMessage> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from contact_outbox where id = ?").param(id).query(this::row).optional();
    }

    List<OutboxMessage> due(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + " from contact_outbox where state = 'PENDING' and next_at <= ? order by next_at, id limit ?")
                .params(SqlTime.utc(now), limit).query(this::row).list();
    }

    /** Compare-and-set on next_at: true when this worker holds the row until {@code until}. */
    boolean lease(OutboxMessage m, Instant until) {
        return jdbc.sql("update contact_outbox set next_at = ?, attempts = attempts + 1 where id = ? and state = 'PENDING' and next_at = ?")
                .params(SqlTime.utc(until), m.id(), SqlTime.utc(m.nextAt())).update() == 1;
    }

    void sent(long id, String providerId, Instant at) {
        jdbc.sql("update contact_outbox set state = 'SENT', provider_id = ?, sent_at = ?, last_error = null where id = ?")
                .params(providerId, SqlTime.utc(at), id).update();
    }

    void retry(long id, Instant next, String error) {
        jdbc.sql("update contact_outbox set next_at = ?, last_error = ? where id = ? and state = 'PENDING'")
                .params(SqlTime.utc(next), cut(error), id).update();
    }

    void failed(long id, String error) {
        jdbc.sql("update contact_outbox set state = 'FAILED', last_error = ? where id = ?").params(cut(error), id).update();
    }

    private static String cut(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private OutboxMessage row(ResultSet rs, int n) throws SQLException {
        return new OutboxMessage(rs.getLong("id"), Channel.valueOf(rs.getString("channel")),
                rs.getObject("contact_id", Long.class), rs.getString("payload"), rs.getString("state"),
                rs.getInt("attempts"), SqlTime.instant(rs, "next_at"), rs.getString("provider_id"),
                rs.getString("last_error"));
    }
}
