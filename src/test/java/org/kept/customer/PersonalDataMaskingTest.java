package org.kept.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * No unmasked phone (E.164 or the 11-digit national form, however it is spaced) or email of a customer reaches an
 * outsourced agent by any API route; the major-complaints group sees them in full.
 */
@KeptTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalDataMaskingTest {

    @Autowired
    Fixtures fixtures;

    Api agent;
    Api outsourced;
    Api complaints;
    String national;
    String e164;
    String email;
    long customer;
    long ticket;
    String subjectWord;

    @BeforeAll
    void aCustomerWhosePhoneAndEmailAreWrittenEverywhere() {
        agent = fixtures.api(fixtures.user("AGENT"));
        outsourced = fixtures.api(fixtures.user("OUTSOURCED"));
        complaints = fixtures.api(fixtures.user("COMPLAINTS", "major-complaints"));
        national = "137" + String.format("%08d", System.nanoTime() % 100_000_000);
        e164 = "+86" + national;
        email = "wang.fang" + System.nanoTime() % 100_000 + "@example.com";
        String spaced = national.substring(0, 3) + " " + national.substring(3, 7) + " " + national.substring(7);
        customer = agent.post("/api/v1/customers", body("name", "王芳", "phones", List.of(spaced), "emails", List.of(email),
                "notes", "白天请打 " + national + "，或发邮件 " + email)).expect(201).id();
        subjectWord = "回电" + System.nanoTime();
        Response created = agent.post("/api/v1/tickets", body("type", "COMPLAINT", "customerId", customer,
                "subject", subjectWord + " 客户 " + national + " 投诉配送",
                "description", "客户称快递未送达，请回电 " + national + " 或 +86 " + spaced + "，邮箱 " + email,
                "incidentTime", "昨天下午，客户留的电话 " + national,
                "incidentPlace", "北京市朝阳区，联系 " + national,
                "peopleInvolved", "快递员（客户提供其电话 " + national + "）",
                "contactPhone", national)).expect(201);
        ticket = created.id();
        agent.post("/api/v1/tickets/" + ticket + "/replies", body("body", "已登记，会打 " + national + " 回复您")).expect(200);
        agent.post("/api/v1/tickets/" + ticket + "/notes", body("body", "客户另一个邮箱 " + email)).expect(200);
    }

    List<Response> everyRouteAnOutsourcedAgentHas() {
        return List.of(
                outsourced.get("/api/v1/tickets/" + ticket),
                outsourced.get("/api/v1/tickets?customer=" + customer),
                outsourced.get("/api/v1/tickets?q=" + subjectWord),
                outsourced.get("/api/v1/tickets?sort=-created&size=100"),
                outsourced.get("/api/v1/tickets/" + ticket + "/timeline"),
                outsourced.get("/api/v1/customers/" + customer + "/history"),
                outsourced.get("/api/v1/customers/" + customer),
                outsourced.get("/api/v1/customers?q=" + national),
                outsourced.get("/api/v1/customers?q=%2B86" + national),
                outsourced.get("/api/v1/customers?q=" + email),
                outsourced.get("/api/v1/customers?q=%E7%8E%8B%E8%8A%B3"),
                outsourced.post("/api/v1/tickets/" + ticket + "/notes", body("body", "外包坐席备注，客户电话 " + national)),
                outsourced.post("/api/v1/tickets/" + ticket + "/replies", body("body", "我们会打 " + national)),
                outsourced.post("/api/v1/tickets", body("type", "INQUIRY", "customerId", customer,
                        "subject", "外包记录 " + national, "description", "电话 " + national + " 邮箱 " + email,
                        "contactPhone", e164)));
    }

    @Test
    void anOutsourcedAgentNeverReceivesAnUnmaskedPhoneOrEmail() {
        for (Response response : everyRouteAnOutsourcedAgentHas()) {
            assertThat(response.status()).as(response.toString()).isBetween(200, 299);
            assertMasked(response);
        }
    }

    @Test
    void theOutsourcedAgentStillSeesWhichCustomerAndWhatCaseItIs() {
        JsonNode json = outsourced.get("/api/v1/tickets/" + ticket).expect(200).json();
        String masked = national.substring(0, 3) + "****" + national.substring(7);
        assertThat(json.path("customer").path("name").asString()).isEqualTo("王芳");
        assertThat(json.path("customer").path("phone").asString()).isEqualTo(masked);
        assertThat(json.path("contactPhone").asString()).isEqualTo(masked);
        assertThat(json.path("description").asString()).contains("快递未送达", masked, "w***@example.com");
        assertThat(json.path("masked").asBoolean()).isTrue();
        JsonNode person = outsourced.get("/api/v1/customers/" + customer).expect(200).json();
        assertThat(person.path("phones").get(0).asString()).isEqualTo(masked);
        assertThat(person.path("emails").get(0).asString()).isEqualTo("w***@example.com");
        assertThat(person.path("masked").asBoolean()).isTrue();
    }

    @Test
    void anInHouseAgentSeesThemMaskedTooUntilRevealingOne() {
        assertMasked(agent.get("/api/v1/tickets/" + ticket).expect(200));
        assertMasked(agent.get("/api/v1/customers/" + customer).expect(200));
        assertMasked(agent.get("/api/v1/tickets/" + ticket + "/timeline").expect(200));
    }

    @Test
    void theMajorComplaintsGroupSeesThemInFull() {
        JsonNode json = complaints.get("/api/v1/tickets/" + ticket).expect(200).json();
        assertThat(json.path("masked").asBoolean()).isFalse();
        assertThat(json.path("contactPhone").asString()).isEqualTo(e164);
        assertThat(json.path("customer").path("phone").asString()).isEqualTo(e164);
        assertThat(json.path("subject").asString()).contains(national);
        assertThat(json.path("description").asString()).contains(national, email);
        JsonNode person = complaints.get("/api/v1/customers/" + customer).expect(200).json();
        assertThat(person.path("phones").get(0).asString()).isEqualTo(e164);
        assertThat(person.path("emails").get(0).asString()).isEqualTo(email);
        assertThat(person.path("notes").asString()).contains(national, email);
        assertThat(complaints.get("/api/v1/tickets/" + ticket + "/timeline").expect(200).body()).contains(national, email);
        assertThat(complaints.get("/api/v1/customers/" + customer + "/history").expect(200).body()).contains(e164);
    }

    /** Neither the E.164 number, nor its eleven digits however spaced, nor the email appears in any text of the answer. */
    void assertMasked(Response response) {
        assertThat(response.body()).as(response.call()).doesNotContain(e164, email);
        for (String text : texts(response.json(), new ArrayList<>())) {
            assertThat(text.replaceAll("\\D", "")).as(response.call() + " leaks a phone in: " + text).doesNotContain(national);
        }
    }

    private static List<String> texts(JsonNode node, List<String> into) {
        if (node.isString()) {
            into.add(node.asString());
        }
        node.values().forEach(child -> texts(child, into));
        return into;
    }
}
