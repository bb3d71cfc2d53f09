package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;

@KeptTest
class TicketCategoryTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Tickets tickets;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> put(String token, String code, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + "/api/v1/ticket-categories/" + code))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAdministratorAddsAndRenamesACategoryThatTicketsCanThenUse() throws Exception {
        String admin = fixtures.token(fixtures.user("ADMIN", null));
        String code = "campaign-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(put(admin, code, "{\"nameZh\":\"双十一活动\",\"nameEn\":\"Singles' Day\"}").statusCode()).isEqualTo(201);
        assertThat(put(admin, code, "{\"nameZh\":\"双十一大促\",\"nameEn\":\"Singles' Day sale\"}").statusCode()).isEqualTo(200);
        assertThat(tickets.categories()).contains(new Tickets.Category(code, "双十一大促", "Singles' Day sale"));
    }

    @Test
    void agentsCannotChangeCategoriesAndBadCodesAreRefused() throws Exception {
        String agent = fixtures.token(fixtures.user("AGENT"));
        assertThat(put(agent, "x-" + UUID.randomUUID().toString().substring(0, 6), "{\"nameZh\":\"甲\",\"nameEn\":\"A\"}")
                .statusCode()).isEqualTo(403);
        String admin = fixtures.token(fixtures.user("ADMIN", null));
        HttpResponse<String> bad = put(admin, "Bad_Code", "{\"nameZh\":\"甲\",\"nameEn\":\"A\"}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    }
}
