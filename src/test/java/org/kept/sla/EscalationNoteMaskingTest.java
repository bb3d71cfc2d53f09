package org.kept.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import tools.jackson.databind.JsonNode;

/**
 * The escalation's handover note quotes the customer's last message, cut short: the cut must not leave part of a
 * phone number that the reader's mask no longer recognises.
 */
@KeptTest
class EscalationNoteMaskingTest {

    @org.springframework.beans.factory.annotation.Autowired
    Fixtures fixtures;

    @Test
    void aNumberCutByTheHandoverNoteStaysMaskedForAnOutsourcedAgent() {
        CurrentUser customer = fixtures.user("CUSTOMER");
        Api portal = fixtures.api(customer);
        Api outsourced = fixtures.api(fixtures.user("OUTSOURCED"));
        long ticket = outsourced.post("/api/v1/tickets", body("type", "COMPLAINT", "subject", "配送投诉",
                "customerId", customer.customerId(), "teamId", fixtures.team("hotline"))).expect(201).id();
        // 193 characters before the number: a cut at 200 keeps its first seven digits, four of them hidden ones
        String message = "快".repeat(193) + "13966660001，请尽快回电";
        portal.post("/api/v1/portal/tickets/" + ticket + "/replies", body("body", message)).expect(200);

        outsourced.post("/api/v1/tickets/" + ticket + "/escalations", body("note", "客户很着急")).expect(201);

        JsonNode timeline = outsourced.get("/api/v1/tickets/" + ticket + "/timeline").expect(200).json();
        List<String> texts = texts(timeline, new ArrayList<>());
        assertThat(texts).anySatisfy(t -> assertThat(t).containsAnyOf("客户最近来信", "Last from the customer"));
        for (String text : texts) {
            assertThat(text.replaceAll("\\D", "")).as(text).doesNotContain("6666");
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
