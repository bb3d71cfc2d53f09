package org.kept.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Recording a ticket during a call, in headless Chromium (zh-CN): the customer is picked, the subject typed, Kept
 * proposes the customer's open ticket about the same matter, and the agent links the call to it instead.
 */
@KeptTest
class RecordTicketBrowserTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void theOpenTicketIsProposedAndTheCallIsLinkedToIt() {
        Browser browser = session.get();
        CurrentUser agent = fixtures.user("AGENT");
        Api api = fixtures.api(agent);
        String name = "来电客户" + UUID.randomUUID().toString().substring(0, 6);
        long customer = fixtures.customer(name).id();
        long id = api.post("/api/v1/tickets", body("type", "COMPLAINT", "subject", "燃气表读数异常", "description",
                "燃气费突然翻倍，怀疑燃气表有问题", "customerId", customer, "category", "billing")).expect(201).id();
        String number = api.get("/api/v1/tickets/" + id).json().path("number").asString();
        long ticketsBefore = count(customer);

        browser.signIn(agent.username()).open("/console/tickets/new");
        browser.find("#customer-q").sendKeys(name);
        browser.waitUntil(ExpectedConditions.elementToBeClickable(By.cssSelector("#picks input[name=customerId]")));
        browser.click("#picks input[name=customerId]");
        browser.find("#subject").sendKeys("燃气费怎么翻倍了");
        String proposal = browser.waitForText("#matches", number);
        assertThat(proposal).contains("燃气表读数异常").contains("关联为重复来电");

        browser.click("#matches button[type=submit]");
        browser.waitUntil(ExpectedConditions.urlContains("/console/tickets/" + id));
        assertThat(browser.text("#ticket-header")).contains("已来电 2 次");
        assertThat(browser.text("#timeline")).contains("燃气费怎么翻倍了");
        assertThat(count(customer)).as("no duplicate ticket").isEqualTo(ticketsBefore);
    }

    private long count(long customer) {
        return jdbc.sql("select count(*) from ticket where customer_id = ?").param(customer).query(Long.class).single();
    }
}
