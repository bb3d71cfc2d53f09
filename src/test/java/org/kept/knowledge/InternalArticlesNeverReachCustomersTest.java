package org.kept.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every route a customer could take to an internal article answers 404 or leaves it out: API and portal pages. */
@KeptTest
class InternalArticlesNeverReachCustomersTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void aCustomerNeverSeesAnInternalArticleByAnyRoute() {
        Api lead = fixtures.api(fixtures.user("LEAD"));
        String word = "秘" + Words.unique();
        long secret = lead.post("/api/v1/knowledge/articles", body("title", "内部补偿口径 " + word, "body",
                "外包坐席可补偿 5 元。" + word, "tags", List.of(word), "audience", "INTERNAL")).expect(201).id();
        long open = lead.post("/api/v1/knowledge/articles", body("title", "公开退款说明 " + word, "body",
                "退款原路退回。" + word, "tags", List.of(word), "audience", "PUBLIC")).expect(201).id();
        // a public article that was internal once: its internal version stays hidden
        lead.put("/api/v1/knowledge/articles/" + open, body("title", "公开退款说明 " + word, "body", "内部草稿 " + word,
                "audience", "INTERNAL", "version", 1)).expect(200);
        lead.put("/api/v1/knowledge/articles/" + open, body("title", "公开退款说明 " + word, "body", "退款原路退回，1-3 天。" + word,
                "audience", "PUBLIC", "version", 2)).expect(200);

        Api customer = fixtures.api(fixtures.user("CUSTOMER"));
        customer.get("/api/v1/knowledge/articles/" + secret).expect(404);
        customer.get("/api/v1/knowledge/articles/" + secret + "/versions").expect(404);
        customer.get("/api/v1/knowledge/articles/" + secret + "/versions/1").expect(404);
        customer.get("/api/v1/knowledge/articles/" + secret + "/diff?from=1&to=1").expect(404);
        customer.get("/api/v1/knowledge/articles/" + secret + "/citations").expect(403);
        customer.post("/api/v1/knowledge/articles/" + secret + "/rollback", body("toVersion", 1, "version", 1)).expect(403);
        for (String audience : new String[] {"", "&audience=INTERNAL", "&audience=PUBLIC"}) {
            String results = customer.get("/api/v1/knowledge/search?q=" + word + audience).expect(200).body();
            assertThat(results).doesNotContain("内部补偿口径").doesNotContain("\"id\":" + secret + ",");
        }
        assertThat(customer.get("/api/v1/knowledge/articles?limit=500").expect(200).body()).doesNotContain("内部补偿口径");
        assertThat(customer.get("/api/v1/knowledge/articles?stale=true&limit=500").expect(200).body()).doesNotContain("内部补偿口径");

        // the public article: readable, but only its public versions, and no diff against the internal one
        customer.get("/api/v1/knowledge/articles/" + open).expect(200);
        assertThat(customer.get("/api/v1/knowledge/articles/" + open + "/versions").expect(200).json().size()).isEqualTo(2);
        customer.get("/api/v1/knowledge/articles/" + open + "/versions/2").expect(404);
        customer.get("/api/v1/knowledge/articles/" + open + "/diff?from=2&to=3").expect(404);

        // staff see both
        Api agent = fixtures.api(fixtures.user("AGENT"));
        assertThat(agent.get("/api/v1/knowledge/search?q=" + word).expect(200).body()).contains("内部补偿口径").contains("公开退款说明");
        assertThat(agent.get("/api/v1/knowledge/search?q=" + word + "&audience=PUBLIC").expect(200).body())
                .doesNotContain("内部补偿口径");
        agent.get("/api/v1/knowledge/articles/" + secret + "/versions/1").expect(200);
        // a planner (no ticket access) is no reader of internal articles either
        fixtures.api(fixtures.user("PLANNER")).get("/api/v1/knowledge/articles/" + secret).expect(403);
    }
}
