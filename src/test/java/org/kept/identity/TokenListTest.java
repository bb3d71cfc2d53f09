package org.kept.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import org.junit.jupiter.api.Test;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A person lists their own API tokens (never the secrets) and revokes one, e.g. a laptop's that was lost. */
@KeptTest
class TokenListTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void theListShowsOnesOwnTokensWithoutTheirSecretsAndMarksTheOneInUse() {
        CurrentUser user = fixtures.user("AGENT");
        String first = fixtures.token(user);
        String second = fixtures.token(user);
        fixtures.token(fixtures.user("AGENT"));
        Response list = fixtures.api().as(second).get("/api/v1/auth/tokens").expect(200);
        assertThat(list.body()).doesNotContain(first, second, first.substring(5), second.substring(5));
        JsonNode tokens = list.json();
        assertThat(tokens.size()).as("only the caller's").isEqualTo(2);
        for (JsonNode token : tokens) {
            assertThat(token.path("id").asString()).matches("[0-9a-f]{16}");
            assertThat(token.path("createdAt").asString()).isNotBlank();
            assertThat(token.path("expiresAt").asString()).isNotBlank();
        }
        assertThat(tokens.findValues("current").stream().filter(JsonNode::asBoolean).count()).isEqualTo(1);
    }

    @Test
    void revokingOneTokenClosesItAndLeavesTheOthersOpen() {
        CurrentUser user = fixtures.user("AGENT");
        Api lost = fixtures.api().as(fixtures.token(user));
        Api kept = fixtures.api().as(fixtures.token(user));
        lost.get("/api/v1/ticket-categories").expect(200);
        String lostId = null;
        for (JsonNode token : lost.get("/api/v1/auth/tokens").expect(200).json()) {
            if (token.path("current").asBoolean()) {
                lostId = token.path("id").asString();
            }
        }
        kept.delete("/api/v1/auth/tokens/" + lostId).expect(204);
        assertThat(lost.get("/api/v1/ticket-categories").status()).isEqualTo(401);
        assertThat(kept.get("/api/v1/auth/tokens").expect(200).json().size()).isEqualTo(1);
        assertThat(kept.delete("/api/v1/auth/tokens/" + lostId).status()).as("already gone").isEqualTo(404);
    }

    @Test
    void nobodyRevokesSomeoneElsesToken() {
        CurrentUser owner = fixtures.user("AGENT");
        Api ownerApi = fixtures.api().as(fixtures.token(owner));
        String id = ownerApi.get("/api/v1/auth/tokens").expect(200).json().get(0).path("id").asString();
        Response other = fixtures.api(fixtures.user("ADMIN")).delete("/api/v1/auth/tokens/" + id);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.contentType()).startsWith("application/problem+json");
        ownerApi.get("/api/v1/ticket-categories").expect(200);
        assertThat(fixtures.api(owner).delete("/api/v1/auth/tokens/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void aPasswordIsNeverNeededToListAndNoTokenMeansUnauthorized() {
        assertThat(fixtures.api().get("/api/v1/auth/tokens").status()).isEqualTo(401);
        assertThat(fixtures.api().post("/api/v1/auth/tokens", body("username", "x")).status()).isEqualTo(422);
    }
}
