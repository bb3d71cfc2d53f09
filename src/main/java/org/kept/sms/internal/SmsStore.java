package org.kept.sms.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code sms_template}, {@code sms_message} and {@code sms_reply} tables. */
@Repository
class SmsStore {

    private static final String COLUMNS = "id, contact_id, outbox_id, provider, to_e164, template_code, body, state, "
            + "provider_id, error, created_at";

    private final JdbcClient jdbc;

    SmsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SmsTemplate> template(String code) {
        return jdbc.sql("select code, provider_template_id, body from sms_template where code = ?").param(code)
                .query((rs, n) -> new SmsTemplate(rs.getString("code"), rs.getString("provider_template_id"),
                        rs.getString("body"))).optional();
    }

    long insert(long contactId, long outboxId, String provider, String to, String template, String body, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into sms_message (contact_id, outbox_id, provider, to_e164, template_code, body, state, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, 'QUEUED', ?)")
                .params(contactId, outboxId, provider, to, template, body, SqlTime.utc(now)).update(key, "id");
        return key.getKey().longValue();
    }

    Optional<SmsMessage> byOutbox(long outboxId) {
        return jdbc.sql("select " + COLUMNS + " from sms_message where outbox_id = ?").param(outboxId).query(this::row).optional();
    }

    Optional<SmsMessage> byProviderId(String provider, String providerId) {
        return jdbc.sql("select " + COLUMNS + " from sms_message where provider = ? and provider_id = ? order by id limit 1")
                .params(provider, providerId).query(this::row).optional();
    }

    void sent(long id, String providerId, Instant at) {
        jdbc.sql("update sms_message set state = case when state = 'QUEUED' then 'SENT' else state end, provider_id = ?, "
                        + "sent_at = ? where id = ?")
                .params(providerId, SqlTime.utc(at), id).update();
    }

    /** The provider's last word (DELIVERED or FAILED); returns false when the message already had it. */
    boolean settled(long id, String state, String error, Instant at) {
        return jdbc.sql("update sms_message set state = ?, error = ?, reported_at = ? where id = ? and state <> ?")
                .params(state, cut(error), SqlTime.utc(at), id, state).update() == 1;
    }

    List<SmsMessage> latest(int limit) {
        return jdbc.sql("select " + COLUMNS + " from sms_message order by created_at desc, id desc limit ?")
                .param(limit).query(this::row).list();
    }

    /** True for the first delivery of a reply; a provider's retry of the same message id inserts nothing. */
    boolean firstReply(String provider, String messageId, Instant at) {
        return jdbc.sql("insert into sms_reply (provider, message_id, received_at) values (?, ?, ?) on conflict do nothing")
                .params(provider, messageId, SqlTime.utc(at)).update() == 1;
    }

    void replyContact(String provider, String messageId, long contactId) {
        jdbc.sql("update sms_reply set contact_id = ? where provider = ? and message_id = ?")
                .params(contactId, provider, messageId).update();
    }

    private static String cut(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    private SmsMessage row(ResultSet rs, int n) throws SQLException {
        return new SmsMessage(rs.getLong("id"), rs.getLong("contact_id"), rs.getLong("outbox_id"), rs.getString("provider"),
                rs.getString("to_e164"), rs.getString("template_code"), rs.getString("body"), rs.getString("state"),
                rs.getString("provider_id"), rs.getString("error"), SqlTime.instant(rs, "created_at"));
    }
}
