package org.kept;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;

@KeptTest
class ApplicationSmokeTest {

    @Autowired
    Fixtures fixtures;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthAnswersUp() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        // liveness and readiness are probes of their own (/actuator/health/liveness, /actuator/health/readiness)
        assertThat(response.body()).isEqualTo("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
    }

    @Test
    void anAgentCreatesATicketThroughTheApi() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        long customer = fixtures.customer("李雷").id();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + "/api/v1/tickets"))
                .header("Authorization", "Bearer " + fixtures.token(agent))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"INQUIRY\",\"subject\":\"话费查询\",\"customerId\":" + customer + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"state\":\"NEW\"").containsPattern("\"number\":\"\\d{8}-\\d{4,}\"");
    }
}
