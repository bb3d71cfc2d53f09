package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.kept.KeptApplication;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.support.KeptTest;
import org.kept.ticket.NewTicket;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketType;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Two Kept instances (this test's application and a second one started here, each with its own connection pool) race
 * over the same due tickets in one PostgreSQL database: every warning and breach is acted on exactly once.
 */
@KeptTest
@Import(SlaWorld.class)
class TwoInstanceSchedulerTest {

    static final int TICKETS = 240;

    @Autowired
    SlaWorld world;

    @Autowired
    SlaScheduler here;

    @Autowired
    Tickets tickets;

    @Value("${spring.datasource.url}")
    String url;

    @Test
    void twoInstancesActOnEachDeadlineExactlyOnce() throws Exception {
        assumeTrue(url.startsWith("jdbc:postgresql:"),
                "needs PostgreSQL (set KEPT_TEST_DB_URL): H2 in memory cannot be shared by two instances");
        String team = world.team();
        world.policy(team, null, 10, null, 1000);
        CurrentUser agent = world.user("AGENT", team);
        world.user("LEAD", team);
        long customer = world.customer(CustomerTier.STANDARD);
        long teamId = world.fixtures.team(team);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            ids.add(tickets.create(new NewTicket(TicketType.INQUIRY, null, null, Priority.P3, "并发 " + i, "", null, null,
                    null, null, customer, teamId, null), agent, null).ticket().id());
        }
        Instant later = world.clock.instant().plus(Duration.ofMinutes(11));  // first-response warning and breach are both due

        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(KeptApplication.class).profiles("test")
                .properties("spring.main.banner-mode=off", "spring.datasource.hikari.maximum-pool-size=5")
                .run("--server.port=0")) {  // an argument: application.yml's ${PORT:8080} wins over default properties
            SlaScheduler there = other.getBean(SlaScheduler.class);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Integer>> racers = List.of(drain(here, later, ids), drain(there, later, ids),
                        drain(here, later, ids), drain(there, later, ids));
                List<Future<Integer>> done = pool.invokeAll(racers);
                int byHere = done.get(0).get() + done.get(2).get();
                int byThere = done.get(1).get() + done.get(3).get();
                System.out.printf("two instances: %d actions here, %d there%n", byHere, byThere);
                assertThat(byHere + byThere).as("actions taken by both instances together").isEqualTo(2 * TICKETS);
                assertThat(byThere).as("the second instance took part in the race").isPositive();
            } finally {
                pool.shutdownNow();
            }
        }
        String in = String.join(",", ids.stream().map(String::valueOf).toList());
        List<Long> perTicket = world.jdbc.sql("select count(*) from ticket_entry where kind in ('SLA_WARNING', 'SLA_BREACH') "
                + "and ticket_id in (" + in + ") group by ticket_id").query(Long.class).list();
        assertThat(perTicket).hasSize(TICKETS).allMatch(n -> n == 2);
        assertThat(world.jdbc.sql("select count(*) from ticket_entry where kind = 'ESCALATED' and ticket_id in (" + in + ")")
                .query(Long.class).single()).as("one hierarchical escalation per breach").isEqualTo(TICKETS);
    }

    /** Runs the scheduler until it finds nothing more to do. */
    private static Callable<Integer> drain(SlaScheduler scheduler, Instant at, List<Long> ids) {
        return () -> {
            int total = 0;
            for (int round = 0; round < 50; round++) {
                int n = scheduler.runDue(at, ids);
                total += n;
                if (n == 0 && round > 2) {
                    break;
                }
            }
            return total;
        };
    }
}
