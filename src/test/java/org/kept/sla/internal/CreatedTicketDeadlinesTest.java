package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.customer.CustomerTier;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * A create's answer shows the deadlines the create stored without reading the clock back (docs/benchmarks.md §27):
 * they are the ones a later read of the ticket shows, to the microsecond, and the hand-over does not leak into other
 * reads.
 */
@KeptTest
@Import(SlaWorld.class)
class CreatedTicketDeadlinesTest {

    private static final List<String> CLOCK = List.of("firstResponseDue", "nextUpdateDue", "resolutionDue", "escalationAt",
            "pausedSince", "pausedMinutes", "expedites", "escalationLevel");

    @Autowired
    SlaWorld world;

    @Test
    void theCreatesAnswerShowsTheDeadlinesAsStored() {
        SlaWorld.Desk desk = world.desk(60, 120, 600);
        long customer = world.customer(CustomerTier.STANDARD);
        JsonNode first = world.ticket(desk.agent(), customer, desk.team(), "发票开错了");
        JsonNode second = world.ticket(desk.agent(), customer, desk.team(), "发票又开错了");
        for (JsonNode created : List.of(first, second)) {
            assertThat(created.get("firstResponseDue").isNull()).isFalse();
            JsonNode read = desk.agent().get("/api/v1/tickets/" + created.get("id").asLong()).expect(200).json();
            for (String field : CLOCK) {
                assertThat(created.get(field)).as(field).isEqualTo(read.get(field));
            }
        }
    }
}
