package org.kept.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.kept.support.Api.body;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.NewContact;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.protection.Restrictions.Action;
import org.kept.protection.Restrictions.Decision;
import org.kept.protection.Restrictions.IdentityKind;
import org.kept.protection.internal.FlagDesk;
import org.kept.shared.Masking;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.TestClock;
import org.kept.ticket.Channel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/**
 * Agent protection end to end through the API: marking levels and what they allow, restrictions that need a second
 * person, expire, count hits and never reject an open complaint (whose tickets keep the baseline SLA), appeals,
 * exposure counters and recovery, the abuse report, the evidence package and masking.
 */
@KeptTest
@RecordApplicationEvents
class ProtectionTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Contacts contacts;
    @Autowired
    Restrictions restrictions;
    @Autowired
    AgentProtection agentProtection;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;
    @Autowired
    FlagDesk flagDesk;

    private Contact call(Customer customer, CurrentUser agent) {
        return contacts.record(new NewContact(Channel.PHONE, Direction.INBOUND, "prot-" + System.nanoTime(),
                customer.primaryPhone(), customer.id(), null, agent.id(), clock.instant(), "来电辱骂坐席"), agent);
    }

    private long flag(Api api, Contact contact, String level) {
        return api.post("/api/v1/protection/flags", body("contactId", contact.id(), "level", level, "note", "反复辱骂"))
                .expect(201).id();
    }

    private static String inDays(int days) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(days).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private JsonNode requestRestriction(Api api, Customer customer, String action, List<Long> flags, int days) {
        return api.post("/api/v1/protection/restrictions", body("kind", "PHONE", "value", customer.primaryPhone(),
                "action", action, "reason", "一小时内多次辱骂", "flagIds", flags, "expiresAt", inDays(days))).expect(201).json();
    }

    private List<String> audited(String action, String subject) {
        return jdbc.sql("select details from audit_entry where action = ? and subject = ? order by id")
                .params(action, subject).query(String.class).list();
    }

    @Test
    void levelsSayWhatTheyAllowAndWarnAndEndAreRecordedWhereAllowed() {
        CurrentUser agent = fixtures.user("AGENT");
        Api api = fixtures.api(agent);
        Customer customer = fixtures.customer("标记客户");
        JsonNode levels = api.get("/api/v1/protection/levels").expect(200).json();
        assertThat(levels).extracting(l -> l.path("code").asString())
                .containsExactly("DISCONTENT", "AGGRESSION", "ABUSE", "THREAT");
        assertThat(levels.get(0).path("allowsWarn").asBoolean()).isFalse();
        assertThat(levels.get(3).path("allowsReject").asBoolean()).isTrue();

        long mild = flag(api, call(customer, agent), "DISCONTENT");
        api.post("/api/v1/protection/flags/" + mild + "/actions", body("action", "WARN")).expect(409);
        api.post("/api/v1/protection/flags/" + mild + "/actions", body("action", "END", "reason", "x")).expect(409);

        Contact abusive = call(customer, agent);
        long abuse = flag(api, abusive, "ABUSE");
        JsonNode warned = api.post("/api/v1/protection/flags/" + abuse + "/actions", body("action", "WARN")).expect(200).json();
        assertThat(warned.path("flag").path("warnedAt").isNull()).isFalse();
        assertThat(warned.path("flag").path("warningScript").asString()).isEqualTo("abuse-warning");
        api.post("/api/v1/protection/flags/" + abuse + "/actions", body("action", "END")).expect(422);
        // (through the desk on this thread, where the test sees the events it publishes)
        assertThat(flagDesk.end(abuse, "警告后继续辱骂", agent).endReason()).isEqualTo("警告后继续辱骂");
        JsonNode again = api.post("/api/v1/protection/flags/" + abuse + "/actions",
                body("action", "END", "reason", "重复")).expect(200).json();
        assertThat(again.path("flag").path("endReason").asString()).as("ending twice changes nothing").isEqualTo("警告后继续辱骂");
        assertThat(events.stream(ContactEndedForAbuse.class).filter(e -> e.flagId() == abuse)).singleElement()
                .satisfies(e -> assertThat(e.contactId()).isEqualTo(abusive.id()));
        api.post("/api/v1/protection/flags", body("contactId", abusive.id(), "level", "RUDE")).expect(422);
        await().atMost(Duration.ofSeconds(10)).until(() -> !audited("protection.end", "contact:" + abusive.id()).isEmpty());
    }

    @Test
    void aRestrictionNeedsASecondPersonExpiresAndCountsItsHits() {
        CurrentUser agent = fixtures.user("AGENT");
        CurrentUser lead = fixtures.user("LEAD");
        CurrentUser otherLead = fixtures.user("LEAD");
        Api agentApi = fixtures.api(agent);
        Api leadApi = fixtures.api(lead);
        Customer caller = fixtures.customer("骚扰来电人");
        long flag = flag(agentApi, call(caller, agent), "ABUSE");

        // a restriction rests on evidence serious enough, has an expiry within the action's maximum (data)
        agentApi.post("/api/v1/protection/restrictions", body("kind", "PHONE", "value", caller.primaryPhone(),
                "action", "HARASSMENT_QUEUE", "reason", "辱骂", "flagIds", List.of(flag))).expect(422);
        agentApi.post("/api/v1/protection/restrictions", body("kind", "PHONE", "value", caller.primaryPhone(),
                "action", "HARASSMENT_QUEUE", "reason", "辱骂", "flagIds", List.of(flag), "expiresAt", inDays(91))).expect(422);
        agentApi.post("/api/v1/protection/restrictions", body("kind", "PHONE", "value", caller.primaryPhone(),
                "action", "REJECT", "reason", "辱骂", "flagIds", List.of(flag), "expiresAt", inDays(10))).expect(422);
        long mild = flag(agentApi, call(caller, agent), "DISCONTENT");
        agentApi.post("/api/v1/protection/restrictions", body("kind", "PHONE", "value", caller.primaryPhone(),
                "action", "WARN_FIRST", "reason", "不满", "flagIds", List.of(mild), "expiresAt", inDays(10))).expect(422);

        // lead asks: pending, does nothing yet; the number is stored hashed and shown masked
        JsonNode r = requestRestriction(leadApi, caller, "HARASSMENT_QUEUE", List.of(flag), 30);
        long id = r.path("id").asLong();
        assertThat(r.path("state").asString()).isEqualTo("PENDING");
        assertThat(r.path("identity").asString()).isEqualTo(Masking.phone(caller.primaryPhone()));
        assertThat(r.path("reviewAt").isNull()).isFalse();
        assertThat(jdbc.sql("select identity_hash from caller_restriction where id = ?").param(id).query(String.class).single())
                .hasSize(64).doesNotContain(caller.primaryPhone().substring(3));
        assertThat(restrictions.check(IdentityKind.PHONE, caller.primaryPhone(), clock.instant()).action()).isEqualTo(Action.NONE);

        // the requester can never approve their own; an agent cannot approve at all; another lead can
        leadApi.post("/api/v1/protection/restrictions/" + id + "/decision", body("approve", true)).expect(403);
        agentApi.post("/api/v1/protection/restrictions/" + id + "/decision", body("approve", true)).expect(403);
        JsonNode approved = fixtures.api(otherLead).post("/api/v1/protection/restrictions/" + id + "/decision",
                body("approve", true, "note", "证据充分")).expect(200).json();
        assertThat(approved.path("state").asString()).isEqualTo("ACTIVE");
        assertThat(approved.path("approvedBy").asLong()).isEqualTo(otherLead.id());
        fixtures.api(otherLead).post("/api/v1/protection/restrictions/" + id + "/decision", body("approve", false)).expect(409);

        // any format of the number finds it, and each decision counts a hit
        Decision d = restrictions.check(IdentityKind.PHONE, caller.primaryPhone().replace("+86", ""), clock.instant());
        assertThat(d.action()).isEqualTo(Action.HARASSMENT_QUEUE);
        assertThat(d.queue()).isEqualTo("harassment");
        assertThat(d.message()).isNotBlank();
        assertThat(d.appealPath()).startsWith("/appeal/");
        restrictions.check(IdentityKind.PHONE, caller.primaryPhone(), clock.instant());
        assertThat(jdbc.sql("select hit_count from caller_restriction where id = ?").param(id).query(Long.class).single())
                .isEqualTo(2);

        // it expires by itself
        try (var later = clock.moved(Duration.ofDays(31))) {
            assertThat(restrictions.check(IdentityKind.PHONE, caller.primaryPhone(), clock.instant()).restricted()).isFalse();
            JsonNode listed = fixtures.api(otherLead).get("/api/v1/protection/restrictions").expect(200).json();
            boolean expired = false;
            for (JsonNode x : listed) {
                if (x.path("id").asLong() == id) {
                    expired = "EXPIRED".equals(x.path("state").asString());
                }
            }
            assertThat(expired).isTrue();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !audited("protection.restriction.approve", "restriction:" + id).isEmpty());
    }

    @Test
    void aCallerWithAnOpenComplaintIsNeverRejectedAndTheirTicketsKeepTheBaselineSla() {
        CurrentUser agent = fixtures.user("AGENT");
        Api agentApi = fixtures.api(agent);
        Customer caller = fixtures.customer("威胁来电人");
        Customer other = fixtures.customer("普通客户");
        long threat = flag(agentApi, call(caller, agent), "THREAT");
        long id = requestRestriction(agentApi, caller, "REJECT", List.of(threat), 20).path("id").asLong();
        fixtures.api(fixtures.user("LEAD")).post("/api/v1/protection/restrictions/" + id + "/decision", body("approve", true))
                .expect(200);
        assertThat(restrictions.check(IdentityKind.PHONE, caller.primaryPhone(), clock.instant()).action())
                .as("a threat without an open complaint is rejected").isEqualTo(Action.REJECT);

        JsonNode complaint = agentApi.post("/api/v1/tickets", body("type", "COMPLAINT", "subject", "投诉处理太慢",
                "customerId", caller.id())).expect(201).json();
        Decision d = restrictions.check(IdentityKind.PHONE, caller.primaryPhone(), clock.instant());
        assertThat(d.action()).as("routed, not rejected").isEqualTo(Action.HARASSMENT_QUEUE);
        assertThat(d.downgraded()).isTrue();
        assertThat(d.queue()).isNotBlank();

        // the complaint of the restricted caller has exactly the deadlines of anyone else's
        JsonNode baseline = agentApi.post("/api/v1/tickets", body("type", "COMPLAINT", "subject", "投诉处理太慢",
                "customerId", other.id())).expect(201).json();
        for (String due : List.of("firstResponseDue", "resolutionDue")) {
            Duration restricted = Duration.between(Instant.parse(complaint.path("createdAt").asString()),
                    Instant.parse(complaint.path(due).asString()));
            Duration normal = Duration.between(Instant.parse(baseline.path("createdAt").asString()),
                    Instant.parse(baseline.path(due).asString()));
            assertThat(restricted.toSeconds()).as(due).isCloseTo(normal.toSeconds(), within(2L));
        }
        assertThat(complaint.path("priority").asString()).isEqualTo(baseline.path("priority").asString());
    }

    @Test
    void theRestrictedPartyAppealsAndALeadLiftsIt() {
        CurrentUser agent = fixtures.user("AGENT");
        CurrentUser portalUser = fixtures.user("CUSTOMER");
        Customer caller = fixtures.customer("申诉客户");
        Api agentApi = fixtures.api(agent);
        long abuse = flag(agentApi, call(caller, agent), "ABUSE");
        // restricted by the portal customer's account
        long id = agentApi.post("/api/v1/protection/restrictions", body("kind", "ACCOUNT", "value",
                Long.toString(portalUser.customerId()), "action", "IVR_THEN_WRITTEN", "reason", "多次辱骂", "flagIds",
                List.of(abuse), "expiresAt", inDays(60))).expect(201).id();
        CurrentUser lead = fixtures.user("LEAD");
        Api leadApi = fixtures.api(lead);
        leadApi.post("/api/v1/protection/restrictions/" + id + "/decision", body("approve", true)).expect(200);
        Api customerApi = fixtures.api(portalUser);
        assertThat(restrictions.check(IdentityKind.ACCOUNT, Long.toString(portalUser.customerId()), clock.instant()).action())
                .isEqualTo(Action.IVR_THEN_WRITTEN);

        // another customer's restriction is not theirs to appeal
        long strangers = agentApi.post("/api/v1/protection/restrictions", body("kind", "PHONE", "value", caller.primaryPhone(),
                "action", "WARN_FIRST", "reason", "辱骂", "flagIds", List.of(abuse), "expiresAt", inDays(5))).expect(201).id();
        customerApi.post("/api/v1/protection/appeals", body("restrictionId", strangers, "text", "不是我")).expect(404);
        agentApi.post("/api/v1/protection/appeals", body("restrictionId", id, "text", "x")).expect(403);

        long appeal = customerApi.post("/api/v1/protection/appeals", body("restrictionId", id, "text", "当时情绪激动，已道歉"))
                .expect(201).id();
        customerApi.post("/api/v1/protection/appeals", body("restrictionId", id, "text", "再次申诉")).expect(409);
        JsonNode open = leadApi.get("/api/v1/protection/appeals").expect(200).json();
        assertThat(open.findValuesAsString("text")).contains("当时情绪激动，已道歉");
        agentApi.post("/api/v1/protection/appeals/" + appeal + "/decision", body("lift", true, "note", "x")).expect(403);
        leadApi.post("/api/v1/protection/appeals/" + appeal + "/decision", body("lift", true)).expect(422);
        JsonNode decided = leadApi.post("/api/v1/protection/appeals/" + appeal + "/decision",
                body("lift", true, "note", "已道歉，解除")).expect(200).json();
        assertThat(decided.path("state").asString()).isEqualTo("LIFTED");
        assertThat(restrictions.check(IdentityKind.ACCOUNT, Long.toString(portalUser.customerId()), clock.instant())
                .restricted()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> audited("protection.appeal", "restriction:" + id).size() == 1
                && audited("protection.appeal.lift", "restriction:" + id).size() == 1);
    }

    @Test
    void theAppealLinkInTheAutomaticMessageOpensThatRestrictionsAppealWithoutSigningIn() {
        CurrentUser agent = fixtures.user("AGENT");
        Customer caller = fixtures.customer("链接申诉");
        Api agentApi = fixtures.api(agent);
        long abuse = flag(agentApi, call(caller, agent), "ABUSE");
        long id = requestRestriction(agentApi, caller, "HARASSMENT_QUEUE", List.of(abuse), 30).path("id").asLong();
        fixtures.api(fixtures.user("LEAD")).post("/api/v1/protection/restrictions/" + id + "/decision", body("approve", true))
                .expect(200);
        String path = restrictions.check(IdentityKind.PHONE, caller.primaryPhone(), clock.instant()).appealPath();
        var page = fixtures.api().get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"" + path + "\"").doesNotContain(caller.primaryPhone());
        assertThat(fixtures.api().get("/appeal/not-a-token").status()).isEqualTo(404);
    }

    @Test
    void exposureCountsFlaggedContactsGivesRecoveryAndTellsLeadsAtTheThreshold() {
        CurrentUser agent = fixtures.user("AGENT", "after-sales");
        CurrentUser lead = fixtures.user("LEAD", "after-sales");
        Api agentApi = fixtures.api(agent);
        Customer caller = fixtures.customer("受扰统计");
        Instant before = clock.instant();
        flagDesk.flag(call(caller, agent).id(), "AGGRESSION", "拍桌子", agent);
        JsonNode exposure = agentApi.get("/api/v1/protection/exposure").expect(200).json();
        assertThat(exposure.path("today").asLong()).isEqualTo(1);
        assertThat(exposure.path("thisWeek").asLong()).isEqualTo(1);
        Instant until = Instant.parse(exposure.path("recoveryUntil").asString());
        assertThat(until).isBetween(before.plus(Duration.ofMinutes(10)), clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(events.stream(AgentNeedsRecovery.class).filter(e -> e.userId() == agent.id())).singleElement()
                .satisfies(e -> assertThat(e.until()).isEqualTo(until));
        assertThat(agentProtection.recoveryUntil(agent.id(), clock.instant())).contains(until);
        try (var later = clock.moved(Duration.ofMinutes(11))) {
            assertThat(agentProtection.recoveryUntil(agent.id(), clock.instant())).isEmpty();
        }
        // another agent's exposure is a lead's to read
        agentApi.get("/api/v1/protection/exposure?agent=" + lead.id()).expect(403);

        assertThat(events.stream(AgentExposureAlert.class).filter(e -> e.userId() == agent.id())).isEmpty();
        flag(agentApi, call(caller, agent), "ABUSE");
        flagDesk.flag(call(caller, agent).id(), "ABUSE", null, agent);
        assertThat(events.stream(AgentExposureAlert.class).filter(e -> e.userId() == agent.id())).singleElement()
                .satisfies(e -> {
                    assertThat(e.flaggedToday()).isEqualTo(3);
                    assertThat(e.leadIds()).contains(lead.id()).doesNotContain(agent.id());
                });
        flagDesk.flag(call(caller, agent).id(), "ABUSE", null, agent);
        assertThat(events.stream(AgentExposureAlert.class).filter(e -> e.userId() == agent.id())).as("once a day").hasSize(1);

        Api leadApi = fixtures.api(lead);
        JsonNode seen = leadApi.get("/api/v1/protection/exposure?agent=" + agent.id()).expect(200).json();
        assertThat(seen.path("today").asLong()).isEqualTo(4);
        assertThat(seen.path("overThreshold").asBoolean()).isTrue();
        agentApi.put("/api/v1/protection/agents/" + agent.id() + "/written-only", body("writtenOnly", true)).expect(403);
        leadApi.put("/api/v1/protection/agents/" + agent.id() + "/written-only", body("writtenOnly", false)).expect(200);
        flagDesk.writtenOnly(agent.id(), true, lead);
        assertThat(agentProtection.writtenChannelsOnly(agent.id())).isTrue();
        assertThat(events.stream(AgentChannelsChanged.class).filter(e -> e.userId() == agent.id())).singleElement()
                .satisfies(e -> assertThat(e.writtenChannelsOnly()).isTrue());

        // the week counts every day of it; tomorrow's "today" starts again
        try (var tomorrow = clock.moved(Duration.ofDays(1))) {
            // (the desk itself: an API token does not outlive a day's jump)
            var next = flagDesk.exposure(agent.id());
            assertThat(next.today()).isZero();
            boolean sameWeek = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).getDayOfWeek()
                    != java.time.DayOfWeek.MONDAY;
            assertThat(next.thisWeek()).isEqualTo(sameWeek ? 4 : 0);
        }
    }

    @Test
    void theAbuseReportCountsBySourceLevelAndHourAndTheEvidencePackageIsRestrictedAndAudited() {
        CurrentUser agent = fixtures.user("AGENT", "online");
        Api agentApi = fixtures.api(agent);
        Customer caller = fixtures.customer("报表客户");
        long abuse = flag(agentApi, call(caller, agent), "ABUSE");
        long threat = flag(agentApi, call(caller, agent), "THREAT");

        Api planner = fixtures.api(fixtures.user("PLANNER", null));
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        JsonNode all = planner.get("/api/v1/reports/abuse?from=" + today + "&to=" + today + "&team=" + fixtures.team("online"))
                .expect(200).json();
        assertThat(all.path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(all.path("byLevel").path("THREAT").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(all.path("byChannel").path("PHONE").asLong()).isGreaterThanOrEqualTo(2);
        long hourSum = 0;
        for (JsonNode h : all.path("byHour")) {
            hourSum += h.asLong();
        }
        assertThat(hourSum).isEqualTo(all.path("total").asLong());
        // a lead reads their own team only
        fixtures.api(fixtures.user("LEAD", "hotline")).get("/api/v1/reports/abuse?team=" + fixtures.team("online")).expect(403);
        agentApi.get("/api/v1/reports/abuse").expect(403);

        long id = requestRestriction(agentApi, caller, "REJECT", List.of(abuse, threat), 10).path("id").asLong();
        agentApi.post("/api/v1/protection/evidence", body("restrictionId", id, "reason", "移送公安")).expect(403);
        Api compliance = fixtures.api(fixtures.user("COMPLIANCE", null));
        compliance.post("/api/v1/protection/evidence", body("restrictionId", id)).expect(422);
        JsonNode pack = compliance.post("/api/v1/protection/evidence", body("restrictionId", id, "reason", "移送公安，合肥12345"))
                .expect(200).json();
        assertThat(pack.path("basis").asString()).contains("国办函〔2025〕66号");
        assertThat(pack.path("contacts")).hasSize(2);
        assertThat(pack.path("contacts").get(0).path("address").asString()).isEqualTo(caller.primaryPhone());
        assertThat(pack.path("contacts").get(0).path("startedAt").isNull()).isFalse();
        assertThat(pack.path("contacts").get(1).path("level").asString()).isEqualTo("THREAT");
        await().atMost(Duration.ofSeconds(10)).until(() -> audited("protection.evidence.export", "restriction:" + id).size() == 1);
    }

    @Test
    void outsourcedAgentsMarkButNeverSeeFullNumbersNorApprove() {
        CurrentUser outsourced = fixtures.user("OUTSOURCED");
        Api api = fixtures.api(outsourced);
        Customer caller = fixtures.customer("外包标记");
        long abuse = flag(api, call(caller, outsourced), "ABUSE");
        long id = requestRestriction(api, caller, "WARN_FIRST", List.of(abuse), 30).path("id").asLong();
        String listed = api.get("/api/v1/protection/restrictions").expect(200).body();
        assertThat(listed).doesNotContain(caller.primaryPhone()).doesNotContain(caller.primaryPhone().substring(3))
                .contains(Masking.phone(caller.primaryPhone()));
        api.post("/api/v1/protection/restrictions/" + id + "/decision", body("approve", true)).expect(403);
        api.post("/api/v1/protection/evidence", body("restrictionId", id, "reason", "x")).expect(403);
    }
}
