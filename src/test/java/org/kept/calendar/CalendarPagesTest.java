package org.kept.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The calendar admin pages: create through the form, preview before saving, edit with the version, refusals. */
@KeptTest
class CalendarPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdministratorCreatesACalendarSeesItsPreviewAndEditsIt() throws Exception {
        CurrentUser admin = fixtures.user("ADMIN", null);
        String name = "页面日历" + UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(get("/admin/calendars/new").with(user(admin)).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("从现在起的截止时间")))
                .andExpect(content().string(containsString("星期一")));
        mvc.perform(post("/admin/calendars/preview").with(user(admin)).with(csrf()).header("Accept-Language", "en")
                        .param("name", name).param("timeZone", "Asia/Shanghai").param("hours[MONDAY]", "09:00-12:00, 13:00-18:00"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("+8 working h")))
                .andExpect(content().string(containsString("+3 working days")));
        mvc.perform(post("/admin/calendars/preview").with(user(admin)).with(csrf()).header("Accept-Language", "en")
                        .param("name", name).param("timeZone", "Asia/Shanghai").param("hours[MONDAY]", "12:00-09:00"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("A period must end after it starts")));
        mvc.perform(post("/admin/calendars").with(user(admin)).with(csrf())
                        .param("name", name).param("timeZone", "Asia/Shanghai").param("formKey", UUID.randomUUID().toString())
                        .param("hours[MONDAY]", "09:00-12:00, 13:00-18:00").param("hours[SATURDAY]", "")
                        .param("holidays", "2026-10-01/2026-10-07\n2026-12-25").param("workingDays", "2026-10-11"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/calendars"));
        long id = jdbc.sql("select id from business_calendar where name = ?").param(name).query(Long.class).single();
        mvc.perform(get("/admin/calendars").with(user(admin)))
                .andExpect(status().isOk()).andExpect(content().string(containsString(name)));
        mvc.perform(get("/admin/calendars/" + id).with(user(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("2026-10-01/2026-10-07")))
                .andExpect(content().string(containsString("09:00-12:00, 13:00-18:00")));
        // a stale version is refused on the page, with what was typed kept
        mvc.perform(post("/admin/calendars/" + id).with(user(admin)).with(csrf()).header("Accept-Language", "en")
                        .param("name", name + "!").param("timeZone", "Asia/Shanghai").param("version", "7")
                        .param("hours[MONDAY]", "09:00-17:00"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Someone else changed")))
                .andExpect(content().string(containsString("value=\"09:00-17:00\"")));
        mvc.perform(post("/admin/calendars/" + id).with(user(admin)).with(csrf())
                        .param("name", name).param("timeZone", "Asia/Shanghai").param("version", "0")
                        .param("hours[MONDAY]", "09:00-17:00"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from business_calendar_period where calendar_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badInputOnTheFormStoresNothing() throws Exception {
        CurrentUser admin = fixtures.user("ADMIN", null);
        long before = jdbc.sql("select count(*) from business_calendar").query(Long.class).single();
        mvc.perform(post("/admin/calendars").with(user(admin)).with(csrf()).header("Accept-Language", "en")
                        .param("name", "坏").param("timeZone", "Nowhere/Else").param("hours[MONDAY]", "09:00-17:00"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Unknown time zone")));
        assertThat(jdbc.sql("select count(*) from business_calendar").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void onlySlaAdministratorsOpenTheCalendarPages() throws Exception {
        for (String role : new String[] {"AGENT", "LEAD", "PLANNER"}) {
            CurrentUser someone = fixtures.user(role);
            mvc.perform(get("/admin/calendars").with(user(someone))).andExpect(status().isForbidden());
            mvc.perform(post("/admin/calendars").with(user(someone)).with(csrf()).param("name", "x"))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/admin/calendars").with(user(fixtures.user("ADMIN", null))).param("name", "no csrf"))
                .andExpect(status().isForbidden());
    }
}
