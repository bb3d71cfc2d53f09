package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kept.calendar.CalendarDefinition;
import org.kept.calendar.Calendars;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** Quick picks for a promise's time keep within the team's business calendar; the picks are for those who may write. */
@KeptTest
@Import(SlaWorld.class)
class PromisePagesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;

    @Autowired
    SlaWorld world;

    @Autowired
    Calendars calendars;

    @Autowired
    PromiseTimes times;

    @Test
    void quickPicksSkipDaysOffAndCountTwoHoursInWorkingTime() throws Exception {
        String team = world.team();
        // Monday to Friday 09:00–17:00; Monday 7 January 2030 a holiday
        List<CalendarDefinition.Period> hours = Stream.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY).map(d -> new CalendarDefinition.Period(d, 9 * 60, 17 * 60)).toList();
        LocalDate holiday = LocalDate.of(2030, 1, 7);
        long calendar = calendars.create(new CalendarDefinition("承诺日历 " + team, SHANGHAI, false, hours,
                List.of(new CalendarDefinition.DateRange(holiday, holiday)), List.of()), world.user("ADMIN", null), null).id();
        world.policies.insert(new Policy(0, "日历 " + team, 10, null, null, null, null, world.fixtures.team(team), null,
                calendar, 3000, null, 6000, 80, 50, 0));
        CurrentUser agent = world.user("AGENT", team);

        // Friday 4 January 2030, 15:30
        try (var friday = world.clock.stoppedAt(ZonedDateTime.of(2030, 1, 4, 15, 30, 0, 0, SHANGHAI).toInstant())) {
            long id = world.ticket(world.fixtures.api(agent), world.customer(CustomerTier.STANDARD), team, "周五下午的承诺")
                    .get("id").asLong();
            List<PromiseTimes.Pick> picks = times.picks(id);
            assertThat(picks).extracting(PromiseTimes.Pick::kind).containsExactly("TODAY", "NEXT_DAY", "WITHIN_TWO_HOURS");
            assertThat(picks.get(0).at()).isEqualTo(ZonedDateTime.of(2030, 1, 4, 17, 0, 0, 0, SHANGHAI).toInstant());
            // Saturday and Sunday off, Monday a holiday: the next working day is Tuesday
            assertThat(picks.get(1).at()).isEqualTo(ZonedDateTime.of(2030, 1, 8, 15, 0, 0, 0, SHANGHAI).toInstant());
            assertThat(picks.get(1).tomorrow()).isFalse();
            // 90 working minutes on Friday, 30 on Tuesday morning
            assertThat(picks.get(2).at()).isEqualTo(ZonedDateTime.of(2030, 1, 8, 9, 30, 0, 0, SHANGHAI).toInstant());

            String zh = mvc.perform(get("/console/tickets/" + id + "/promise-times").with(user(agent))
                    .locale(Locale.SIMPLIFIED_CHINESE)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(zh).contains("今天 17:00", "1月8日 15:00", "两小时内", "data-promise-due=\"2030-01-08T15:00\"",
                    "data-promise-due=\"2030-01-08T09:30\"");
            String en = mvc.perform(get("/console/tickets/" + id + "/promise-times").with(user(agent)).locale(Locale.ENGLISH))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(en).contains("Today 17:00", "8 Jan 15:00", "Within two hours");

            // after five on Friday there is no "today"
            try (var evening = world.clock.stoppedAt(ZonedDateTime.of(2030, 1, 4, 17, 30, 0, 0, SHANGHAI).toInstant())) {
                assertThat(times.picks(id)).extracting(PromiseTimes.Pick::kind).doesNotContain("TODAY");
            }

            mvc.perform(get("/console/tickets/" + id + "/promise-times").with(user(world.fixtures.user("CUSTOMER"))))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/console/tickets/" + id + "/promise-times").with(user(world.fixtures.user("PLANNER", null))))
                    .andExpect(status().isForbidden());
        }
    }
}
