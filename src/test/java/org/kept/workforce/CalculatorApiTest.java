package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@KeptTest
class CalculatorApiTest {

    private static final String EXAMPLE = "/api/v1/workforce/erlang-c?calls=100&intervalSeconds=1800&ahtSeconds=180"
            + "&targetSeconds=20&serviceLevel=0.8";

    @Autowired
    Fixtures fixtures;

    @Test
    void theWorkedExampleNeeds14AgentsAnd20WithShrinkage() {
        Api planner = fixtures.api(fixtures.user("PLANNER", null));
        JsonNode json = planner.get(EXAMPLE + "&shrinkage=0.3").expect(200).json();
        assertThat(json.get("agents").asInt()).isEqualTo(14);
        assertThat(json.get("serviceLevel").asDouble()).isCloseTo(0.888, within(0.001));
        assertThat(json.get("probabilityOfWaiting").asDouble()).isCloseTo(0.1741, within(0.0001));
        assertThat(json.get("asaSeconds").asDouble()).isCloseTo(7.84, within(0.01));
        assertThat(json.get("occupancy").asDouble()).isCloseTo(10.0 / 14, within(1e-9));
        assertThat(json.get("grossAgents").asInt()).isEqualTo(20);
    }

    @Test
    void evaluatesAGivenStaffingAndErlangA() {
        Api planner = fixtures.api(fixtures.user("PLANNER", null));
        JsonNode c = planner.get(EXAMPLE + "&agents=13").expect(200).json();
        assertThat(c.get("agents").asInt()).isEqualTo(13);
        assertThat(c.get("serviceLevel").asDouble()).isCloseTo(0.7956, within(0.0001));
        JsonNode a = planner.get("/api/v1/workforce/erlang-a?calls=100&intervalSeconds=1800&ahtSeconds=180"
                + "&patienceSeconds=120&agents=13&targetSeconds=20").expect(200).json();
        assertThat(a.get("probabilityOfAbandon").asDouble()).isBetween(0.0, 0.05);
        assertThat(a.get("probabilityOfWaiting").asDouble()).isLessThan(c.get("probabilityOfWaiting").asDouble());
        assertThat(a.has("serviceLevel") && a.has("asaSeconds") && a.has("occupancy")).isTrue();
    }

    @Test
    void badInputIsAClear422NeverNaN() {
        Api lead = fixtures.api(fixtures.user("LEAD"));
        String base = "/api/v1/workforce/erlang-c?calls=100&ahtSeconds=180&targetSeconds=20";
        for (String bad : new String[] {
                base + "&intervalSeconds=0&serviceLevel=0.8",
                base + "&intervalSeconds=1800&serviceLevel=1.2",
                base + "&intervalSeconds=1800&serviceLevel=NaN",
                base + "&intervalSeconds=1800&serviceLevel=0.8&shrinkage=-0.1",
                base + "&intervalSeconds=-5&serviceLevel=0.8",
                base + "&intervalSeconds=1800&serviceLevel=0.8&agents=10",
                base + "&intervalSeconds=1800&serviceLevel=0.8&agents=9",
                base + "&intervalSeconds=1800&serviceLevel=0.8&maxOccupancy=Infinity",
                "/api/v1/workforce/erlang-c?calls=-1&intervalSeconds=1800&ahtSeconds=180&targetSeconds=20&serviceLevel=0.8",
                "/api/v1/workforce/erlang-c?intervalSeconds=1800&ahtSeconds=180&targetSeconds=20&serviceLevel=0.8",
                "/api/v1/workforce/erlang-a?calls=100&intervalSeconds=1800&ahtSeconds=180&patienceSeconds=0&agents=5"
                        + "&targetSeconds=20",
                // an enormous question is refused in good time, not computed for minutes
                "/api/v1/workforce/erlang-a?calls=10000000&intervalSeconds=1800&ahtSeconds=18&patienceSeconds=86400"
                        + "&agents=100000&targetSeconds=86400"}) {
            Response r = lead.get(bad);
            assertThat(r.status()).as(r.toString()).isEqualTo(422);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.detail()).as(r.toString()).isNotBlank();
            assertThat(r.body()).doesNotContain(":NaN", ":Infinity", "Exception");
        }
        assertThat(lead.get(base + "&intervalSeconds=1800&serviceLevel=0.8&agents=10").detail()).contains("10");
    }

    @Test
    void agentsMayNotUseTheCalculator() {
        fixtures.api(fixtures.user("AGENT")).get(EXAMPLE).expect(403);
    }
}
