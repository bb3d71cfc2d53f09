package org.kept.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@KeptTest
class ArticleVersionsTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void everyEditIsAVersionWithWhoAndWhyAndARollbackIsANewVersion() {
        Api lead = fixtures.api(fixtures.user("LEAD"));
        long id = lead.post("/api/v1/knowledge/articles", body("title", "退款到账时间", "body", "原路退回。\n1-3 个工作日到账。",
                "tags", List.of("退款"), "audience", "PUBLIC")).expect(201).id();
        lead.put("/api/v1/knowledge/articles/" + id, body("title", "退款到账时间", "body", "原路退回。\n1-7 个工作日到账。",
                "tags", List.of("退款"), "audience", "PUBLIC", "version", 1, "reason", "银行通知延长")).expect(200);
        // someone who read version 1 and saves now is refused: the other edit is not lost
        lead.put("/api/v1/knowledge/articles/" + id, body("title", "x", "body", "y", "audience", "PUBLIC", "version", 1))
                .expect(409);

        JsonNode versions = lead.get("/api/v1/knowledge/articles/" + id + "/versions").expect(200).json();
        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.get(1).path("reason").asString()).isEqualTo("银行通知延长");
        assertThat(versions.get(1).path("editorName").asString()).startsWith("测试");

        JsonNode diff = lead.get("/api/v1/knowledge/articles/" + id + "/diff?from=1&to=2").expect(200).json();
        assertThat(diff.path("lines").toString()).contains("{\"kind\":\"-\",\"text\":\"1-3 个工作日到账。\"}")
                .contains("{\"kind\":\"+\",\"text\":\"1-7 个工作日到账。\"}");

        JsonNode rolled = lead.post("/api/v1/knowledge/articles/" + id + "/rollback",
                body("toVersion", 1, "version", 2, "reason", "通知撤回")).expect(200).json();
        assertThat(rolled.path("version").asInt()).isEqualTo(3);
        assertThat(rolled.path("body").asString()).contains("1-3 个工作日");
        JsonNode v3 = lead.get("/api/v1/knowledge/articles/" + id + "/versions/3").expect(200).json();
        assertThat(v3.path("restoredFrom").asInt()).isEqualTo(1);
        assertThat(v3.path("reason").asString()).isEqualTo("通知撤回");
        lead.get("/api/v1/knowledge/articles/" + id + "/versions/9").expect(404);
    }

    @Test
    void categoriesAndTagsAreKeptWithEachVersionInTheAuthorsOrder() {
        Api lead = fixtures.api(fixtures.user("LEAD"));
        String word = "Lb" + Words.unique();
        long id = lead.post("/api/v1/knowledge/articles", body("title", word + " 空调安装", "body", "预约后 48 小时内上门。",
                "categories", List.of("售后", "安装"), "tags", List.of(" 空调 ", "上门", "a,b"), "audience", "PUBLIC"))
                .expect(201).id();
        lead.put("/api/v1/knowledge/articles/" + id, body("title", word + " 空调安装", "body", "预约后 24 小时内上门。",
                "categories", List.of("安装"), "tags", List.of(), "audience", "PUBLIC", "version", 1)).expect(200);

        JsonNode current = lead.get("/api/v1/knowledge/articles/" + id).expect(200).json();
        assertThat(current.path("categories").toString()).isEqualTo("[\"安装\"]");
        assertThat(current.path("tags").toString()).isEqualTo("[]");
        JsonNode v1 = lead.get("/api/v1/knowledge/articles/" + id + "/versions/1").expect(200).json();
        assertThat(v1.path("categories").toString()).isEqualTo("[\"售后\",\"安装\"]");
        assertThat(v1.path("tags").toString()).isEqualTo("[\"空调\",\"上门\",\"a，b\"]");
        assertThat(lead.get("/api/v1/knowledge/search?q=" + word + "&category=售后").expect(200).body())
                .doesNotContain("\"id\":" + id + ",");

        lead.post("/api/v1/knowledge/articles/" + id + "/rollback", body("toVersion", 1, "version", 2)).expect(200);
        JsonNode rolled = lead.get("/api/v1/knowledge/articles/" + id).expect(200).json();
        assertThat(rolled.path("categories").toString()).isEqualTo("[\"售后\",\"安装\"]");
        assertThat(rolled.path("tags").toString()).isEqualTo("[\"空调\",\"上门\",\"a，b\"]");
        assertThat(lead.get("/api/v1/knowledge/search?q=" + word + "&category=售后").expect(200).body())
                .contains("\"id\":" + id + ",");
        assertThat(lead.get("/api/v1/knowledge/articles?limit=100").expect(200).body())
                .contains("\"tags\":[\"空调\",\"上门\",\"a，b\"]");
    }

    @Test
    void aRetriedCreateWithTheSameKeyMakesOneArticle() {
        Api lead = fixtures.api(fixtures.user("LEAD")).header("Idempotency-Key", "kb-" + System.nanoTime());
        var request = body("title", "发票开具", "body", "在订单详情页申请电子发票。", "tags", List.of("发票"), "audience", "PUBLIC");
        long first = lead.post("/api/v1/knowledge/articles", request).expect(201).id();
        var again = lead.post("/api/v1/knowledge/articles", request).expect(200);
        assertThat(again.id()).isEqualTo(first);
    }

    @Test
    void scriptsInMarkdownAreNeutralised() {
        Api lead = fixtures.api(fixtures.user("LEAD"));
        JsonNode a = lead.post("/api/v1/knowledge/articles", body("title", "安全渲染", "audience", "PUBLIC", "body",
                "**粗体**\n\n<script>alert(1)</script>\n\n[点我](javascript:alert(2)) <img src=x onerror=alert(3)>"))
                .expect(201).json();
        String html = a.path("html").asString();
        assertThat(html).contains("<strong>粗体</strong>").doesNotContain("<script").doesNotContain("javascript:")
                .doesNotContain("<img").contains("&lt;script&gt;");
    }

    @Test
    void invalidArticlesAreRefusedWithReasons() {
        Api lead = fixtures.api(fixtures.user("LEAD"));
        lead.post("/api/v1/knowledge/articles", body("title", "", "body", "x", "audience", "PUBLIC")).expect(422);
        lead.post("/api/v1/knowledge/articles", body("title", "t", "body", "x")).expect(422);
        lead.post("/api/v1/knowledge/articles", "{\"title\":\"t\",\"body\":\"x\",\"audience\":\"SECRET\"}").expect(400);
        fixtures.api(fixtures.user("AGENT")).post("/api/v1/knowledge/articles",
                body("title", "t", "body", "x", "audience", "PUBLIC")).expect(403);
    }
}
