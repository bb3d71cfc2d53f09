package org.kept.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.kept.contact.Contacts;
import org.kept.contact.NewContact;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.protection.internal.FlagDesk;
import org.kept.protection.internal.Records.Exposure;
import org.kept.protection.internal.Records.ShiftExposure;
import org.kept.shared.CentreZone;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.TestClock;
import org.kept.ticket.Channel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Exposure per rostered shift: flagged contacts counted in the published shift they happened in (the shift the agent
 * is on, else the one just worked) and per shift of the week, beside the day and week counts, for the agent and their
 * lead; an agent no published roster lists has no shift. Time moves with the test clock.
 */
@KeptTest
class ShiftExposureTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    FlagDesk flags;
    @Autowired
    Contacts contacts;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CentreZone zone;
    @Autowired
    MockMvc mvc;

    /** Tuesday 2 and Wednesday 3 March 2027, in the centre's zone. */
    static final LocalDate MONDAY = LocalDate.of(2027, 3, 1);

    private Instant at(int dayOfWeek, int hour, int minute) {
        return LocalDateTime.of(MONDAY.plusDays(dayOfWeek - 1), java.time.LocalTime.of(hour, minute)).atZone(zone.zone())
                .toInstant();
    }

    /** A published week's roster (as the workforce module publishes it) listing the agent with these shifts. */
    private void rostered(CurrentUser agent, Instant[][] shifts) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into wf_roster (name, team_id, starts_on, days, state, created_by, created_at, published_at) "
                        + "values (?, ?, ?, 7, 'PUBLISHED', ?, ?, ?)")
                .params("受扰班次 " + agent.username(), fixtures.team("after-sales"), MONDAY, agent.id(), OffsetDateTime.now(),
                        OffsetDateTime.now())
                .update(key, "id");
        long roster = key.getKey().longValue();
        jdbc.sql("insert into wf_roster_member (roster_id, user_id) values (?, ?)").params(roster, agent.id()).update();
        for (Instant[] s : shifts) {
            jdbc.sql("insert into wf_shift (roster_id, user_id, shift_type, skill, starts_at, ends_at) values (?, ?, 'DAY', 'HOTLINE', ?, ?)")
                    .params(roster, agent.id(), s[0].atOffset(java.time.ZoneOffset.UTC), s[1].atOffset(java.time.ZoneOffset.UTC))
                    .update();
        }
    }

    private void flagAt(Instant when, CurrentUser agent, Customer caller) {
        try (var t = clock.stoppedAt(when)) {
            long contact = contacts.record(new NewContact(Channel.PHONE, org.kept.contact.Direction.INBOUND, "shift-" + System.nanoTime(),
                    caller.primaryPhone(), caller.id(), null, agent.id(), when, "班次内辱骂"), agent).id();
            flags.flag(contact, "ABUSE", null, agent);
        }
    }

    @Test
    void flaggedContactsAreCountedPerPublishedShiftAndShownToTheLead() throws Exception {
        CurrentUser agent = fixtures.user("AGENT", "after-sales");
        CurrentUser lead = fixtures.user("LEAD", "after-sales");
        CurrentUser unrostered = fixtures.user("AGENT", "after-sales");
        Customer caller = fixtures.customer("班次受扰");
        rostered(agent, new Instant[][] {{at(2, 9, 0), at(2, 13, 0)}, {at(3, 9, 0), at(3, 13, 0)}, {at(3, 14, 0), at(3, 18, 0)}});

        flagAt(at(2, 10, 0), agent, caller);
        flagAt(at(2, 12, 30), agent, caller);
        flagAt(at(3, 10, 15), agent, caller);
        flagAt(at(3, 10, 20), unrostered, caller);

        try (var t = clock.stoppedAt(at(3, 11, 0))) {
            Exposure x = flags.exposure(agent.id());
            assertThat(x.today()).isEqualTo(1);
            assertThat(x.thisWeek()).isEqualTo(3);
            assertThat(x.shift()).isEqualTo(new ShiftExposure(x.shift().shiftId(), "DAY", at(3, 9, 0), at(3, 13, 0), 1, true));
            // the afternoon shift has not started: the week lists the shifts so far
            assertThat(x.weekShifts()).extracting(ShiftExposure::startsAt, ShiftExposure::flagged)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(at(2, 9, 0), 2L),
                            org.assertj.core.groups.Tuple.tuple(at(3, 9, 0), 1L));
            Exposure none = flags.exposure(unrostered.id());
            assertThat(none.shift()).isNull();
            assertThat(none.weekShifts()).isEmpty();
            assertThat(none.today()).isEqualTo(1);

            // the lead sees it per shift (zh: the shift's times and the count)
            mvc.perform(get("/console/protection").with(user(lead)).header("Accept-Language", "zh-CN"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("本周受扰情况（按排班班次）")))
                    .andExpect(content().string(containsString("03-03 09:00–13:00：1 次")))
                    .andExpect(content().string(containsString("03-02 09:00–13:00：2 次")))
                    .andExpect(content().string(containsString("id=\"exposure-" + unrostered.id() + "\"")));
            mvc.perform(get("/console/protection").with(user(agent)).header("Accept-Language", "en"))
                    .andExpect(status().isOk()).andExpect(content().string(containsString("Flagged contacts this shift")))
                    .andExpect(content().string(containsString("03-03 09:00–13:00: 1")));
        }
        // between shifts: the one just worked; a flag off shift counts in the day, not in a shift
        flagAt(at(3, 13, 30), agent, caller);
        try (var t = clock.stoppedAt(at(3, 13, 40))) {
            Exposure x = flags.exposure(agent.id());
            assertThat(x.shift().startsAt()).isEqualTo(at(3, 9, 0));
            assertThat(x.shift().current()).isFalse();
            assertThat(x.shift().flagged()).isEqualTo(1);
            assertThat(x.today()).isEqualTo(2);
            mvc.perform(get("/console/protection").with(user(agent)).header("Accept-Language", "en"))
                    .andExpect(content().string(containsString("Flagged contacts in the last shift")));
        }
        // the afternoon shift starts afresh
        try (var t = clock.stoppedAt(at(3, 15, 0))) {
            Exposure x = flags.exposure(agent.id());
            assertThat(x.shift().startsAt()).isEqualTo(at(3, 14, 0));
            assertThat(x.shift().flagged()).isZero();
            assertThat(x.weekShifts()).hasSize(3);
            assertThat(x.thisWeek()).isEqualTo(4);
        }
        // the next week has none of these
        try (var t = clock.stoppedAt(at(8, 10, 0))) {
            Exposure x = flags.exposure(agent.id());
            assertThat(x.thisWeek()).isZero();
            assertThat(x.weekShifts()).isEmpty();
            assertThat(x.shift()).isNull();
        }
    }
}
