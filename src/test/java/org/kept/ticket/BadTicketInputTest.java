package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** What a client sends wrong is a 400 or 422 problem document a person can read, in their language; never a 500. */
@KeptTest
class BadTicketInputTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Api agent;
    long customer;

    @BeforeEach
    void anAgentAndACustomer() {
        agent = fixtures.api(fixtures.user("AGENT"));
        customer = fixtures.customer("周杰").id();
    }

    Map<String, Object> valid(Object... overrides) {
        Map<String, Object> body = body("type", "INQUIRY", "subject", "查询话费", "customerId", customer);
        for (int i = 0; i < overrides.length; i += 2) {
            body.put((String) overrides[i], overrides[i + 1]);
        }
        return body;
    }

    @Test
    void malformedJsonIsABadRequestProblem() {
        Response response = agent.post("/api/v1/tickets", "{\"type\": \"INQUIRY\", \"subject\": ");
        JsonNode problem = problem(response, 400);
        assertThat(problem.path("type").asString()).startsWith("https://");
        assertThat(problem.path("title").asString()).isEqualTo("Bad request");
        assertThat(problem.path("detail").asString()).contains("not valid JSON");
    }

    @Test
    void anUnknownEnumValueIsABadRequest() {
        problem(agent.post("/api/v1/tickets", valid("type", "PRAISE")), 400);
        problem(agent.post("/api/v1/tickets", valid("priority", "P9")), 400);
        problem(agent.post("/api/v1/tickets", valid("channel", "FAX")), 400);
        long ticket = fixtures.ticket(agent, customer, "状态").id();
        problem(agent.post("/api/v1/tickets/" + ticket + "/transitions", body("to", "DONE", "version", 0)), 400);
        problem(agent.get("/api/v1/tickets?state=DONE"), 400);
        problem(agent.get("/api/v1/tickets?priority=P0"), 400);
    }

    @Test
    void oversizeSubjectAndDescriptionAreInvalidWithFieldErrors() {
        JsonNode problem = problem(agent.post("/api/v1/tickets", valid("subject", "长".repeat(201),
                "description", "x".repeat(10_001))), 422);
        assertThat(problem.path("errors").values()).extracting(e -> e.path("field").asString())
                .containsExactlyInAnyOrder("subject", "description");
        assertThat(problem.path("errors").values()).allSatisfy(e -> assertThat(e.path("message").asString()).isNotBlank());
    }

    @Test
    void theLongestAllowedSubjectIsStoredWhole() {
        String subject = "长".repeat(200);
        Response created = agent.post("/api/v1/tickets", valid("subject", subject, "description", "述".repeat(10_000)))
                .expect(201);
        assertThat(created.json().path("subject").asString()).isEqualTo(subject);
    }

    @Test
    void missingRequiredFieldsAreInvalidWithFieldErrors() {
        JsonNode problem = problem(agent.post("/api/v1/tickets", body("description", "没有标题")), 422);
        assertThat(problem.path("errors").values()).extracting(e -> e.path("field").asString())
                .contains("type", "subject", "customerId");
        problem(agent.post("/api/v1/tickets", valid("subject", "   ")), 422);
    }

    @Test
    void aWrongPathVariableTypeIsABadRequest() {
        JsonNode problem = problem(agent.get("/api/v1/tickets/abc"), 400);
        assertThat(problem.path("detail").asString()).contains("id", "abc");
        problem(agent.get("/api/v1/customers/12x"), 400);
        problem(agent.post("/api/v1/tickets/abc/notes", body("body", "备注")), 400);
    }

    @Test
    void anUnknownTicketIsNotFound() {
        JsonNode problem = problem(agent.get("/api/v1/tickets/987654321"), 404);
        assertThat(problem.path("detail").asString()).contains("987654321");
        problem(agent.get("/api/v1/tickets/987654321/timeline"), 404);
        problem(agent.post("/api/v1/tickets/987654321/replies", body("body", "您好")), 404);
        problem(agent.get("/api/v1/customers/987654321"), 404);
        problem(agent.get("/api/v1/customers/987654321/history"), 404);
    }

    @Test
    void chineseCallersReadTheProblemInChinese() {
        Api chinese = agent.language("zh-CN");
        assertThat(problem(chinese.get("/api/v1/tickets/987654321"), 404).path("detail").asString()).contains("找不到");
        assertThat(problem(chinese.post("/api/v1/tickets", "{oops"), 400).path("detail").asString()).contains("JSON");
        JsonNode invalid = problem(chinese.post("/api/v1/tickets", body("description", "x")), 422);
        assertThat(invalid.path("title").asString()).isEqualTo("输入无效");
        assertThat(invalid.path("detail").asString()).isEqualTo("有字段缺失或无效。");
        JsonNode anonymous = problem(fixtures.api().language("zh-CN").get("/api/v1/tickets"), 401);
        assertThat(anonymous.path("detail").asString()).contains("登录");
        assertThat(problem(agent.language("en").get("/api/v1/tickets/987654321"), 404).path("detail").asString())
                .isEqualTo("There is no ticket 987654321.");
    }

    @Test
    void businessRulesRefuseWithAReasonNotAnError() {
        problem(agent.post("/api/v1/tickets", valid("customerId", 987654321)), 422);
        problem(agent.post("/api/v1/tickets", valid("category", "no-such-category")), 422);
        problem(agent.post("/api/v1/tickets", valid("contactPhone", "12345")), 422);
        problem(agent.post("/api/v1/tickets", valid("teamId", 987654321)), 422);
        problem(agent.post("/api/v1/tickets", valid("assigneeId", 987654321)), 422);
        problem(agent.get("/api/v1/tickets?size=101"), 422);
        problem(agent.get("/api/v1/tickets?size=0"), 422);
        problem(agent.get("/api/v1/tickets?page=-1"), 422);
        problem(agent.get("/api/v1/tickets?sort=subject"), 422);
        problem(agent.get("/api/v1/tickets?q=" + "x".repeat(201)), 422);
        problem(agent.get("/api/v1/tickets?page=abc"), 400);
        problem(agent.get("/api/v1/tickets?team=hotline"), 400);
    }

    @Test
    void oddButWellFormedRequestsAreNeverAServerError() {
        long ticket = fixtures.ticket(agent, customer, "奇怪的请求").id();
        String tickets = "/api/v1/tickets";
        String one = tickets + "/" + ticket;
        Response[] responses = {
            agent.post(tickets, ""),
            agent.post(tickets, "null"),
            agent.post(tickets, "[]"),
            agent.post(tickets, "\"text\""),
            agent.post(tickets, valid("customerId", "abc")),
            agent.post(tickets, valid("customerId", 1e30)),
            agent.post(tickets, "{\"type\":\"INQUIRY\",\"subject\":\"s\",\"customerId\":99999999999999999999999}"),
            agent.post(tickets, valid("subject", Map.of("nested", true))),
            agent.post(tickets, valid("contactPhone", "+86 138 0013 8000 ext. 1234 5678 9999 0000 1111")),
            agent.send("POST", tickets, null),
            agent.header("Content-Type", "text/plain").send("POST", tickets, null),
            agent.send("DELETE", one, null),
            agent.send("PATCH", one, valid()),
            agent.post(one + "/transitions", body("to", "OPEN")),
            agent.post(one + "/transitions", body("to", "OPEN", "version", "v1")),
            agent.post(one + "/transitions", body("to", "NEW", "version", 0)),
            agent.post(one + "/replies", body("body", "x".repeat(10_001))),
            agent.post(one + "/notes", body()),
            agent.put(one + "/assignment", body("assigneeId", "me", "version", 0)),
            agent.put(one + "/assignment", body("teamId", -1, "version", 0)),
            agent.post(one + "/merge", body("into", ticket)),
            agent.post(one + "/merge", body("into", 987654321)),
            agent.get(tickets + "/" + Long.MAX_VALUE + "0"),
            agent.get(tickets + "/-1"),
            agent.get(tickets + "?page=2147483647&size=100"),
            agent.get(tickets + "?q=%25%5F%5C"),
            agent.get(tickets + "?q=%00"),
            agent.get(tickets + "?state="),
            agent.get(tickets + "?state=NEW,"),
            agent.get(tickets + "?state=NEW&state="),
            agent.get(tickets + "?type=&priority=&team=&assignee=&customer=&sort="),
            agent.get("/api/v1/customers?q=%00"),
            agent.get(tickets + "?customer=-5&assignee=0&team=0"),
            agent.get("/api/v1/customers?q=%25&limit=-3"),
            agent.get("/api/v1/customers?q=" + "1".repeat(500)),
            agent.get("/api/v1/no-such-thing"),
        };
        SoftAssertions softly = new SoftAssertions();
        for (Response response : responses) {
            softly.assertThat(response.status()).as(response.toString()).isLessThan(500);
            if (response.status() >= 400) {
                softly.assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
                softly.assertThat(response.body()).as(response.toString()).contains("\"detail\"")
                        .doesNotContain("Exception", "SQL", "org.");
            }
        }
        softly.assertAll();
    }

    @Test
    void textWithANulCharacterIsRefusedOnEveryDatabase() {
        long ticket = fixtures.ticket(agent, customer, "空字符").id();
        problem(agent.post("/api/v1/tickets", valid("subject", "含有\u0000空字符")), 400);
        problem(agent.post("/api/v1/tickets", valid("description", "\u0000")), 400);
        problem(agent.post("/api/v1/tickets/" + ticket + "/replies", body("body", "你好\u0000")), 400);
        problem(agent.post("/api/v1/customers", body("name", "张\u0000三")), 400);
        assertThat(jdbc.sql("select count(*) from ticket where customer_id = ?").param(customer).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void unknownAddressesAndMethodsUnderTheApiAreProblemsToo() {
        JsonNode wrongMethod = problem(agent.send("DELETE", "/api/v1/tickets/1", null), 405);
        assertThat(wrongMethod.path("detail").asString()).isEqualTo("This address does not accept this method.");
        assertThat(agent.send("DELETE", "/api/v1/tickets/1", null).header("Allow")).contains("GET");
        problem(agent.get("/api/v1/no-such-thing"), 404);
        assertThat(problem(agent.language("zh-CN").get("/api/v1/no-such-thing"), 404).path("detail").asString())
                .isEqualTo("此地址没有内容。");
    }

    @Test
    void aScriptTagInTheSubjectIsStoredAsTextAndReturnedAsItIs() {
        String subject = "<script>alert('xss')</script> & \"引号\"";
        Response created = agent.post("/api/v1/tickets", valid("subject", subject, "description", "<img src=x onerror=alert(1)>"))
                .expect(201);
        assertThat(created.contentType()).startsWith("application/json");
        assertThat(created.header("X-Content-Type-Options")).isEqualTo("nosniff");
        JsonNode read = agent.get("/api/v1/tickets/" + created.id()).expect(200).json();
        assertThat(read.path("subject").asString()).isEqualTo(subject);
        assertThat(read.path("description").asString()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(jdbc.sql("select subject from ticket where id = ?").param(created.id()).query(String.class).single())
                .isEqualTo(subject);
    }

    private static JsonNode problem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).as(response.toString()).isEqualTo(status);
        assertThat(problem.path("type").asString()).as(response.toString()).isNotBlank();
        assertThat(problem.path("title").asString()).as(response.toString()).isNotBlank();
        assertThat(problem.path("detail").asString()).as(response.toString()).isNotBlank();
        return problem;
    }
}
