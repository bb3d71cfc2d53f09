package org.kept.ticket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.TicketFilter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deeper pages of a two-character word are read from its postings alone, skipping the subject check: they must be
 * the same tickets in the same order as the first page's general query reads, with and without personal-data rights,
 * subjects with masked numbers among them.
 */
@KeptTest
class TwoCharacterWordPagesTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TicketSearchIndex index;
    @Autowired
    Clock clock;

    @Test
    void deeperPagesAreSlicesOfTheFirstPageReadTheGeneralWay() {
        TicketStore store = new TicketStore(jdbc, new TicketSearch(jdbc, clock), index);
        Api agent = fixtures.api(fixtures.user("AGENT"));
        long customer = fixtures.customer("两字词客户").id();
        String[] priorities = {"P3", "P1", "P4", "P2", "P3", "P1", "P4", "P2", "P3"};
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < priorities.length; i++) {
            String subject = i % 3 == 0 ? "请回电 1392468" + (1000 + i) + " 檩椽第" + i + "次" : "檩椽 问题" + i;
            made.add(agent.post("/api/v1/tickets", Api.body("type", "INQUIRY", "priority", priorities[i], "customerId", customer,
                    "subject", subject)).expect(201).id());
        }
        fixtures.ticket(agent, customer, "檩条 不相干");
        for (boolean personalData : new boolean[] {true, false}) {
            TicketFilter f = new TicketFilter(Set.of(), null, null, false, null, null, null, "檩椽", "priority", personalData);
            List<Long> whole = CommonWordSearchTest.ids(store.list(f, 0, 50, 1_000));
            assertThat(whole).containsExactlyInAnyOrderElementsOf(made);
            List<Long> paged = new ArrayList<>(CommonWordSearchTest.ids(store.list(f, 0, 2, 1_000)));
            for (int page = 1; page < 5; page++) {
                var deeper = store.list(f, page, 2, 1_000);
                paged.addAll(CommonWordSearchTest.ids(deeper));
                assertThat(deeper.total()).as("page %d", page).isEqualTo(9);
            }
            assertThat(paged).as("personal data %s", personalData).isEqualTo(whole);
        }
    }
}
