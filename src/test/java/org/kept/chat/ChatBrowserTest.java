package org.kept.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.identity.CurrentUser;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chat in a real browser with two sessions: a customer in the chat window and an agent in the console exchange
 * messages both ways; the customer leaves the page while the agent writes and comes back (a reload), and finds every
 * message once; the ticket's timeline has each message once; the agent's list shows the number masked.
 */
@KeptTest
class ChatBrowserTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Contacts contacts;
    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void aCustomerAndAnAgentChatBothWaysAndAReloadLosesNothing() {
        String phone = "137" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
        String name = "浏览器客户" + Long.toString(System.nanoTime() % 100_000, 36);
        CurrentUser agent = fixtures.user("AGENT");
        try (Browser customer = Browser.start(fixtures.baseUrl())) {
            customer.open("/chat/widget");
            customer.waitUntil(d -> d.findElement(By.id("chat-start")).isDisplayed());
            customer.find("#chat-name").sendKeys(name);
            customer.find("#chat-phone").sendKeys(phone);
            customer.click("#chat-start-button");
            customer.waitUntil(d -> d.findElement(By.id("chat-room")).isDisplayed());
            customer.waitForText("#chat-status", "正在为您接入客服");
            customer.find("#chat-input").sendKeys("你好，空调不制冷", Keys.ENTER);
            customer.waitUntil(d -> !d.findElements(By.cssSelector("#chat-messages li[data-seq='1']")).isEmpty());

            Browser console = session.get();
            console.signIn(agent.username()).open("/console/chats");
            console.waitForText("#chat-waiting", name);
            assertThat(console.text("#chat-waiting")).contains(phone.substring(0, 3) + "****" + phone.substring(7))
                    .doesNotContain(phone);
            long chat = jdbc.sql("select id from chat_conversation where phone = ?").param("+86" + phone).query(Long.class).single();
            console.click("#chat-waiting li[data-chat='" + chat + "'] .chat-accept");
            console.waitForText("#chat-messages", "你好，空调不制冷");
            customer.waitForText("#chat-status", "为您服务");
            console.find("#chat-input").sendKeys("您好，请问空调型号是？", Keys.ENTER);
            customer.waitForText("#chat-messages", "您好，请问空调型号是？");
            customer.find("#chat-input").sendKeys("KFR-35GW", Keys.ENTER);
            console.waitForText("#chat-messages", "KFR-35GW");

            // the customer leaves; the agent writes meanwhile; the customer comes back to the same chat
            customer.driver().get("about:blank");
            console.find("#chat-input").sendKeys("好的，我们安排师傅上门", Keys.ENTER);
            console.waitUntil(d -> !d.findElements(By.cssSelector("#chat-messages li[data-seq='4']")).isEmpty());
            customer.open("/chat/widget");
            customer.waitForText("#chat-messages", "好的，我们安排师傅上门");
            assertThat(customer.driver().findElements(By.cssSelector("#chat-messages li")).stream()
                    .map(e -> e.getText().split("\n")[0]).toList())
                    .containsExactly("你好，空调不制冷", "您好，请问空调型号是？", "KFR-35GW", "好的，我们安排师傅上门");
            // and the reloaded window still talks both ways
            customer.find("#chat-input").sendKeys("谢谢", Keys.ENTER);
            console.waitForText("#chat-messages", "谢谢");
            console.find("#chat-input").sendKeys("不客气", Keys.ENTER);
            customer.waitForText("#chat-messages", "不客气");
            assertThat(customer.scriptErrors()).isEmpty();
        }
        long ticket = jdbc.sql("select ticket_id from chat_conversation where phone = ?").param("+86" + phone).query(Long.class).single();
        List<String> transcript = contacts.ofTicket(ticket).stream().map(Contact::summary).toList();
        assertThat(transcript).containsExactlyInAnyOrder("你好，空调不制冷", "您好，请问空调型号是？", "KFR-35GW",
                "好的，我们安排师傅上门", "谢谢", "不客气");
    }
}
