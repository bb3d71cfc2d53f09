package org.kept.ticket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.shared.Page;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.TicketFilter;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketSummary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A common word in a narrow queue is read from the queue in order with the subject check instead of from the word's
 * postings: both ways in give the same pages in the same order, for viewers with and without personal-data rights, and
 * a count that stopped at its bound says "at least" without falling below the rows already shown. Here every bigram
 * with a posting counts as common for one store, and none for the other.
 */
@KeptTest
class CommonWordSearchTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TicketSearchIndex index;
    @Autowired
    Clock clock;

    TicketStore byPostings;
    TicketStore byQueue;
    long customer;
    String word;
    List<Long> withWord = new ArrayList<>();

    @BeforeEach
    void aCustomerWithSevenTicketsHoldingAWordAndTwoWithout() {
        byPostings = new TicketStore(jdbc, new TicketSearch(jdbc, Integer.MAX_VALUE, clock), index);
        byQueue = new TicketStore(jdbc, new TicketSearch(jdbc, 1, clock), index);
        Api agent = fixtures.api(fixtures.user("AGENT"));
        customer = fixtures.customer("常用词客户").id();
        word = "常用" + Long.toString(System.nanoTime(), 36).replaceAll("\\d", "");
        String[] priorities = {"P3", "P1", "P4", "P2", "P3", "P1", "P4"};
        for (int i = 0; i < priorities.length; i++) {
            String subject = i == 2 ? "请回电 13924681357 " + word : word + " 第" + i + "次";
            withWord.add(agent.post("/api/v1/tickets", Api.body("type", "INQUIRY", "priority", priorities[i],
                    "customerId", customer, "subject", subject)).expect(201).id());
        }
        fixtures.ticket(agent, customer, "别的事 一");
        fixtures.ticket(agent, customer, "别的事 二");
    }

    TicketFilter filter(String text, boolean personalData) {
        return new TicketFilter(Set.of(), null, null, false, null, null, customer, text, "priority", personalData);
    }

    @Test
    void newestOrOldestFirstOverAllTicketsGiveTheSamePagesBothWays() {
        for (String sort : new String[] {"created", "-created"}) {
            List<Long> all = new ArrayList<>();
            for (int page = 0; page < 3; page++) {
                TicketFilter everyone = new TicketFilter(Set.of(), null, null, false, null, null, null, word, sort, true);
                Page<TicketSummary> queue = byQueue.list(everyone, page, 3, 1_000);
                assertThat(ids(queue)).as("%s page %d", sort, page).isEqualTo(ids(byPostings.list(everyone, page, 3, 1_000)));
                all.addAll(ids(queue));
            }
            List<Long> newestFirst = new ArrayList<>(withWord);
            java.util.Collections.reverse(newestFirst);
            assertThat(all).isEqualTo(sort.equals("created") ? withWord : newestFirst);
        }
    }

    static List<Long> ids(Page<TicketSummary> page) {
        return page.items().stream().map(TicketSummary::id).toList();
    }

    @Test
    void bothWaysInGiveTheSamePagesInQueueOrder() {
        for (boolean personalData : new boolean[] {true, false}) {
            List<Long> all = new ArrayList<>();
            for (int page = 0; page < 4; page++) {
                Page<TicketSummary> queue = byQueue.list(filter(word, personalData), page, 2, 1_000);
                Page<TicketSummary> postings = byPostings.list(filter(word, personalData), page, 2, 1_000);
                assertThat(ids(queue)).as("page %d, personal data %s", page, personalData).isEqualTo(ids(postings));
                assertThat(queue.total()).isEqualTo(postings.total()).isEqualTo(7);
                assertThat(queue.totalCapped()).isFalse();
                all.addAll(ids(queue));
            }
            assertThat(all).containsExactlyInAnyOrderElementsOf(withWord);
            List<Integer> ranks = all.stream().map(id -> jdbc.sql("select priority from ticket where id = ?").param(id)
                    .query(Integer.class).single()).toList();
            assertThat(ranks).isSorted();
        }
    }

    @Test
    void aNumberThePageHidesIsNotConfirmedEitherWay() {
        assertThat(ids(byQueue.list(filter("24681357", false), 0, 25, 1_000))).isEmpty();
        assertThat(ids(byPostings.list(filter("24681357", false), 0, 25, 1_000))).isEmpty();
        assertThat(ids(byQueue.list(filter("24681357", true), 0, 25, 1_000))).containsExactly(withWord.get(2));
    }

    @Test
    void aCountStoppedAtItsBoundSaysAtLeastAndNeverLessThanShown() {
        Page<String> floor = new Counted(3, true).page(List.of("a", "b"), 4, 2, 1_000);
        assertThat(floor.total()).isEqualTo(10);
        assertThat(floor.totalCapped()).isTrue();
        Page<String> exact = new Counted(7, false).page(List.of("a"), 3, 2, 1_000);
        assertThat(exact.total()).isEqualTo(7);
        assertThat(exact.totalCapped()).isFalse();
        Page<String> overCap = new Counted(1_200, false).page(List.of("a", "b"), 0, 2, 1_000);
        assertThat(overCap.total()).isEqualTo(1_000);
        assertThat(overCap.totalCapped()).isTrue();
    }
}
