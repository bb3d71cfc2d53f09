package org.kept.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.kept.support.Api.body;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** On the record page Kept proposes the open ticket; the agent links the call to it; the counter shows everywhere. */
@KeptTest
class RepeatContactPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAgentLinksACallToTheProposedTicketInsteadOfRecordingADuplicate() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        Api api = fixtures.api(agent);
        long customer = fixtures.customer("再次来电").id();
        long id = api.post("/api/v1/tickets", body("type", "COMPLAINT", "subject", "燃气表读数异常", "description",
                "燃气费突然翻倍，怀疑燃气表有问题", "customerId", customer, "category", "billing")).expect(201).id();
        String number = api.get("/api/v1/tickets/" + id).json().path("number").asString();
        long ticketsBefore = count(customer);

        mvc.perform(get("/console/tickets/matches").with(user(agent)).header("Accept-Language", "zh-CN")
                        .param("customerId", String.valueOf(customer)).param("subject", "燃气费怎么翻倍了")
                        .param("category", "billing"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(number)))
                .andExpect(content().string(containsString("关联为重复来电")));
        mvc.perform(get("/console/tickets/matches").with(user(agent)).param("subject", "燃气费"))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString(number))));

        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/console/tickets/" + id + "/link-contact").with(user(agent)).with(csrf())
                            .param("idempotencyKey", key).param("customerId", String.valueOf(customer))
                            .param("subject", "燃气费怎么翻倍了").param("channel", "PHONE"))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(redirectedUrl("/console/tickets/" + id));
        }
        assertThat(count(customer)).as("no duplicate ticket").isEqualTo(ticketsBefore);
        assertThat(jdbc.sql("select repeat_contacts from ticket where id = ?").param(id).query(Integer.class).single())
                .as("a resent form records once").isEqualTo(1);

        mvc.perform(get("/console/tickets/" + id).with(user(agent)).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("已来电 2 次")))
                .andExpect(content().string(containsString("contacts alarm")))
                .andExpect(content().string(containsString("燃气费怎么翻倍了")));
        mvc.perform(get("/console/customers/" + customer).with(user(agent)).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("contacted 2 times")));

        mvc.perform(post("/console/tickets/" + id + "/repeat-contact").with(user(agent)).with(csrf())
                        .header("HX-Request", "true").header("Accept-Language", "zh-CN")
                        .param("channel", "WECHAT").param("note", "微信又来催").param("key", UUID.randomUUID().toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("已来电 3 次")));
    }

    @Test
    void aLinkToAClosedTicketIsRefusedOnTheRecordPage() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        Api api = fixtures.api(agent);
        long customer = fixtures.customer("已结案").id();
        long id = fixtures.ticket(api, customer, "已结案的事").id();
        int version = api.get("/api/v1/tickets/" + id).version();
        api.post("/api/v1/tickets/" + id + "/transitions", body("to", "RESOLVED", "version", version)).expect(200);
        mvc.perform(post("/console/tickets/" + id + "/link-contact").with(user(agent)).with(csrf())
                        .header("Accept-Language", "en").param("idempotencyKey", UUID.randomUUID().toString())
                        .param("customerId", String.valueOf(customer)).param("subject", "又来了"))
                .andExpect(content().string(containsString("linked only to an open ticket")));
        assertThat(jdbc.sql("select repeat_contacts from ticket where id = ?").param(id).query(Integer.class).single()).isZero();
    }

    @Test
    void theReportPageShowsTheRateToPlannersOnly() throws Exception {
        mvc.perform(get("/console/reports/repeat-contacts").with(user(fixtures.user("PLANNER"))).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("重复来电率")))
                .andExpect(content().string(containsString("echarts.min.js")));
        mvc.perform(get("/console/reports/repeat-contacts").with(user(fixtures.user("AGENT"))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/webjars/echarts/echarts.min.js")).andExpect(status().isOk());
    }

    private long count(long customer) {
        return jdbc.sql("select count(*) from ticket where customer_id = ?").param(customer).query(Long.class).single();
    }
}
