package org.kept.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Customers over the API: phones in any common format stored as E.164, found again by any format. */
@KeptTest
class CustomerApiTest {

    @Autowired
    Fixtures fixtures;

    Api complaints;
    Api agent;
    String national;

    @BeforeEach
    void callers() {
        complaints = fixtures.api(fixtures.user("COMPLAINTS", "major-complaints"));
        agent = fixtures.api(fixtures.user("AGENT"));
        national = "136" + String.format("%08d", System.nanoTime() % 100_000_000);
    }

    @Test
    void phonesAreStoredAsE164AndEmailsInLowerCase() {
        String spaced = "+86 " + national.substring(0, 3) + "-" + national.substring(3, 7) + "-" + national.substring(7);
        Response created = complaints.post("/api/v1/customers", body("name", "  欧阳锋  ", "tier", "VIP",
                "phones", List.of(spaced, "010-6552 9988", national), "emails", List.of("OuYang@Example.COM"))).expect(201);
        JsonNode customer = complaints.get("/api/v1/customers/" + created.id()).expect(200).json();
        assertThat(customer.path("name").asString()).isEqualTo("欧阳锋");
        assertThat(customer.path("tier").asString()).isEqualTo("VIP");
        assertThat(customer.path("phones").values()).extracting(JsonNode::asString)
                .containsExactly("+86" + national, "+861065529988");
        assertThat(customer.path("emails").values()).extracting(JsonNode::asString).containsExactly("ouyang@example.com");
    }

    @Test
    void aCustomerIsFoundByPhoneInAnyFormatByEmailAndByName() {
        long id = complaints.post("/api/v1/customers", body("name", "黄药师" + national, "phones", List.of(national),
                "emails", List.of(national + "@example.com"))).expect(201).id();
        for (String q : List.of(national, "%2B86" + national, national.substring(0, 3) + "%20" + national.substring(3),
                national + "@EXAMPLE.com", "%E9%BB%84%E8%8D%AF%E5%B8%88" + national)) {
            assertThat(agent.get("/api/v1/customers?q=" + q).expect(200).json().values())
                    .as(q).extracting(c -> c.path("id").asLong()).containsExactly(id);
        }
    }

    @Test
    void theBaselineTierIsStandard() {
        Response created = agent.post("/api/v1/customers", body("name", "郭靖")).expect(201);
        assertThat(created.json().path("tier").asString()).isEqualTo("STANDARD");
    }

    @Test
    void invalidContactPointsAreRefusedWithTheValue() {
        Response phone = agent.post("/api/v1/customers", body("name", "洪七公", "phones", List.of("12345")));
        assertThat(phone.status()).isEqualTo(422);
        assertThat(phone.detail()).isEqualTo("'12345' is not a valid phone number.");
        Response email = agent.post("/api/v1/customers", body("name", "洪七公", "emails", List.of("not-an-email")));
        assertThat(email.status()).isEqualTo(422);
        assertThat(email.detail()).contains("not-an-email");
        assertThat(agent.post("/api/v1/customers", body("name", "")).status()).isEqualTo(422);
        assertThat(agent.post("/api/v1/customers", body("name", "名".repeat(101))).status()).isEqualTo(422);
        assertThat(agent.post("/api/v1/customers", body("name", "多号", "phones",
                List.of("13600000001", "13600000002", "13600000003", "13600000004", "13600000005", "13600000006")))
                .status()).isEqualTo(422);
        assertThat(agent.post("/api/v1/customers", body("name", "等级", "tier", "GOLD")).status()).isEqualTo(400);
    }
}
