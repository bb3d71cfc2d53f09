package org.kept.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Search over the API, synonyms, citations, staleness and scripts, as agents and authors use them. */
@KeptTest
class KnowledgeWorkTest {

    @Autowired
    Fixtures fixtures;

    static String unique() {
        return Words.unique();
    }

    @Test
    void searchFindsByWordsNumbersAndSynonymsBestFirstWithASnippet() {
        Api lead = fixtures.api(fixtures.user("LEAD"));
        String brand = "Zq" + unique();
        long id = lead.post("/api/v1/knowledge/articles", body("title", brand + " 15 遗落物品找回", "body",
                "物品遗落在门店时，凭订单号 88123 到前台领取。\n\n保管 30 天。", "tags", List.of("失物"), "audience", "PUBLIC"))
                .expect(201).id();
        Api agent = fixtures.api(fixtures.user("AGENT"));
        JsonNode hits = agent.get("/api/v1/knowledge/search?q=" + brand + "%2015&limit=3").expect(200).json().path("results");
        assertThat(hits.get(0).path("id").asLong()).isEqualTo(id);
        assertThat(hits.get(0).path("score").asDouble()).isPositive();
        // 丢了 is a synonym of 遗落 the centre ships; the snippet is the passage that matched
        JsonNode bySynonym = agent.get("/api/v1/knowledge/search?q=" + brand + "%20丢了&limit=3").expect(200).json().path("results");
        assertThat(bySynonym.get(0).path("id").asLong()).isEqualTo(id);
        assertThat(bySynonym.get(0).path("snippet").asString()).contains("遗落在门店");
        assertThat(agent.get("/api/v1/knowledge/search?q=" + brand + "&category=billing").expect(200).json()
                .path("results").toString()).doesNotContain("\"id\":" + id + ",");
    }

    @Test
    void aCentreSynonymAppliesToTheNextSearch() {
        Api lead = fixtures.api(fixtures.user("LEAD"));
        String made = "甲" + unique();
        String said = "乙" + unique();
        long id = lead.post("/api/v1/knowledge/articles", body("title", made + " 的说明", "body", made + " 的办理步骤。",
                "audience", "INTERNAL")).expect(201).id();
        long group = lead.post("/api/v1/knowledge/synonyms", body("terms", List.of(made, said))).expect(201).id();
        Api agent = fixtures.api(fixtures.user("AGENT"));
        assertThat(agent.get("/api/v1/knowledge/search?q=" + said + "&limit=1").expect(200).json().path("results").get(0)
                .path("id").asLong()).isEqualTo(id);
        lead.delete("/api/v1/knowledge/synonyms/" + group).expect(204);
        agent.post("/api/v1/knowledge/synonyms", body("terms", List.of("x", "y"))).expect(403);
    }

    @Test
    void aReplyCitesTheArticleVersionAndTheArticleFindsEveryTicketThatUsedIt() {
        CurrentUser agentUser = fixtures.user("AGENT");
        Api agent = fixtures.api(agentUser);
        Api lead = fixtures.api(fixtures.user("LEAD"));
        long article = lead.post("/api/v1/knowledge/articles", body("title", "退款时效 " + unique(), "body", "1-3 个工作日。",
                "audience", "PUBLIC")).expect(201).id();
        long customer = fixtures.customer("引用客户").id();
        JsonNode t1 = fixtures.ticket(agent, customer, "退款多久到账").json();
        agent.post("/api/v1/tickets/" + t1.path("id").asLong() + "/replies", body("body", "1-3 个工作日到账。",
                "articleId", article, "articleVersion", 1)).expect(200);
        lead.put("/api/v1/knowledge/articles/" + article, body("title", "退款时效", "body", "1-7 个工作日。", "audience", "PUBLIC",
                "version", 1, "reason", "更正")).expect(200);
        JsonNode t2 = fixtures.ticket(agent, customer, "退款还没到").json();
        agent.post("/api/v1/tickets/" + t2.path("id").asLong() + "/replies", body("body", "1-7 个工作日到账。",
                "articleId", article, "articleVersion", 2)).expect(200);
        // a version that does not exist refuses the reply too: nothing half-recorded
        JsonNode t3 = fixtures.ticket(agent, customer, "第三单").json();
        agent.post("/api/v1/tickets/" + t3.path("id").asLong() + "/replies", body("body", "答复",
                "articleId", article, "articleVersion", 9)).expect(422);
        assertThat(agent.get("/api/v1/tickets/" + t3.path("id").asLong() + "/timeline").expect(200).body()).doesNotContain("答复");

        JsonNode citations = agent.get("/api/v1/knowledge/articles/" + article + "/citations").expect(200).json();
        assertThat(citations.size()).isEqualTo(2);
        assertThat(citations.get(0).path("ticketNumber").asString()).isEqualTo(t2.path("number").asString());
        assertThat(citations.get(0).path("articleVersion").asInt()).isEqualTo(2);
        assertThat(citations.get(1).path("ticketId").asLong()).isEqualTo(t1.path("id").asLong());
        assertThat(citations.get(1).path("articleVersion").asInt()).isEqualTo(1);
    }

