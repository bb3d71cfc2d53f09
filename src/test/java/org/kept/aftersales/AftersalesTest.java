package org.kept.aftersales;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kept.aftersales.internal.AftersalesSettings;
import org.kept.aftersales.internal.ReconDesk;
import org.kept.aftersales.internal.ReconRun;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.kept.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Orders from the order system (WireMock) and pushed, the ticket's orders panel masked by role, one pickup per return,
 * the refund's due date after a return, and the daily bills reconciled with every class of exception.
 */
@KeptTest
class AftersalesTest {

    static WireMockServer orderSystem;

    @BeforeAll
    static void start() {
        orderSystem = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        orderSystem.start();
    }

    @AfterAll
    static void stop() {
        orderSystem.stop();
    }

    @Autowired
    Fixtures fixtures;

    @Autowired
    AftersalesSettings settings;

    @Autowired
    ReconDesk recon;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }

    static Map<String, Object> order(String no, Object customer, String provider, String txn, String paid, String delivered) {
        return body("orderNo", no, "customerId", customer, "placedAt", "2026-11-20T10:00:00+08:00", "currency", "CNY",
                "receiver", body("name", "张伟", "phone", "+8613912345678", "address", "上海市浦东新区世纪大道100号"),
                "lines", List.of(body("lineNo", 1, "title", "蓝牙耳机", "quantity", 1, "paid", paid, "category", "ELECTRONICS")),
                "payments", List.of(body("provider", provider, "transactionId", txn, "amount", paid,
                        "paidAt", "2026-11-20T10:01:00+08:00")),
                "shipments", List.of(body("carrier", "SF", "trackingNo", "SF" + no, "shippedAt", "2026-11-20T18:00:00+08:00",
                        "deliveredAt", delivered)));
    }

    @Test
    void theOrderSystemIsAskedByNumberAndByTheCustomersPhoneAndThePanelMasksForOutsourcedAgents() {
        var customer = fixtures.customer("订单客户");
        String phone = customer.primaryPhone();
        String no = "OS" + unique();
        String doc = Api.json(order(no, null, "WECHAT", "42" + no, "199.00", "2026-11-21T12:00:00+08:00"));
        orderSystem.stubFor(get(urlEqualTo("/orders/" + no)).withHeader("Authorization", equalTo("Bearer os-token"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(doc)));
        orderSystem.stubFor(get(urlPathEqualTo("/orders")).withQueryParam("phone", equalTo(phone))
                .withHeader("Authorization", equalTo("Bearer os-token"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[" + doc + "]")));
        settings.use(new AftersalesSettings.OrderSystem(orderSystem.baseUrl(), "os-token"));
        try {
            Api outsourced = fixtures.api(fixtures.user("OUTSOURCED"));
            Response found = outsourced.get("/api/v1/orders?number=" + no).expect(200);
            assertThat(found.json().path(0).path("orderNo").asString()).isEqualTo(no);
            assertThat(found.json().path(0).path("receiver").path("phone").asString()).isEqualTo("139****5678");
            assertThat(found.json().path(0).path("receiver").path("address").asString()).isEqualTo("上海市浦东新****");
            Response mine = outsourced.get("/api/v1/orders?customer=" + customer.id()).expect(200);
            assertThat(mine.json().path(0).path("orderNo").asString()).isEqualTo(no);
            Api complaints = fixtures.api(fixtures.user("COMPLAINTS"));
            assertThat(complaints.get("/api/v1/orders?number=" + no).json().path(0).path("receiver").path("phone").asString())
                    .isEqualTo("+8613912345678");
            // the ticket page's panel
            long ticket = fixtures.ticket(fixtures.api(fixtures.user("AGENT")), customer.id(), "耳机坏了").id();
            String panel = page("/console/tickets/" + ticket + "/orders", fixtures.user("OUTSOURCED"));
            assertThat(panel).contains(no).contains("蓝牙耳机").contains("139****5678").doesNotContain("13912345678")
                    .doesNotContain("世纪大道100号");
        } finally {
            settings.use(new AftersalesSettings.OrderSystem("", ""));
        }
        // an order system that is down leaves the agent with what Kept has
        orderSystem.resetAll();
        settings.use(new AftersalesSettings.OrderSystem(orderSystem.baseUrl(), "os-token"));
        try {
            fixtures.api(fixtures.user("AGENT")).get("/api/v1/orders?number=" + no).expect(200);
        } finally {
            settings.use(new AftersalesSettings.OrderSystem("", ""));
        }
    }

    @Test
    void aPushedOrderIsIdempotentAndARefundedLineCannotBePaidLess() {
        Api admin = fixtures.api(fixtures.user("ADMIN"));
        String no = "P" + unique();
        Map<String, Object> doc = order(no, null, "SIMULATED", "S" + no, "80.00", null);
        long id = admin.post("/api/v1/orders", doc).expect(201).id();
        assertThat(admin.post("/api/v1/orders", doc).expect(200).id()).isEqualTo(id);
        long line = admin.get("/api/v1/orders/" + id).json().path("lines").path(0).path("id").asLong();
        Api agent = fixtures.api(fixtures.user("AGENT"));
        long ticket = fixtures.ticket(agent, fixtures.customer("推送客户").id(), "退款").id();
        // without a ticket the authority limits have nothing to count against: refused, nothing held
        agent.post("/api/v1/refunds", body("lineId", line, "amount", "50.00")).expect(422);
        agent.post("/api/v1/refunds", body("lineId", line, "amount", "50.00", "ticketId", ticket)).expect(201);
        admin.post("/api/v1/orders", order(no, null, "SIMULATED", "S" + no, "40.00", null)).expect(409);
        // refunds need REFUND_WRITE: an outsourced agent is refused
        fixtures.api(fixtures.user("OUTSOURCED")).post("/api/v1/refunds", body("lineId", line, "amount", "1.00")).expect(403);
    }

    @Test
    void aReturnHasOnePickupAndItsRefundIsDueSevenDaysAfterTheGoodsCameBack() throws Exception {
        Api admin = fixtures.api(fixtures.user("ADMIN"));
        Api agent = fixtures.api(fixtures.user("AGENT"));
        var customer = fixtures.customer("退货客户");
        String no = "R" + unique();
        long orderId = admin.post("/api/v1/orders", order(no, customer.id(), "SIMULATED", "S" + no, "120.00",
                "2026-11-21T12:00:00+08:00")).expect(201).id();
        long line = admin.get("/api/v1/orders/" + orderId).json().path("lines").path(0).path("id").asLong();
        long ticket = fixtures.ticket(agent, customer.id(), "七天无理由退货").id();
        Response opened = agent.post("/api/v1/aftersales/cases", body("ticketId", ticket, "orderId", orderId, "kind", "RETURN",
                "lineIds", List.of(line), "reason", "不想要了")).expect(201);
        long aCase = opened.id();
        List<Integer> pickups = RefundExactlyOnceTest.race(4, () -> agent.post("/api/v1/aftersales/cases/" + aCase + "/pickup",
                body("windowStart", "2026-11-25T09:00:00+08:00")).status());
        assertThat(pickups).containsOnly(201, 200);
        assertThat(jdbc.sql("select count(*) from aftersales_pickup where case_id = ?").param(aCase).query(Long.class).single())
                .isEqualTo(1);
        Instant received = Instant.parse("2026-11-26T02:00:00Z");
        try (var at = clock.stoppedAt(received)) {
            Response back = agent.post("/api/v1/aftersales/cases/" + aCase + "/return-received", body("version", 0)).expect(200);
            assertThat(back.json().path("refundDueAt").asString()).isEqualTo("2026-12-03T02:00:00Z");
            assertThat(back.json().path("refundOverdue").asBoolean()).isFalse();
        }
        try (var at = clock.stoppedAt(Instant.parse("2026-12-03T02:00:01Z"))) {
            assertThat(agent.get("/api/v1/aftersales/cases/" + aCase).json().path("refundOverdue").asBoolean()).isTrue();
            String panel = page("/console/tickets/" + ticket + "/orders", fixtures.user("AGENT"));
            assertThat(panel).contains("Overdue");
        }
    }

    /** WeChat Pay's trade bill of 2026-12-01. */
    static String wechatBill(List<String[]> rows) {
        return WechatBillText.of(java.time.LocalDate.of(2026, 12, 1), rows);
    }

    @Test
    void aWechatBillIsMatchedWithEveryClassOfExceptionAndADuplicatePaymentOpensOneCase() {
        Api admin = fixtures.api(fixtures.user("ADMIN"));
        Api agent = fixtures.api(fixtures.user("AGENT"));
        String u = unique();
        // Kept's side of 2026-12-01 (Asia/Shanghai): four payments, one refund
        String matched = "M" + u, mismatch = "X" + u, keptOnly = "K" + u, duplicated = "D" + u;
        for (String no : List.of(matched, mismatch, keptOnly, duplicated)) {
            var doc = new java.util.LinkedHashMap<>(order(no, null, "WECHAT", "42" + no, "100.00", null));
            doc.put("payments", List.of(body("provider", "WECHAT", "transactionId", "42" + no, "amount", "100.00",
                    "paidAt", "2026-12-01T10:00:00+08:00")));
            admin.post("/api/v1/orders", doc).expect(201);
        }
        long refundLine = admin.get("/api/v1/orders?number=" + matched).json().path(0).path("lines").path(0).path("id").asLong();
        // a refund Kept made that day (its provider is WeChat Pay: the adapter answers nothing here, so it stays REQUESTED)
        String refundNo;
        try (var at = clock.stoppedAt(Instant.parse("2026-12-01T04:00:00Z"))) {
            long refund = jdbc.sql("select count(*) from aftersales_refund").query(Long.class).single();
            settings.use(new AftersalesSettings.Wechat("http://127.0.0.1:9", "1", "", "", "", "", ""));
            try {
                long ticket = fixtures.ticket(agent, fixtures.customer("对账客户").id(), "退款").id();
                refundNo = agent.post("/api/v1/refunds", body("lineId", refundLine, "amount", "30.00", "ticketId", ticket))
                        .expect(201).json()
                        .path("refundNo").asString();
            } finally {
                settings.use(new AftersalesSettings.Wechat("https://api.mch.weixin.qq.com", "", "", "", "", "", ""));
            }
            assertThat(refund).isGreaterThanOrEqualTo(0);
        }
        jdbc.sql("update aftersales_refund set state = 'PROCESSING' where refund_no = ?").param(refundNo).update();
        String bill = wechatBill(List.of(
                new String[] {"SUCCESS", "42" + matched, matched, "100.00", ""},
                new String[] {"SUCCESS", "42" + mismatch, mismatch, "99.00", ""},
                new String[] {"SUCCESS", "42" + duplicated, duplicated, "100.00", ""},
                new String[] {"SUCCESS", "43" + duplicated, duplicated, "100.00", ""},
                new String[] {"SUCCESS", "44" + u, "N" + u, "12.00", ""},
                new String[] {"REFUND", "42" + matched, matched, "30.00", refundNo},
                new String[] {"REFUND", "42" + mismatch, mismatch, "5.00", "KRUNKNOWN" + u}));
        ReconRun run = recon.reconcile("WECHAT", java.time.LocalDate.of(2026, 12, 1), "bill.csv",
                new java.io.ByteArrayInputStream(bill.getBytes(java.nio.charset.StandardCharsets.UTF_8)), null, null);
        assertThat(run.billRows()).isEqualTo(7);
        var items = recon.exceptions(run.id());
        assertThat(outcome(items, "42" + mismatch)).isEqualTo("AMOUNT_MISMATCH");
        assertThat(outcome(items, "43" + duplicated)).isIn("PROVIDER_ONLY", "DUPLICATE_PAYMENT");
        assertThat(outcome(items, "44" + u)).isEqualTo("PROVIDER_ONLY");
        assertThat(outcome(items, "42" + keptOnly)).isEqualTo("KEPT_ONLY");
        assertThat(outcome(items, "KRUNKNOWN" + u)).isEqualTo("PROVIDER_ONLY");
        assertThat(outcome(items, refundNo)).isNull();
        assertThat(items.stream().filter(i -> "DUPLICATE_PAYMENT".equals(i.get("outcome")) && ("43" + duplicated).equals(i.get("ref"))))
                .hasSize(1);
        assertThat(run.matched()).isGreaterThanOrEqualTo(3);
        // reconciling the same bill again opens no second case for the duplicate
        recon.reconcile("WECHAT", java.time.LocalDate.of(2026, 12, 1), "bill.csv",
                new java.io.ByteArrayInputStream(bill.getBytes(java.nio.charset.StandardCharsets.UTF_8)), null, null);
        assertThat(jdbc.sql("select count(*) from aftersales_case where kind = 'DUPLICATE_ORDER' and order_no = ?")
                .param(duplicated).query(Long.class).single()).isEqualTo(1);
        // no ticket holds that case: the audit log has its opening under the case's own name, once
        long duplicateCase = jdbc.sql("select id from aftersales_case where kind = 'DUPLICATE_ORDER' and order_no = ?")
                .param(duplicated).query(Long.class).single();
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'aftersales.case.OPEN' and subject = ?")
                .param("aftersales-case:" + duplicateCase).query(Long.class).single()).isEqualTo(1);
        // the API and the page
        Api lead = fixtures.api(fixtures.user("LEAD"));
        assertThat(lead.get("/api/v1/reconciliations/" + run.id()).expect(200).json().path("exceptions").size()).isGreaterThan(3);
        assertThat(page("/console/reconciliations?run=" + run.id(), fixtures.user("LEAD"))).contains("42" + mismatch);
        fixtures.api(fixtures.user("AGENT")).get("/api/v1/reconciliations/" + run.id()).expect(403);
    }

    @Test
    void anAlipayBillInItsLayoutIsReadAndMatched() {
        Api admin = fixtures.api(fixtures.user("ADMIN"));
        String u = unique();
        String no = "A" + u;
        var doc = new java.util.LinkedHashMap<>(order(no, null, "ALIPAY", "2026" + u, "66.60", null));
        doc.put("payments", List.of(body("provider", "ALIPAY", "transactionId", "2026" + u, "amount", "66.60",
                "paidAt", "2026-11-30T11:00:00+08:00")));
        admin.post("/api/v1/orders", doc).expect(201);
        String bill = "#支付宝业务明细查询\n#账号：[20880000000000000156]\n#起始日期：[2026年11月30日 00:00:00]   终止日期：[2026年12月01日 00:00:00]\n"
                + "#-----------------------------------------业务明细列表----------------------------------------\n"
                + "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,"
                + "支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,"
                + "退款批次号/请求号,服务费（元）,分润（元）,备注\n"
                + "2026" + u + "\t," + no + "\t,交易,耳机,2026-11-30 11:00:00,2026-11-30 11:00:05,,,,,buyer@example.com,66.60,66.60,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,,-0.40,0.00,\n"
                + "2027" + u + "\t,Z" + u + "\t,交易,耳机,2026-11-30 12:00:00,2026-11-30 12:00:05,,,,,buyer@example.com,10.00,10.00,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,,-0.06,0.00,\n"
                + "#-----------------------------------------业务明细列表结束------------------------------------\n"
                + "#交易合计：2笔，商家实收共76.60元\n";
        ReconRun run = recon.reconcile("ALIPAY", java.time.LocalDate.of(2026, 11, 30), "alipay.csv",
                new java.io.ByteArrayInputStream(bill.getBytes(java.nio.charset.Charset.forName("GBK"))),
                java.nio.charset.Charset.forName("GBK"), null);
        assertThat(run.billRows()).isEqualTo(2);
        assertThat(run.matched()).isEqualTo(1);
        assertThat(outcome(recon.exceptions(run.id()), "2027" + u)).isEqualTo("PROVIDER_ONLY");
    }

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    String page(String path, org.kept.identity.CurrentUser user) {
        try {
            return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(user))
                            .locale(java.util.Locale.ENGLISH))
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                    .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String outcome(List<Map<String, Object>> items, String ref) {
        return items.stream().filter(i -> ref.equals(i.get("ref"))).map(i -> (String) i.get("outcome"))
                .filter(o -> !o.equals("DUPLICATE_PAYMENT")).findFirst()
                .orElse(items.stream().filter(i -> ref.equals(i.get("ref"))).map(i -> (String) i.get("outcome")).findFirst().orElse(null));
    }
}
