package org.kept.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kept.support.Api;
import org.kept.support.FreshKept;
import org.kept.support.Response;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo centre's past (started as {@code ./mvnw spring-boot:run} starts it, with the demo on): weeks of calls with
 * a believable shape, written after readiness, shown on the call records API and page; tickets on the same curve.
 */
class DemoHistoryTest {

    static FreshKept kept;
    static ZoneId zone;
    static JdbcClient jdbc;
    static int written;

    @BeforeAll
    static void start() throws Exception {
        kept = FreshKept.start("kept.demo=true");
        written = kept.bean(DemoCalls.class).written().get(5, TimeUnit.MINUTES);
        zone = kept.bean(org.kept.shared.CentreZone.class).zone();
        jdbc = kept.bean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        kept.close();
    }

    static Map<ZonedDateTime, Long> callsBy(ChronoUnit unit) {
        return jdbc.sql("select started_at from phone_call").query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class)
                .toInstant()).list().stream().collect(Collectors.groupingBy(
                        t -> t.atZone(zone).truncatedTo(unit), TreeMap::new, Collectors.counting()));
    }

    @Test
    void weeksOfCallsWithTheLunchAndEveningPeaksWeekendsAndTheCampaignDay() {
        assertThat(written).isGreaterThan(30_000);
        Map<ZonedDateTime, Long> days = callsBy(ChronoUnit.DAYS);
        assertThat(days).hasSizeGreaterThanOrEqualTo(35);
        LocalDate today = LocalDate.now(zone);
        LocalDate campaign = DemoCurve.of(Instant.now(), zone).campaign();
        // every full day has thousands of calls; the campaign day is the busiest, a Sunday quieter than the weekdays
        days.forEach((day, n) -> {
            if (!day.toLocalDate().equals(today) && !day.toLocalDate().isBefore(today.minusWeeks(DemoCalls.WEEKS))) {
                assertThat(n).as(day.toString()).isGreaterThan(500);
                if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    days.forEach((other, m) -> {
                        if (other.getDayOfWeek().getValue() <= 5 && !other.toLocalDate().equals(today)
                                && !other.toLocalDate().isBefore(today.minusWeeks(DemoCalls.WEEKS))) {
                            assertThat(m).as(other + " against the Sunday " + day).isGreaterThan(n);
                        }
                    });
                }
            }
        });
        long busiest = days.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(days.get(campaign.atStartOfDay(zone))).isEqualTo(busiest);
        // by hour of the day over all the days: the lunch and 18–20 h peaks over the night
        Map<Integer, Long> hours = callsBy(ChronoUnit.HOURS).entrySet().stream()
                .collect(Collectors.groupingBy(e -> e.getKey().getHour(), TreeMap::new, Collectors.summingLong(Map.Entry::getValue)));
        assertThat(hours.get(12)).isGreaterThan(hours.get(3) * 20).isGreaterThan(hours.get(10)).isGreaterThan(hours.get(15));
        assertThat(hours.get(19)).isGreaterThan(hours.get(16)).isGreaterThan(hours.get(22));
        // abandoned calls, more at the peaks, already announced (no callback flood for last month's calls)
        long abandoned = jdbc.sql("select count(*) from phone_call where answered_at is null").query(Long.class).single();
        assertThat(abandoned).isBetween(written / 30L, written / 5L);
        assertThat(jdbc.sql("select count(*) from phone_call where abandoned_sent = false and answered_at is null")
                .query(Long.class).single()).isZero();
        // each call has its concluded contact
        assertThat(jdbc.sql("select count(*) from contact c join phone_call p on p.contact_id = c.id "
                        + "where c.outcome = 'ABANDONED' and p.answered_at is null").query(Long.class).single()).isEqualTo(abandoned);
    }

    @Test
    void ticketsFollowTheSameCurve() {
        Map<Boolean, Long> dayOrNight = jdbc.sql("select created_at from ticket").query((rs, n) -> rs.getObject(1,
                        java.time.OffsetDateTime.class).toInstant()).list().stream()
                .collect(Collectors.partitioningBy(t -> {
                    int h = t.atZone(zone).getHour();
                    return h >= 9 && h < 21;
                }, Collectors.counting()));
        // 12 of 24 hours, but nearly all of the load
        assertThat(dayOrNight.get(true)).isGreaterThan(dayOrNight.get(false) * 4);
    }

    /** The page as the demo's lead sees it, signed in through the login form. */
    static String page(String path) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String login = browser.send(HttpRequest.newBuilder(URI.create(kept.baseUrl() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).isTrue();
        browser.send(HttpRequest.newBuilder(URI.create(kept.baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=lead&password=demo&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(kept.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    @Test
    void theCallRecordsApiAndPageShowTheHistory() throws Exception {
        Response token = kept.api().post("/api/v1/auth/tokens", Api.body("username", "lead", "password", "demo")).expect(200);
        Api lead = kept.api().as(token.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
        String from = Instant.now().minus(8, ChronoUnit.DAYS).toString();
        var calls = lead.get("/api/v1/calls?limit=500&from=" + from).expect(200).json();
        assertThat(calls.size()).isEqualTo(500);
        List<String> outcomes = new java.util.ArrayList<>();
        calls.forEach(c -> outcomes.add(c.get("outcome").asString()));
        assertThat(outcomes).contains("ANSWERED", "ABANDONED");
        // the lead sees no personal data: the history's numbers are masked like live calls' numbers
        assertThat(calls.get(0).get("number").asString()).contains("****");
        assertThat(page("/console/calls")).contains("hotline", "ABANDONED", "ANSWERED", "****");
    }

    @Test
    void theDemoAgentsCanBeOfferedWrittenWorkAndTheComplianceLeadExists() {
        Map<String, Integer> skills = new TreeMap<>();
        jdbc.sql("select s.skill, s.level from routing_agent_skill s join app_user u on u.id = s.user_id where u.username = 'agent'")
                .query((rs, n) -> skills.put(rs.getString(1), rs.getInt(2))).list();
        assertThat(skills).containsKeys("chat", "email", "wechat", "weibo");
        assertThat(jdbc.sql("select role_code from app_user where username = 'compliance-lead'").query(String.class).single())
                .isEqualTo("COMPLIANCE_LEAD");
    }

    @Test
    void callbacksAndSurveyAnswersFollowTheHistoryAndShowOnTheirPages() throws Exception {
        int[] followUps = kept.bean(DemoCalls.class).followUps().get(5, TimeUnit.MINUTES);
        long abandoned = jdbc.sql("select count(*) from phone_call where answered_at is null and cause = 'cancel'").query(Long.class).single();
        assertThat(followUps[0]).as("a callback for (nearly) every abandoned call").isGreaterThan((int) (abandoned * 9 / 10));
        Map<String, Long> outcomes = new TreeMap<>();
        jdbc.sql("select outcome, count(*) from callback_attempt where outcome is not null group by outcome")
                .query((rs, n) -> outcomes.put(rs.getString(1), rs.getLong(2))).list();
        // most are reached; some do not answer or ask to be called again; a few wrong numbers
        assertThat(outcomes.get("REACHED")).isGreaterThan(outcomes.get("NO_ANSWER"));
        assertThat(outcomes.get("NO_ANSWER")).isGreaterThan(outcomes.get("CALL_AGAIN"));
        assertThat(outcomes.get("CALL_AGAIN")).isGreaterThan(outcomes.get("WRONG_NUMBER"));
        assertThat(outcomes.get("WRONG_NUMBER")).isPositive();
        assertThat(jdbc.sql("select count(*) from callback_task where state = 'OPEN' and reason = 'ABANDONED_CALL'")
                .query(Long.class).single()).as("the last day's still to call back").isPositive();

        Map<Integer, Long> answers = new TreeMap<>();
        jdbc.sql("select answer, count(*) from survey where state = 'ANSWERED' group by answer")
                .query((rs, n) -> answers.put(rs.getInt(1), rs.getLong(2))).list();
        assertThat(followUps[1]).isEqualTo(answers.values().stream().mapToLong(Long::longValue).sum());
        assertThat(answers.get(1) + answers.get(2)).isGreaterThan(3 * (answers.get(3) + answers.get(4)));
        assertThat(answers.get(3)).isGreaterThan(answers.get(4));
        assertThat(answers.get(4)).isPositive();
        // "not solved": the ticket was reopened, and a callback asked for
        List<String> reopened = jdbc.sql("select t.state from ticket t join survey s on s.ticket_id = t.id where s.answer = 4")
                .query(String.class).list();
        assertThat(reopened).isNotEmpty().allMatch("OPEN"::equals);
        assertThat(jdbc.sql("select count(*) from callback_task where reason = 'SURVEY_NOT_SOLVED'").query(Long.class).single())
                .isEqualTo(answers.get(4));
        // over the weeks, not on one day
        long weeks = jdbc.sql("select answered_at from survey where state = 'ANSWERED'").query((rs, n) -> rs.getObject(1,
                java.time.OffsetDateTime.class).toInstant()).list().stream()
                .map(t -> t.atZone(zone).toLocalDate().with(DayOfWeek.MONDAY)).distinct().count();
        assertThat(weeks).isGreaterThanOrEqualTo(3);

        String report = page("/console/reports/surveys");
        Matcher csat = Pattern.compile("id=\"survey-chart\"[^>]*data-csat=\"([^\"]+)\"").matcher(report);
        assertThat(csat.find()).as("the survey chart is drawn").isTrue();
        assertThat(csat.group(1)).isNotBlank();
        assertThat(report).doesNotContain("No surveys in this period");
        String team = page("/console/callbacks?view=TEAM");
        assertThat(team).contains("callback-row").doesNotContain("No callbacks here");
    }
}
