package org.kept.ticket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.kept.shared.Masking;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A masked subject made by an older, weaker masking (it let 139.5555.0004 through) is never matched by a viewer
 * without personal-data rights (but by a word of ideographs, which no masking touches), and the index remakes it at
 * startup with today's masking.
 */
@KeptTest
class RemaskedSearchTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TicketSearchIndex index;

    @Test
    void anOlderMaskedSubjectIsNotMatchedAndIsRemadeAtStartup() {
        Api outsourced = fixtures.api(fixtures.user("OUTSOURCED"));
        String word = "旧掩码" + System.nanoTime();
        long customer = fixtures.customer("旧掩码客户").id();
        long ticket = fixtures.ticket(outsourced, customer, word + " 139.5555.0004").id();
        // nothing to mask: a new version only moves its mark (in a batch), and it is found again
        long plain = fixtures.ticket(outsourced, customer, word + " 无号码").id();
        // as the index stood before V10: version 1, and the weaker masking had left the subject as it was
        jdbc.sql("update ticket_search_text set masked_subject = null, masked_with = 1 where ticket_id in (?, ?)").params(ticket, plain).update();

        assertThat(ids(outsourced, "5555")).doesNotContain(ticket);
        assertThat(ids(outsourced, word)).doesNotContain(ticket, plain); // not matched at all until remade
        // a word of ideographs alone cannot meet anything masking changes: no masked copy is needed to match it
        assertThat(ids(outsourced, "旧掩码")).contains(ticket, plain);

        index.catchUp();

        assertThat(jdbc.sql("select masked_with from ticket_search_text where ticket_id = ?").param(ticket)
                .query(Integer.class).single()).isEqualTo(Masking.VERSION);
        assertThat(jdbc.sql("select masked_with from ticket_search_text where ticket_id = ?").param(plain)
                .query(Integer.class).single()).isEqualTo(Masking.VERSION);
        assertThat(ids(outsourced, word)).contains(ticket, plain);
        assertThat(ids(outsourced, "139****0004")).contains(ticket);
        assertThat(ids(outsourced, "5555")).doesNotContain(ticket);
    }

    private static List<Long> ids(Api caller, String q) {
        return StreamSupport.stream(caller.get("/api/v1/tickets?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))
                        .expect(200).json().get("items").spliterator(), false)
                .map(t -> t.get("id").asLong()).toList();
    }
}
