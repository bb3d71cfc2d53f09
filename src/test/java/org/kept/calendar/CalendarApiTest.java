package org.kept.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Calendars through the API: define, read, change with optimistic locking, compute due dates; bad input stores nothing. */
@KeptTest
class CalendarApiTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Calendars calendars;

    Api admin;
    Api agent;

    @BeforeEach
    void people() {
        admin = fixtures.api(fixtures.user("ADMIN"));
        agent = fixtures.api(fixtures.user("AGENT"));
    }

    static List<Map<String, Object>> weekdays(String from, String to) {
        return List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY").stream()
                .map(day -> body("day", day, "from", from, "to", to)).toList();
    }

    static Map<String, Object> shanghai(String name) {
        return body("name", name, "timeZone", "Asia/Shanghai", "weeklyHours", weekdays("08:00", "17:00"),
                "holidays", List.of("2009-05-01"), "workingDays", List.of());
    }

    @Test
    void theIssuesExample() {
        Response created = admin.post("/api/v1/calendars", shanghai("上海工作日")).expect(201);
        long id = created.id();
        assertThat(created.header("Location")).endsWith("/api/v1/calendars/" + id);
        assertThat(created.json().path("weeklyMinutes").asInt()).isEqualTo(5 * 540);

        JsonNode due = agent.get("/api/v1/calendars/" + id + "/due?start=2009-04-30T12:00:00%2B08:00&minutes=480")
                .expect(200).json();
        assertThat(due.path("due").asString()).isEqualTo("2009-05-04T11:00:00+08:00");
        // an unencoded + arrives as a space, and another offset gives the answer in the calendar's zone
        assertThat(agent.get("/api/v1/calendars/" + id + "/due?start=2009-04-30T04:00:00Z&minutes=480").expect(200)
                .json().path("due").asString()).isEqualTo("2009-05-04T11:00:00+08:00");
        assertThat(agent.get("/api/v1/calendars/" + id + "/due?start=2009-04-30T12:00:00+08:00&minutes=0").expect(200)
                .json().path("due").asString()).isEqualTo("2009-04-30T12:00:00+08:00");
    }

    @Test
    void rangesAsStringsOrObjectsMakeUpDaysAnd24x7() {
        Map<String, Object> body = body("name", "国庆", "timeZone", "Asia/Shanghai",
                "weeklyHours", List.of(body("day", "MONDAY", "from", "09:00", "to", "12:00"),
                        body("day", "MONDAY", "from", "13:00", "to", "18:00"),
                        body("day", "FRIDAY", "from", "09:00", "to", "18:00")),
                "holidays", List.of("2026-10-01/2026-10-07", "2026-12-25"),
                "holidayRanges", List.of(body("from", "2027-02-15", "to", "2027-02-19")),
                "workingDays", List.of("2026-10-11"));
        JsonNode json = admin.post("/api/v1/calendars", body).expect(201).json();
        assertThat(json.path("holidays").toString()).isEqualTo("[\"2026-12-25\"]");
        assertThat(json.path("holidayRanges").size()).isEqualTo(2);
        assertThat(json.path("workingDays").get(0).asString()).isEqualTo("2026-10-11");
        long id = json.path("id").asLong();
        // Friday 2026-10-09 17:00 + 2 h: 1 h Friday, Sunday 10-11 is made up and works Monday's split hours
        assertThat(agent.get("/api/v1/calendars/" + id + "/due?start=2026-10-09T17:00:00%2B08:00&minutes=120").expect(200)
                .json().path("due").asString()).isEqualTo("2026-10-11T10:00:00+08:00");
        assertThat(calendars.find(id).orElseThrow().isDayOff(java.time.LocalDate.of(2026, 10, 5))).isTrue();

        long allHours = admin.post("/api/v1/calendars", body("name", "全天", "timeZone", "Europe/Berlin",
                "roundTheClock", true)).expect(201).id();
        assertThat(agent.get("/api/v1/calendars/" + allHours + "/due?start=2026-03-28T23:00:00%2B01:00&minutes=180")
                .expect(200).json().path("due").asString()).isEqualTo("2026-03-29T03:00:00+02:00");
        assertThat(agent.get("/api/v1/calendars/0/due?start=2026-03-28T23:00:00%2B08:00&minutes=60")
                .expect(200).json().path("due").asString()).isEqualTo("2026-03-29T00:00:00+08:00");
    }

    @Test
    void aChangeNamesTheVersionItReadAndAStaleOneIsAConflict() {
        long id = admin.post("/api/v1/calendars", shanghai("可修改")).expect(201).id();
        Map<String, Object> change = new LinkedHashMap<>(shanghai("已修改"));
        change.put("holidays", List.of());
        change.put("version", 0);
        JsonNode changed = admin.put("/api/v1/calendars/" + id, change).expect(200).json();
        assertThat(changed.path("version").asInt()).isEqualTo(1);
        assertThat(changed.path("name").asString()).isEqualTo("已修改");
        // without the holiday the example is due on Friday
        assertThat(agent.get("/api/v1/calendars/" + id + "/due?start=2009-04-30T12:00:00%2B08:00&minutes=480")
                .json().path("due").asString()).isEqualTo("2009-05-01T11:00:00+08:00");
        Response stale = admin.put("/api/v1/calendars/" + id, change);
        stale.expect(409);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(agent.get("/api/v1/calendars/" + id).expect(200).json().path("version").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_entry where subject = ?").param("calendar:" + id)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theSameIdempotencyKeyMakesOneCalendar() {
        Api keyed = admin.header("Idempotency-Key", "cal-" + System.nanoTime());
        long first = keyed.post("/api/v1/calendars", shanghai("幂等")).expect(201).id();
        Response again = keyed.post("/api/v1/calendars", shanghai("幂等")).expect(200);
        assertThat(again.id()).isEqualTo(first);
        keyed.post("/api/v1/calendars", shanghai("另一个")).expect(422);
    }

    @Test
    void badInputIsAProblemAndStoresNothing() {
        long before = count();
        List<Map<String, Object>> bad = List.of(
                with("timeZone", "Mars/Olympus"),
                with("timeZone", null),
                with("name", " "),
                with("weeklyHours", List.of(body("day", "MONDAY", "from", "17:00", "to", "08:00"))),
                with("weeklyHours", List.of(body("day", "MONDAY", "from", "08:00", "to", "12:00"),
                        body("day", "MONDAY", "from", "11:00", "to", "13:00"))),
                with("weeklyHours", List.of(body("day", "FUNDAY", "from", "08:00", "to", "12:00"))),
                with("weeklyHours", List.of(body("day", "MONDAY", "from", "8h", "to", "12:00"))),
                with("weeklyHours", List.of(body("day", "MONDAY", "from", "08:00", "to", "24:30"))),
                with("weeklyHours", List.of()),
                with("holidays", List.of("2026-02-30")),
                with("holidays", List.of("2026-10-07/2026-10-01")),
                with("workingDays", List.of("2009-05-01")));
        for (Map<String, Object> body : bad) {
            Response response = admin.language("en").post("/api/v1/calendars", body);
            assertThat(response.status()).as(response.toString()).isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.detail()).as(response.toString()).isNotBlank();
        }
        assertThat(admin.post("/api/v1/calendars", "{\"name\":").status()).isEqualTo(400);
        assertThat(count()).isEqualTo(before);

        long id = admin.post("/api/v1/calendars", shanghai("校验")).expect(201).id();
        assertThat(agent.get("/api/v1/calendars/" + id + "/due?start=2009-04-30T12:00:00%2B08:00&minutes=-1").status())
                .isEqualTo(422);
        assertThat(agent.get("/api/v1/calendars/" + id + "/due?start=yesterday&minutes=5").status()).isEqualTo(422);
        assertThat(agent.get("/api/v1/calendars/" + id + "/due?start=2009-04-30T12:00:00&minutes=5").status())
                .isEqualTo(422);
        assertThat(agent.get("/api/v1/calendars/" + id + "/due?minutes=lots").status()).isEqualTo(400);
        assertThat(agent.get("/api/v1/calendars/999999999/due?minutes=5").status()).isEqualTo(404);
        Response zh = admin.language("zh-CN").post("/api/v1/calendars", with("timeZone", "Mars/Olympus"));
        assertThat(zh.detail()).contains("未知时区");
    }

    private static Map<String, Object> with(String name, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(shanghai("坏日历"));
        body.put(name, value);
        return body;
    }

    private long count() {
        return jdbc.sql("select count(*) from business_calendar").query(Long.class).single();
    }
}