    @Test
    void anArticlePastReviewOrTouchedByAnOpenChangeRequestIsStaleUntilTheWorkIsDone() {
        Api lead = fixtures.api(fixtures.user("LEAD"));
        long old = lead.post("/api/v1/knowledge/articles", body("title", "旧资费 " + unique(), "body", "月费 99 元。",
                "audience", "PUBLIC", "reviewBy", LocalDate.now().minusDays(2).toString())).expect(201).id();
        long plan = lead.post("/api/v1/knowledge/articles", body("title", "畅享套餐 " + unique(), "body", "月费 129 元。",
                "audience", "PUBLIC", "reviewBy", LocalDate.now().plusMonths(6).toString())).expect(201).id();
        JsonNode oldJson = lead.get("/api/v1/knowledge/articles/" + old).expect(200).json();
        assertThat(oldJson.path("stale").asBoolean()).isTrue();
        assertThat(oldJson.path("pastReview").asBoolean()).isTrue();
        assertThat(lead.get("/api/v1/knowledge/articles/" + plan).expect(200).json().path("stale").asBoolean()).isFalse();

        JsonNode change = lead.post("/api/v1/knowledge/change-requests", body("kind", "CHANGE", "product", "畅享套餐调价",
                "description", "下月起月费调整", "deadline", LocalDate.now().plusDays(5).toString(),
                "items", List.of(Map.of("articleId", plan), Map.of("title", "新写：调价常见问题")))).expect(201).json();
        JsonNode planJson = lead.get("/api/v1/knowledge/articles/" + plan).expect(200).json();
        assertThat(planJson.path("stale").asBoolean()).isTrue();
        assertThat(planJson.path("changeRequests").toString()).contains("畅享套餐调价");
        assertThat(lead.get("/api/v1/knowledge/articles?stale=true&limit=500").expect(200).body())
                .contains("\"id\":" + old + ",").contains("\"id\":" + plan + ",");
        // the search shows it as stale, and a fresh-only search leaves it out
        Api agent = fixtures.api(fixtures.user("AGENT"));
        String title = planJson.path("title").asString();
        JsonNode hit = agent.get("/api/v1/knowledge/search?q=" + title.replace(" ", "%20") + "&limit=1").expect(200).json()
                .path("results").get(0);
        assertThat(hit.path("id").asLong()).isEqualTo(plan);
        assertThat(hit.path("stale").asBoolean()).isTrue();
        assertThat(agent.get("/api/v1/knowledge/search?fresh=true&q=" + title.replace(" ", "%20")).expect(200).body())
                .doesNotContain("\"id\":" + plan + ",");

        long item = change.path("items").get(0).path("id").asLong();
        lead.post("/api/v1/knowledge/change-requests/" + change.path("id").asLong() + "/items/" + item + "/done", null).expect(200);
        assertThat(lead.get("/api/v1/knowledge/articles/" + plan).expect(200).json().path("stale").asBoolean()).isFalse();
        agent.post("/api/v1/knowledge/change-requests", body("kind", "LAUNCH", "product", "x")).expect(403);
    }

    @Test
    void scriptsComePerChannelWithTheirVariablesFilled() {
        Api agent = fixtures.api(fixtures.user("AGENT"));
        JsonNode phone = agent.get("/api/v1/knowledge/scripts?channel=PHONE").expect(200).json();
        assertThat(phone.toString()).contains("greeting-phone").contains("verify-identity").contains("callback-phone")
                .doesNotContain("greeting-written");
        long callback = 0;
        for (JsonNode s : phone) {
            if (s.path("code").asString().equals("callback-phone")) {
                callback = s.path("id").asLong();
            }
        }
        String text = agent.post("/api/v1/knowledge/scripts/" + callback + "/fill", body("values",
                Map.of("customerName", "张先生", "ticketNumber", "20261122-0001", "agentId", "C1002"))).expect(200)
                .json().path("text").asString();
        assertThat(text).contains("张先生").contains("20261122-0001").contains("C1002").doesNotContain("{customerName}");
        assertThat(Scripts.fill("{deadline} 前", Map.of())).isEqualTo("{deadline} 前");
        Api lead = fixtures.api(fixtures.user("LEAD"));
        String code = "s-" + unique();
        lead.post("/api/v1/knowledge/scripts", body("code", code, "name", "测试", "channel", "WRITTEN", "body", "{customerName}您好"))
                .expect(201);
        lead.post("/api/v1/knowledge/scripts", body("code", code, "name", "测试", "channel", "WRITTEN", "body", "x")).expect(409);
        agent.post("/api/v1/knowledge/scripts", body("code", "s-" + unique(), "name", "x", "channel", "PHONE", "body", "x"))
                .expect(403);
    }
}
