package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.kept.shared.CentreZone;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.Channel;
import org.kept.workforce.internal.ContactHistory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Contacts counted per half hour in the database land in the centre's own day and interval. */
@KeptTest
class ContactHistoryTest {

    @Autowired
    ContactHistory history;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CentreZone zone;

    @Test
    void countsPerChannelDayAndInterval() {
        // a ticket moved to 13:40 centre time on a quiet day far back, where no other test records contacts
        long id = fixtures.ticket(fixtures.api(fixtures.user("AGENT")), fixtures.customer("历史客户").id(), "历史来电").id();
        LocalDate day = LocalDate.of(2001, 1, 1).plusDays(System.nanoTime() % 3000);
        ZonedDateTime at = day.atTime(13, 40).atZone(zone.zone());
        OffsetDateTime created = jdbc.sql("select created_at from ticket where id = ?").param(id).query(OffsetDateTime.class).single();
        jdbc.sql("update ticket set created_at = ?, channel = 'CHAT' where id = ?").params(OffsetDateTime.from(at), id).update();
        try {
            check(day);
        } finally {
            // the database is shared: the centre's history starts when it did, not in the year this test borrowed
            jdbc.sql("update ticket set created_at = ? where id = ?").params(created, id).update();
        }
    }

    private void check(LocalDate day) {
        long sameSlot = jdbc.sql("select count(*) from ticket where channel = 'CHAT' and created_at >= ? and created_at < ?")
                .params(OffsetDateTime.from(day.atTime(13, 30).atZone(zone.zone())),
                        OffsetDateTime.from(day.atTime(14, 0).atZone(zone.zone()))).query(Long.class).single();
        double[] counts = history.counts(day, day.plusDays(1)).get(Channel.CHAT).get(day);
        assertThat(counts[27]).isEqualTo((double) sameSlot).isGreaterThanOrEqualTo(1);
        assertThat(history.counts(day.minusDays(1), day).get(Channel.CHAT)).doesNotContainKey(day);
    }
}
