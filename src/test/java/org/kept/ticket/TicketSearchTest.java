package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Searching subjects by words ({@code q}) from the bigram index: Chinese fragments anywhere in the subject, in queue
 * order after a priority change, and masking-safe: an outsourced agent matches only the subject as it is shown to
 * them, so {@code q} cannot confirm a phone number digit by digit; a role with personal-data rights finds it.
 */
@KeptTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketSearchTest {

    @Autowired
    Fixtures fixtures;

    Api agent;
    Api outsourced;
    Api complaints;
    long customer;
    String word;
    String national;
    long withPhone;
    long plainLow;
    long plainHigh;

    @BeforeAll
    void ticketsWithAWordAndOneWithAPhoneInItsSubject() {
        agent = fixtures.api(fixtures.user("AGENT"));
        outsourced = fixtures.api(fixtures.user("OUTSOURCED"));
        complaints = fixtures.api(fixtures.user("COMPLAINTS", "major-complaints"));
        customer = fixtures.customer("林黛玉").id();
        // letters only, so no digit of the word can complete a guessed piece of the number
        word = "柘榴" + Long.toString(System.nanoTime(), 10).chars().mapToObj(c -> String.valueOf((char) ('a' + c - '0')))
                .reduce("", String::concat);
        String last4 = String.format("%04d", System.nanoTime() % 10_000);
        national = "1392468" + (last4.equals("2468") ? "1357" : last4);
        withPhone = create("P3", "请回电 " + national + " 关于" + word + "退款");
        plainLow = create("P4", word + "宽带报修");
        plainHigh = create("P2", "宽带报修 " + word + " 第二次");
    }

    long create(String priority, String subject) {
        return agent.post("/api/v1/tickets", body("type", "INQUIRY", "priority", priority, "customerId", customer,
                "subject", subject)).expect(201).id();
    }

    List<Long> ids(Api caller, String q) {
        return caller.get("/api/v1/tickets?customer=" + customer + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                .expect(200).json().path("items").values().stream().map(i -> i.path("id").asLong()).toList();
    }

    @Test
    void findsAFragmentAnywhereInTheSubjectMostUrgentFirst() {
        assertThat(ids(agent, word)).containsExactly(plainHigh, withPhone, plainLow);
        assertThat(ids(agent, "宽带报修")).containsExactly(plainHigh, plainLow);
        assertThat(ids(agent, "报修 " + word)).containsExactly(plainHigh);
        assertThat(ids(agent, "宽带 报修")).isEmpty();
        assertThat(ids(agent, "退款宽带")).isEmpty();
        assertThat(ids(agent, word.toUpperCase())).hasSize(3);
    }

    @Test
    void keepsQueueOrderWhenAPriorityChanges() {
        String other = "调级" + word.substring(2);
        long low = create("P4", other + " 低");
        long mid = create("P3", other + " 中");
        assertThat(ids(agent, other)).containsExactly(mid, low);
        int version = agent.get("/api/v1/tickets/" + low).expect(200).json().path("version").asInt();
        agent.put("/api/v1/tickets/" + low + "/priority", body("priority", "P1", "version", version)).expect(200);
        assertThat(ids(agent, other)).containsExactly(low, mid);
        assertThat(agent.get("/api/v1/tickets?customer=" + customer + "&priority=P1&q=" + URLEncoder.encode(other,
                StandardCharsets.UTF_8)).expect(200).json().path("items").values()).hasSize(1);
    }

    @Test
    void anOutsourcedAgentCannotConfirmAPhoneNumberThroughTheSearch() {
        assertThat(ids(outsourced, national)).isEmpty();
        assertThat(ids(outsourced, "+86" + national)).isEmpty();
        // one hidden digit at a time: the visible prefix plus each guess for the fourth digit matches nothing
        for (int digit = 0; digit <= 9; digit++) {
            assertThat(ids(outsourced, national.substring(0, 3) + digit)).as("guess %d", digit).isEmpty();
            assertThat(ids(outsourced, digit + national.substring(7))).as("guess %d", digit).isEmpty();
        }
        assertThat(ids(outsourced, national.substring(3, 7))).isEmpty();
        // what the page shows stays searchable: the words and the masked number as displayed
        assertThat(ids(outsourced, "请回电")).containsExactly(withPhone);
        String masked = national.substring(0, 3) + "****" + national.substring(7);
        assertThat(ids(outsourced, masked)).containsExactly(withPhone);
        assertThat(outsourced.get("/api/v1/tickets/" + withPhone).expect(200).json().path("subject").asString())
                .contains(masked).doesNotContain(national);
    }

    @Test
    void aRoleWithPersonalDataRightsFindsTheNumber() {
        assertThat(ids(complaints, national)).containsExactly(withPhone);
        assertThat(ids(complaints, national.substring(3, 8))).containsExactly(withPhone);
        assertThat(ids(complaints, national.substring(0, 3) + national.charAt(3))).containsExactly(withPhone);
    }
}
