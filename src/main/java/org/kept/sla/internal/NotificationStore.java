package org.kept.sla.internal;

import org.kept.shared.Masking;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.kept.shared.CentreZone;
import org.kept.shared.LocalText;
import org.kept.sla.Notification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** In-app notifications (站内通知): escalations, expedites and commitment reminders land here. */
@Repository
class NotificationStore {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CentreZone zone;

    NotificationStore(JdbcClient jdbc, Clock clock, CentreZone zone) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
    }

    /** The body is stored as a message key and arguments, so each reader reads it in their own language. */
    void send(Collection<Long> userIds, String kind, Long ticketId, LocalText body) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        // cut what people typed (a reason, a promise), never the key: the text must stay renderable
        String text = body.stored().length() > 1000 ? body.cut(100).stored() : body.stored();
        // one statement for everyone told (a team's leads, a whole group), not one per person
        List<Long> users = userIds.stream().distinct().toList();
        for (int from = 0; from < users.size(); from += 200) {
            List<Long> chunk = users.subList(from, Math.min(users.size(), from + 200));
            List<Object> params = new java.util.ArrayList<>(chunk.size() * 5);
            for (Long user : chunk) {
                params.addAll(java.util.Arrays.asList(user, kind, ticketId, text, now));
            }
            jdbc.sql("insert into notification (user_id, kind, ticket_id, body, created_at) values "
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?, ?, ?, ?)")))
                    .params(params).update();
        }
    }

    List<Notification> of(long userId, boolean unreadOnly, int limit) {
        return jdbc.sql("select id, kind, ticket_id, body, created_at, read_at from notification where user_id = ?"
                        + (unreadOnly ? " and read_at is null" : "") + " order by id desc limit ?")
                .params(userId, limit)
                .query((rs, i) -> new Notification(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class),
                        rs.getString(4), centre(rs.getObject(5, OffsetDateTime.class)), centre(rs.getObject(6, OffsetDateTime.class))))
                .list();
    }

    long unread(long userId) {
        return jdbc.sql("select count(*) from (select 1 from notification where user_id = ? and read_at is null limit 100) n")
                .param(userId).query(Long.class).single();
    }

    /** Every unread notification of this reader, read now; how many there were. */
    int markAllRead(long userId) {
        return jdbc.sql("update notification set read_at = ? where user_id = ? and read_at is null")
                .params(clock.instant().atOffset(ZoneOffset.UTC), userId).update();
    }

    /** Times as the centre reads them (15:08 UTC is 23:08 in Shanghai), whatever the database session's zone. */
    private OffsetDateTime centre(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(zone.zone()).toOffsetDateTime();
    }

    /** False when the notification is not this reader's (or does not exist). */
    boolean markRead(long id, long userId) {
        return jdbc.sql("update notification set read_at = coalesce(read_at, ?) where id = ? and user_id = ?")
                .params(clock.instant().atOffset(ZoneOffset.UTC), id, userId).update() == 1;
    }
}
