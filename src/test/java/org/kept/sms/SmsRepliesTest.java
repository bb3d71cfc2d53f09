package org.kept.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.internal.OutboxWorker;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.shared.Masking;
import org.kept.sms.internal.SmsCallbacks;
import org.kept.sms.internal.SmsSettings;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.Channel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customers' replies (上行短信) in both providers' shapes: one inbound contact per provider message id, matched to the
 * customer by number in any format, published once; and the admins' SMS page, which posts a reply through the real
 * reply URL and shows the outbox provider's messages with numbers masked for roles without personal-data rights.
 */
@KeptTest
@RecordApplicationEvents
class SmsRepliesTest {

    @Autowired
    SmsCallbacks callbacks;
    @Autowired
    SmsSettings settings;
    @Autowired
    Contacts contacts;
    @Autowired
    OutboxWorker worker;
    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    ApplicationEvents events;

    static String local(Customer c) {
        String e164 = c.phones().get(0);
        return e164.substring(3, 6) + " " + e164.substring(6, 10) + " " + e164.substring(10);
    }

    @Test
    void anAliyunReplyRetriedByTheProviderIsOneContactOfTheCustomerPublishedOnce() {
        Customer customer = fixtures.customer("回复客户");
        String sequence = "seq-" + System.nanoTime();
        var push = json.valueToTree(List.of(Map.of("phone_number", local(customer), "content", "4",
                "send_time", "2026-12-03 10:05:00", "sign_name", "凯普客服", "dest_code", "", "sequence_id", sequence)));

        List<Long> first = callbacks.replies("aliyun", push);
        List<Long> again = callbacks.replies("aliyun", push);

        assertThat(first).hasSize(1);
        assertThat(again).isEmpty();
        Contact reply = contacts.find(first.get(0)).orElseThrow();
        assertThat(reply.channel()).isEqualTo(Channel.SMS);
        assertThat(reply.direction()).isEqualTo(Direction.INBOUND);
        assertThat(reply.customerId()).isEqualTo(customer.id());
        assertThat(reply.address()).isEqualTo(customer.phones().get(0));
        assertThat(reply.summary()).isEqualTo("4");
        assertThat(events.stream(SmsReceived.class).filter(e -> e.contactId() == reply.id()))
                .singleElement().satisfies(e -> {
                    assertThat(e.fromE164()).isEqualTo(customer.phones().get(0));
                    assertThat(e.customerId()).isEqualTo(customer.id());
                    assertThat(e.text()).isEqualTo("4");
                });
    }

    @Test
    void aTencentReplyThroughTheHookIsDeduplicatedAndAnUnknownNumberHasNoCustomer() {
        Customer customer = fixtures.customer("腾讯回复客户");
        Api hook = fixtures.api();
        String base = "/api/v1/hooks/sms/" + settings.callbackToken() + "/tencent/replies";
        long time = System.currentTimeMillis() / 1000;
        Map<String, Object> push = Api.body("extend", "", "mobile", customer.phones().get(0).substring(3), "nationcode", "86",
                "sign", "凯普客服", "text", "1", "time", time);
        hook.post(base, push).expect(200);
        hook.post(base, push).expect(200);
        hook.post(base, Api.body("extend", "", "mobile", "13300000000", "nationcode", "86", "sign", "凯普客服",
                "text", "谁", "time", time)).expect(200);
        hook.post("/api/v1/hooks/sms/not-the-token/tencent/replies", push).expect(404);

        settings.allowCallers("10\\.0\\.0\\.\\d+");
        try {
            hook.post(base, Api.body("mobile", customer.phones().get(0).substring(3), "nationcode", "86",
                    "text", "3", "time", time)).expect(404);
        } finally {
            settings.allowCallers("");
        }
        assertThat(contacts.ofCustomer(customer.id(), 10)).singleElement()
                .satisfies(c -> assertThat(c.summary()).isEqualTo("1"));
        hook.post(base, "[]").expect(422);
    }

    @Test
    void theAdminPageSendsAReplyThroughTheRealUrlAndShowsTheOutboxMasked() throws Exception {
        CurrentUser admin = fixtures.user("ADMIN", null);
        Customer customer = fixtures.customer("演示短信客户");
        mvc.perform(post("/admin/sms/replies").param("from", local(customer)).param("text", "2 满意")
                        .with(user(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(contacts.ofCustomer(customer.id(), 10)).singleElement().satisfies(c -> {
            assertThat(c.direction()).isEqualTo(Direction.INBOUND);
            assertThat(c.summary()).isEqualTo("2 满意");
        });

        mvc.perform(post("/admin/sms/messages").param("to", customer.phones().get(0)).param("text", "演示 13912345678")
                        .with(user(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        worker.drain();
        String e164 = customer.phones().get(0);
        mvc.perform(get("/admin/sms").with(user(admin)).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("测试短信：演示 139****5678")))
                .andExpect(content().string(containsString(Masking.phone(e164))))
                .andExpect(content().string(not(containsString(e164))))
                .andExpect(content().string(not(containsString("13912345678"))));
        mvc.perform(post("/admin/sms/messages").param("to", "not a number").param("text", "x")
                .with(user(admin)).with(csrf())).andExpect(status().is3xxRedirection());
    }

    @Test
    void onlyAdministratorsOpenTheSmsPage() throws Exception {
        for (String role : List.of("AGENT", "OUTSOURCED", "LEAD", "COMPLAINTS", "CUSTOMER")) {
            CurrentUser who = fixtures.user(role);
            mvc.perform(get("/admin/sms").with(user(who))).andExpect(status().isForbidden());
            mvc.perform(post("/admin/sms/replies").param("from", "13800138000").param("text", "1")
                    .with(user(who)).with(csrf())).andExpect(status().isForbidden());
            mvc.perform(post("/admin/sms/messages").param("to", "13800138000").param("text", "1")
                    .with(user(who)).with(csrf())).andExpect(status().isForbidden());
        }
        mvc.perform(post("/admin/sms/replies").param("from", "13800138000").param("text", "1")
                .with(user(fixtures.user("ADMIN", null)))).andExpect(status().isForbidden());
    }
}
