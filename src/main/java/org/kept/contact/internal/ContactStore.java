package org.kept.contact.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kept.contact.Contact;
import org.kept.contact.Direction;
import org.kept.contact.HistoricContact;
import org.kept.contact.NewContact;
import org.kept.shared.SqlTime;
import org.kept.ticket.Channel;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code contact} table. */
@Repository
class ContactStore {

    private static final String COLUMNS = "id, channel, direction, external_id, address, customer_id, ticket_id, handled_by, "
            + "started_at, ended_at, summary, outcome";

    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ContactStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Concluded contacts in JDBC batches; their ids in order. */
    List<Long> insertAll(List<HistoricContact> contacts, Instant now) {
        List<Long> ids = new ArrayList<>(contacts.size());
        for (int from = 0; from < contacts.size(); from += BATCH) {
            List<HistoricContact> chunk = contacts.subList(from, Math.min(contacts.size(), from + BATCH));
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            batch.batchUpdate(con -> con.prepareStatement("insert into contact (channel, direction, external_id, address, "
                    + "customer_id, ticket_id, handled_by, started_at, ended_at, summary, outcome, created_at) "
                    + "values (?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?)", new String[] {"id"}), new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    HistoricContact h = chunk.get(i);
                    NewContact c = h.contact();
                    ps.setString(1, c.channel().name());
                    ps.setString(2, c.direction().name());
                    ps.setString(3, c.externalId());
                    ps.setString(4, c.address());
                    ps.setObject(5, c.customerId());
                    ps.setObject(6, c.handledBy());
                    ps.setObject(7, SqlTime.utc(c.startedAt()));
                    ps.setObject(8, SqlTime.utc(h.endedAt()));
                    ps.setString(9, cut(c.summary()));
                    ps.setString(10, h.outcome());
                    ps.setObject(11, SqlTime.utc(now));
                }

                @Override
                public int getBatchSize() {
                    return chunk.size();
                }
            }, keys);
            keys.getKeyList().forEach(k -> ids.add(((Number) k.get(k.containsKey("id") ? "id" : k.keySet().iterator().next())).longValue()));
        }
        return ids;
    }

    long insert(NewContact c, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into contact (channel, direction, external_id, address, customer_id, ticket_id, handled_by, "
                        + "started_at, summary, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.channel().name(), c.direction().name(), c.externalId(), c.address(), c.customerId(),
                        c.ticketId(), c.handledBy(), SqlTime.utc(c.startedAt()), cut(c.summary()), SqlTime.utc(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<Contact> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from contact where id = ?").param(id).query(this::row).optional();
    }

    Optional<Contact> byExternalId(Channel channel, String externalId) {
        return jdbc.sql("select " + COLUMNS + " from contact where channel = ? and external_id = ?")
                .params(channel.name(), externalId).query(this::row).optional();
    }

    void attach(long id, long ticketId) {
        jdbc.sql("update contact set ticket_id = ? where id = ?").params(ticketId, id).update();
    }

    void conclude(long id, Instant endedAt, String outcome) {
        jdbc.sql("update contact set ended_at = coalesce(?, ended_at), outcome = ? where id = ?")
                .params(SqlTime.utc(endedAt), outcome, id).update();
    }

    void identify(long id, String address, Long customerId) {
        jdbc.sql("update contact set address = coalesce(address, ?), customer_id = coalesce(customer_id, ?) where id = ?")
                .params(address, customerId, id).update();
    }

    void handledBy(long id, long userId) {
        jdbc.sql("update contact set handled_by = ? where id = ?").params(userId, id).update();
    }

    List<Contact> ofTicket(long ticketId) {
        return jdbc.sql("select " + COLUMNS + " from contact where ticket_id = ? order by started_at, id")
                .param(ticketId).query(this::row).list();
    }

    List<Contact> ofCustomer(long customerId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from contact where customer_id = ? order by started_at desc, id desc limit ?")
                .params(customerId, limit).query(this::row).list();
    }

    private static String cut(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 499) + "…";
    }

    private Contact row(ResultSet rs, int n) throws SQLException {
        return new Contact(rs.getLong("id"), Channel.valueOf(rs.getString("channel")),
                Direction.valueOf(rs.getString("direction")), rs.getString("external_id"), rs.getString("address"),
                rs.getObject("customer_id", Long.class), rs.getObject("ticket_id", Long.class),
                rs.getObject("handled_by", Long.class), SqlTime.instant(rs, "started_at"),
                SqlTime.instant(rs, "ended_at"), rs.getString("summary"), rs.getString("outcome"));
    }
}
