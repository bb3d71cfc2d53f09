package org.kept.aftersales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The orders panel on the ticket page, in headless Chromium: it loads beside the ticket (into itself, not the
 * timeline) with the customer's order, its line, payment and refund; an outsourced agent reads the receiver's phone
 * and address masked, the major-complaints group reads them whole.
 */
@KeptTest
class OrdersPanelBrowserTest {

    @Autowired
    Fixtures fixtures;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void theTicketShowsTheCustomersOrdersMaskedForAnOutsourcedAgent() {
        Api admin = fixtures.api(fixtures.user("ADMIN"));
        Api agent = fixtures.api(fixtures.user("AGENT"));
        long customer = fixtures.customer("下单客户").id();
        String no = "BP" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        long line = admin.post("/api/v1/orders", body("orderNo", no, "customerId", customer,
                        "placedAt", "2026-11-20T10:00:00+08:00", "currency", "CNY",
                        "receiver", body("name", "张伟", "phone", "+8613912345678", "address", "上海市浦东新区世纪大道100号"),
                        "lines", List.of(body("lineNo", 1, "title", "降噪耳机", "quantity", 1, "paid", "199.00",
                                "category", "ELECTRONICS")),
                        "payments", List.of(body("provider", "SIMULATED", "transactionId", "S" + no, "amount", "199.00",
                                "paidAt", "2026-11-20T10:01:00+08:00"))))
                .expect(201).json().path("lines").path(0).path("id").asLong();
        long ticket = fixtures.ticket(agent, customer, "耳机右耳无声").id();
        String refundNo = agent.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "30.00",
                "reason", "部分退款")).expect(201).json().path("refundNo").asString();

        CurrentUser outsourced = fixtures.user("OUTSOURCED");
        Browser browser = session.get();
        browser.signIn(outsourced.username()).open("/console/tickets/" + ticket);
        String panel = browser.waitForText("#orders-panel", no);
        assertThat(panel).contains("降噪耳机", "199.00", "30.00", refundNo, "139****5678")
                .doesNotContain("13912345678").doesNotContain("世纪大道100号");
        // the panel loaded into itself: the timeline is still the timeline
        assertThat(browser.text("#timeline")).doesNotContain(no);
        assertThat(browser.consoleErrors()).isEmpty();

        browser = session.restart();
        browser.signIn(fixtures.user("COMPLAINTS").username()).open("/console/tickets/" + ticket);
        assertThat(browser.waitForText("#orders-panel", no)).contains("世纪大道100号");
    }
}
