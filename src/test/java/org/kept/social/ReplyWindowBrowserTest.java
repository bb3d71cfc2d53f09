package org.kept.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.contact.Contacts;
import org.kept.identity.CurrentUser;
import org.kept.social.internal.SocialInbox;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.TestClock;
import org.kept.ticket.Channel;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The ticket page in headless Chromium (en) for a WeChat conversation: it shows until when a reply is possible, and
 * after the 48 hours it says the window closed (the refusal of a late reply on the page is in WeChatChannelTest: htmx
 * logs every 4xx answer to the console, which this session counts as a script error).
 */
@KeptTest
class ReplyWindowBrowserTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    SocialInbox inbox;
    @Autowired
    Contacts contacts;
    @Autowired
    TestClock clock;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void theTicketPageShowsTheReplyWindowAndRefusesALateReply() {
        String code = "wxb-" + UUID.randomUUID().toString().substring(0, 8);
        String token = "tok-" + code;
        SocialHooksSupport hooks = new SocialHooksSupport(fixtures);
        long account = hooks.wechatAccount(code, "wx-browser", token, null);
        long msgId = System.nanoTime();
        String follower = "oBrw" + UUID.randomUUID().toString().replace("-", "");
        hooks.plain(code, token, SocialHooksSupport.text("gh", follower, clock.instant(), msgId, "浏览器里的问题")).expect(200);
        inbox.drain();
        long ticket = contacts.byExternalId(Channel.WECHAT, account + ":" + msgId).orElseThrow().ticketId();
        CurrentUser agent = fixtures.user("AGENT");

        Browser browser = session.in("en");
        browser.signIn(agent.username()).open("/console/tickets/" + ticket);
        assertThat(browser.waitForText("#social-window", "Replies possible until")).contains("WeChat", "(5 replies left)");

        try (var later = clock.moved(Duration.ofHours(49))) {
            browser = session.restartIn("en");
            browser.signIn(agent.username()).open("/console/tickets/" + ticket);
            assertThat(browser.waitForText("#social-window", "Reply window closed at"))
                    .contains("a reply cannot be delivered until the follower writes again");
            assertThat(browser.find("#social-window").getAttribute("data-open")).isEqualTo("false");
        }
    }
}
