package org.kept.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.kept.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Side doors to personal data: what a masked page hides must not be recoverable by guessing through a search, a
 * match or a look-up, and customers get over the API only what their pages show.
 */
@KeptTest
class SideDoorsTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @Test
    void theTicketSearchCannotConfirmAHiddenDigitOfANumberWrittenWithDots() {
        Api outsourced = fixtures.api(fixtures.user("OUTSOURCED"));
        Api complaints = fixtures.api(fixtures.user("COMPLAINTS", "major-complaints"));
        long customer = fixtures.customer("搜索客户").id();
        // no digits in the word itself: a digit guess must find nothing but the number's hidden part
        String word = "猜号" + Long.toString(System.nanoTime(), 36).chars()
                .mapToObj(c -> String.valueOf((char) (Character.isDigit(c) ? 'g' + (c - '0') : c)))
                .collect(java.util.stream.Collectors.joining());
        var created = fixtures.ticket(outsourced, customer, word + " 回电 139.5555.0003");
        long ticket = created.id();
        String number = created.json().get("number").asText();

        assertThat(ids(outsourced.get("/api/v1/tickets?q=" + word))).contains(ticket);
        assertThat(ids(outsourced.get("/api/v1/tickets?q=0003"))).contains(ticket); // the digits the page shows
        for (String guess : List.of("5555", "139.5555", "9.5", "55.0003", "5")) {
            // the ticket's own number is no secret: a guess it contains finds the ticket by its number, not by the phone
            if (!number.contains(guess)) {
                assertThat(ids(outsourced.get("/api/v1/tickets?q=" + guess))).as(guess).doesNotContain(ticket);
            }
        }
        assertThat(ids(complaints.get("/api/v1/tickets?q=139.5555"))).contains(ticket);
    }

    @Test
    void openMatchesShareOnlyTermsTheReaderMaySee() {
        Api outsourced = fixtures.api(fixtures.user("OUTSOURCED"));
        Api complaints = fixtures.api(fixtures.user("COMPLAINTS", "major-complaints"));
        long customer = fixtures.customer("匹配客户").id();
        fixtures.ticket(outsourced, customer, "空调维修 联系 13955550005");
        String asked = "/api/v1/customers/" + customer + "/open-matches?text=13955550005%20%E7%A9%BA%E8%B0%83%E7%BB%B4%E4%BF%AE";

        JsonNode masked = outsourced.get(asked).expect(200).json();
        assertThat(masked.size()).isEqualTo(1);
        assertThat(masked.toString()).doesNotContain("13955550005", "5555");
        assertThat(masked.get(0).get("sharedTerms").toString()).contains("空调");
        assertThat(complaints.get(asked).expect(200).json().get(0).get("sharedTerms").toString()).contains("13955550005");
    }

    @Test
    void lookUpsByAWholePhoneAreCountedAuditedAndLimited() {
        CurrentUser agent = fixtures.user("OUTSOURCED");
        Api outsourced = fixtures.api(agent);
        Customer known = fixtures.customer("查号客户");
        String phone = URLEncoder.encode(known.primaryPhone(), StandardCharsets.UTF_8);
        try (TestClock.Moved ignored = clock.stoppedAt(clock.instant())) {
            JsonNode found = outsourced.get("/api/v1/customers?q=" + phone).expect(200).json();
            assertThat(found.get(0).get("id").asLong()).isEqualTo(known.id());
            for (int i = 1; i < 60; i++) {
                outsourced.get("/api/v1/customers?q=%2B8613700000" + String.format("%03d", i)).expect(200);
            }
            Response refused = outsourced.get("/api/v1/customers?q=" + phone).expect(429);
            assertThat(refused.contentType()).contains("application/problem+json");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
            // fragments and names are not look-ups: still answered
            outsourced.get("/api/v1/customers?q=%E6%9F%A5%E5%8F%B7").expect(200);
            assertThat(jdbc.sql("select count(*) from audit_entry where actor = ? and action = 'customer.lookup'")
                    .param(agent.username()).query(Long.class).single()).isEqualTo(60);
            assertThat(jdbc.sql("select details from audit_entry where actor = ? and action = 'customer.lookup'"
                            + " and subject = ?").params(agent.username(), "customer:" + known.id())
                    .query(String.class).list()).singleElement().asString().doesNotContain(known.primaryPhone().substring(3));
        }
        try (TestClock.Moved ignored = clock.moved(Duration.ofHours(1).plusMinutes(1))) {
            outsourced.get("/api/v1/customers?q=" + phone).expect(200);
        }
    }

    @Test
    void customersGetArticlesAndTicketsAsTheirPagesShowThem() {
        CurrentUser leadUser = fixtures.user("LEAD");
        Api lead = fixtures.api(leadUser);
        String word = "门户" + Long.toString(System.nanoTime(), 36).replaceAll("\\d", "");
        long article = lead.post("/api/v1/knowledge/articles", body("title", "退款说明 " + word, "body", "退款原路退回。" + word,
                "tags", List.of(word), "audience", "PUBLIC", "reason", "内部理由：法务要求")).expect(201).id();
        CurrentUser customerUser = fixtures.user("CUSTOMER");
        Api customer = fixtures.api(customerUser);

        String one = customer.get("/api/v1/knowledge/articles/" + article).expect(200).body();
        assertThat(one).contains("退款说明", "退款原路退回").doesNotContain("ownerId", "changeRequests", "reviewBy", "stale");
        String versions = customer.get("/api/v1/knowledge/articles/" + article + "/versions").expect(200).body();
        assertThat(versions).contains("退款原路退回").doesNotContain("内部理由", leadUser.displayName(), "editorName", "reason");
        assertThat(customer.get("/api/v1/knowledge/articles/" + article + "/versions/1").expect(200).body())
                .doesNotContain("内部理由", leadUser.displayName());
        assertThat(customer.get("/api/v1/knowledge/articles?limit=500").expect(200).body()).doesNotContain("ownerId");
        String hits = customer.get("/api/v1/knowledge/search?q=" + word).expect(200).body();
        assertThat(hits).contains("退款说明").doesNotContain("score", "stale", "audience");
        // staff keep the whole record
        assertThat(lead.get("/api/v1/knowledge/articles/" + article + "/versions").expect(200).body()).contains("内部理由");

        CurrentUser agentUser = fixtures.user("AGENT");
        Api agent = fixtures.api(agentUser);
        long ticket = customer.post("/api/v1/portal/tickets", body("type", "INQUIRY", "subject", "退款没到",
                "description", "上周申请的退款还没到")).expect(201).id();
        agent.post("/api/v1/tickets/" + ticket + "/replies", body("body", "已为您查询，明天到账")).expect(200);
        String detail = customer.get("/api/v1/portal/tickets/" + ticket).expect(200).body();
        assertThat(detail).contains("明天到账").doesNotContain(agentUser.displayName(), agentUser.username(), "\"actor\"");
    }

    private static List<Long> ids(Response response) {
        return java.util.stream.StreamSupport.stream(response.expect(200).json().get("items").spliterator(), false)
                .map(t -> t.get("id").asLong()).toList();
    }
}
