package org.kept.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kept.support.Api.body;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.contact.Contacts;
import org.kept.customer.Customer;
import org.kept.disclosure.internal.EmergencyWatch;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.kept.support.TestClock;
import org.kept.ticket.Channel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Lawful disclosure through the API: an agency's link submits, the checklist (rows) gates the review, a second person
 * approves (the reviewer never: in code and by the database), only approved fields for the approved period leave,
 * through a link that expires by the clock and runs out of uses, emergencies are fast-tracked with their paperwork
 * tracked afterwards, the subject is told only when the law allows, every step is audited, the report counts.
 */
@KeptTest
class DisclosureTest {

    static final byte[] PDF = "%PDF-1.4 调取证据通知书".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    EmergencyWatch watch;
    @Autowired
    Contacts contacts;

    CurrentUser officer;
    CurrentUser lead;
    CurrentUser otherLead;
    Api officerApi;
    Api leadApi;
    Api otherLeadApi;
    String key;
    long agencyId;
    Customer customer;

    @BeforeEach
    void anAgencyWithALinkAndTwoComplianceOfficers() {
        officer = fixtures.user("COMPLIANCE", null);
        lead = fixtures.user("COMPLIANCE_LEAD", null);
        otherLead = fixtures.user("COMPLIANCE_LEAD", null);
        officerApi = fixtures.api(officer);
        leadApi = fixtures.api(lead);
        otherLeadApi = fixtures.api(otherLead);
        JsonNode issued = leadApi.post("/api/v1/disclosure/agencies", body("name", "朝阳分局测试派出所", "type",
                "PUBLIC_SECURITY", "region", "北京", "publishedLandline", "010-65001234")).expect(201).json();
        key = issued.path("link").asString().substring("/le/".length());
        agencyId = issued.path("agency").path("id").asLong();
        assertThat(issued.path("agency").path("publishedLandline").asString()).isEqualTo("+861065001234");
        customer = fixtures.customer("调证对象");
    }

    Map<String, Object> request(String type, List<String> fields, boolean emergency, boolean noNotify, boolean documents) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.ofHours(8));
        return body("requestType", type, "caseNo", "京公(朝)立字[2026]" + System.nanoTime() % 100000, "legalBasis",
                "刑事诉讼法第54条", "officerName", "张警官", "officerBadges", List.of("011234", "015678"),
                "officerContact", "13800138000", "subject", body("kind", "PHONE", "value", customer.primaryPhone()),
                "fields", fields, "from", now.minusDays(30).toString(), "to", now.plusHours(1).toString(),
                "deadline", now.plusDays(3).toString(), "emergency", emergency, "emergencyReason",
                emergency ? "人员失联，疑似遭遇危险" : null, "noNotify", noNotify,
                "documents", documents ? List.of(doc("NOTICE"), doc("CASE_PROOF"), doc("INTRO_LETTER")) : List.of());
    }

    static Map<String, Object> doc(String kind) {
        return body("kind", kind, "fileName", kind.toLowerCase() + ".pdf", "contentBase64", Base64.getEncoder().encodeToString(PDF));
    }

    long submit(Map<String, Object> request) {
        return fixtures.api().post("/api/v1/le/" + key + "/requests", request).expect(201).id();
    }

    /** Every checklist item of the request passed by the compliance officer, then reviewed by them. */
    void reviewed(long id) {
        for (JsonNode item : officerApi.get("/api/v1/disclosure/requests/" + id).expect(200).json().path("checklist")) {
            officerApi.put("/api/v1/disclosure/requests/" + id + "/checks/" + item.path("code").asString(),
                    body("ok", true, "note", "已核对")).expect(200);
        }
        officerApi.post("/api/v1/disclosure/requests/" + id + "/review", body("note", "齐全")).expect(200);
    }

    List<String> audit(long id) {
        return jdbc.sql("select action from audit_entry where subject = ? order by id").param("disclosure:" + id)
                .query(String.class).list();
    }

    @Test
    void theChecklistIsRowsAndTheReviewPassesOnlyWhenEveryItemPassed() {
        String type = "T" + Long.toString(System.nanoTime(), 36).toUpperCase().replaceAll("[^A-Z0-9]", "");
        type = type.substring(0, Math.min(15, type.length()));
        leadApi.put("/api/v1/disclosure/checklist/" + type + "/NOTICE", body("labelZh", "通知书", "labelEn", "Notice",
                "documentKind", "NOTICE", "deferrable", true, "position", 1)).expect(200);
        leadApi.put("/api/v1/disclosure/checklist/" + type + "/SEAL", body("labelZh", "盖章", "labelEn", "Sealed",
                "position", 2)).expect(200);
        officerApi.put("/api/v1/disclosure/checklist/" + type + "/SEAL", body("labelZh", "x", "labelEn", "x")).expect(403);
        long id = submit(request(type, List.of("NAME"), false, false, true));
        JsonNode detail = officerApi.get("/api/v1/disclosure/requests/" + id).expect(200).json();
        assertThat(detail.path("checklist").findValuesAsString("code")).containsExactly("NOTICE", "SEAL");
        Response early = officerApi.post("/api/v1/disclosure/requests/" + id + "/review", body());
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.contentType()).startsWith("application/problem+json");
        assertThat(early.detail()).contains("NOTICE", "SEAL");
        officerApi.put("/api/v1/disclosure/requests/" + id + "/checks/NOTICE", body("ok", true)).expect(200);
        officerApi.put("/api/v1/disclosure/requests/" + id + "/checks/SEAL", body("ok", false, "note", "无公章")).expect(200);
        assertThat(officerApi.post("/api/v1/disclosure/requests/" + id + "/review", body()).status()).isEqualTo(422);
        officerApi.put("/api/v1/disclosure/requests/" + id + "/checks/SEAL", body("ok", true)).expect(200);
        assertThat(officerApi.post("/api/v1/disclosure/requests/" + id + "/review", body()).expect(200).json()
                .path("request").path("state").asString()).isEqualTo("REVIEWED");
        // a row switched off no longer asks anything of new requests
        leadApi.put("/api/v1/disclosure/checklist/" + type + "/SEAL", body("labelZh", "盖章", "labelEn", "Sealed",
                "active", false)).expect(200);
        long next = submit(request(type, List.of("NAME"), false, false, true));
        assertThat(officerApi.get("/api/v1/disclosure/requests/" + next).json().path("checklist").findValuesAsString("code"))
                .containsExactly("NOTICE");
    }

    @Test
    void theReviewerNeverApprovesTheirOwnReviewInCodeNorInTheDatabase() {
        long id = submit(request("CRIMINAL", List.of("NAME"), false, true, true));
        for (JsonNode item : leadApi.get("/api/v1/disclosure/requests/" + id).json().path("checklist")) {
            leadApi.put("/api/v1/disclosure/requests/" + id + "/checks/" + item.path("code").asString(), body("ok", true)).expect(200);
        }
        leadApi.post("/api/v1/disclosure/requests/" + id + "/review", body()).expect(200);
        Response self = leadApi.post("/api/v1/disclosure/requests/" + id + "/approval", body("fields", List.of("NAME")));
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.contentType()).startsWith("application/problem+json");
        assertThat(leadApi.post("/api/v1/disclosure/requests/" + id + "/rejection", body("note", "自己驳回")).status()).isEqualTo(403);
        // a compliance officer without the approval permission cannot approve anyone's
        assertThat(officerApi.post("/api/v1/disclosure/requests/" + id + "/approval", body("fields", List.of("NAME"))).status())
                .isEqualTo(403);
        assertThatThrownBy(() -> jdbc.sql("update disclosure_request set approver_id = reviewer_id where id = ?").param(id).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(otherLeadApi.post("/api/v1/disclosure/requests/" + id + "/approval", body("fields", List.of("NAME")))
                .expect(201).json().path("link").asString()).startsWith("/le/download/");
        assertThat(audit(id)).containsSubsequence("disclosure.submit", "disclosure.check", "disclosure.review",
                "disclosure.approve");
    }

    @Test
    void onlyTheApprovedFieldsForTheApprovedPeriodLeave() {
        Api agent = fixtures.api(fixtures.user("AGENT"));
        long ticket = fixtures.ticket(agent, customer.id(), "失物：手机落在车上").id();
        long id = submit(request("CRIMINAL", List.of("NAME", "PHONES", "TICKETS"), false, true, true));
        reviewed(id);
        // never a field the agency did not ask for
        Response notAsked = otherLeadApi.post("/api/v1/disclosure/requests/" + id + "/approval", body("fields", List.of("NAME", "EMAILS")));
        assertThat(notAsked.status()).isEqualTo(422);
        assertThat(notAsked.body()).contains("EMAILS");
        Response outside = otherLeadApi.post("/api/v1/disclosure/requests/" + id + "/approval", body("fields", List.of("NAME"),
                "from", OffsetDateTime.now(clock).minusDays(400).toString()));
        assertThat(outside.status()).isEqualTo(422);
        String link = otherLeadApi.post("/api/v1/disclosure/requests/" + id + "/approval", body("fields", List.of("NAME", "TICKETS"),
                "maxUses", 2)).expect(201).json().path("link").asString();
        Response json = fixtures.api().get(link);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Cache-Control")).contains("no-store");
        JsonNode data = json.json().path("data");
        assertThat(data.path("name").asString()).isEqualTo("调证对象");
        assertThat(data.has("phones")).isFalse();
        assertThat(data.has("emails")).isFalse();
        assertThat(json.body()).doesNotContain(customer.primaryEmail()).doesNotContain(customer.primaryPhone().substring(3) + "\"]");
        assertThat(data.path("tickets").findValuesAsString("subject")).contains("失物：手机落在车上");
        Response csv = fixtures.api().get(link + "?format=csv");
        assertThat(csv.body()).contains("section,item,field,value").contains("customer,,name,调证对象")
                .doesNotContain(",phone,").doesNotContain(customer.primaryEmail());
        assertThat(ticket).isPositive();
        // a second package for a period that holds no tickets has the name only
        long id2 = submit(request("CRIMINAL", List.of("TICKETS"), false, true, true));
        reviewed(id2);
        String link2 = otherLeadApi.post("/api/v1/disclosure/requests/" + id2 + "/approval", body("fields", List.of("TICKETS"),
                "to", OffsetDateTime.now(clock).minusDays(20).toString())).expect(201).json().path("link").asString();
        assertThat(fixtures.api().get(link2).json().path("data").path("tickets").size()).isZero();
        assertThat(jdbc.sql("select produced from disclosure_request where id = ?").param(id2).query(Boolean.class).single()).isFalse();
    }

    @Test
    void theLinkExpiresByTheClockAndRunsOutOfUsesAndEveryDownloadIsAudited() {
        long id = submit(request("CRIMINAL", List.of("NAME"), false, true, true));
        reviewed(id);
        String link = otherLeadApi.post("/api/v1/disclosure/requests/" + id + "/approval", body("fields", List.of("NAME"),
                "maxUses", 2)).expect(201).json().path("link").asString();
        assertThat(fixtures.api().get(link).status()).isEqualTo(200);
        assertThat(fixtures.api().get(link + "?format=csv").status()).isEqualTo(200);
        assertThat(fixtures.api().get(link).status()).isEqualTo(410);
        assertThat(fixtures.api().get("/le/download/" + "x".repeat(43)).status()).isEqualTo(404);

        long id2 = submit(request("CRIMINAL", List.of("NAME"), false, true, true));
        reviewed(id2);
        String link2 = otherLeadApi.post("/api/v1/disclosure/requests/" + id2 + "/approval", body("fields", List.of("NAME")))
                .expect(201).json().path("link").asString();
        try (var later = clock.moved(Duration.ofHours(72).plusMinutes(1))) {
            assertThat(fixtures.api().get(link2).status()).isEqualTo(410);
        }
        assertThat(fixtures.api().get(link2).status()).isEqualTo(200);
        assertThat(jdbc.sql("select outcome from disclosure_download d join disclosure_release r on r.id = d.release_id "
                + "where r.request_id = ? order by d.id").param(id).query(String.class).list())
                .containsExactly("SERVED", "SERVED", "USED_UP");
        assertThat(audit(id).stream().filter("disclosure.download"::equals)).hasSize(3);
        assertThat(audit(id2).stream().filter("disclosure.download"::equals)).hasSize(2);
    }

    @Test
    void anEmergencyIsFastTrackedAndItsPaperworkTrackedAfterwards() {
        Instant before = clock.instant();
        Response made = fixtures.api().post("/api/v1/le/" + key + "/requests", request("CRIMINAL", List.of("NAME", "PHONES"),
                true, true, false)).expect(201);
        long id = made.id();
        Instant due = Instant.parse(made.json().path("slaDueAt").asString());
        assertThat(due).isBetween(before.plus(Duration.ofMinutes(10)), clock.instant().plus(Duration.ofMinutes(10)));
        // reviewers are alerted at once
        assertThat(jdbc.sql("select count(*) from notification where user_id = ? and kind = 'DISCLOSURE_EMERGENCY'")
                .param(officer.id()).query(Long.class).single()).isPositive();
        // deferrable items may wait, the officers' numbers may not, and the agency must confirm on its landline
        officerApi.put("/api/v1/disclosure/requests/" + id + "/checks/OFFICERS", body("ok", true)).expect(200);
        officerApi.put("/api/v1/disclosure/requests/" + id + "/checks/MINIMUM", body("ok", true)).expect(200);
        assertThat(officerApi.put("/api/v1/disclosure/requests/" + id + "/checks/NOTICE", body("ok", true)).status())
                .as("no notice uploaded yet").isEqualTo(422);
        assertThat(officerApi.post("/api/v1/disclosure/requests/" + id + "/review", body()).detail()).isNotBlank();
        JsonNode called = officerApi.post("/api/v1/disclosure/requests/" + id + "/callbacks", body("outcome", "CONFIRMED",
                "note", "值班室确认")).expect(200).json().path("callbacks").get(0);
        assertThat(called.path("number").asString()).isEqualTo("+861065001234");
        assertThat(called.path("calledBy").asString()).isEqualTo(officer.displayName());
        officerApi.post("/api/v1/disclosure/requests/" + id + "/review", body()).expect(200);
        try (var late = clock.moved(Duration.ofMinutes(11))) {
            JsonNode queued = officerApi.get("/api/v1/disclosure/requests").json().path("requests");
            JsonNode mine = null;
            for (JsonNode q : queued) {
                if (q.path("id").asLong() == id) {
                    mine = q;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.path("slaBreached").asBoolean()).isTrue();
            watch.run();
            assertThat(jdbc.sql("select count(*) from notification where user_id = ? and kind = 'DISCLOSURE_SLA'")
                    .param(lead.id()).query(Long.class).single()).isPositive();
            assertThat(audit(id)).contains("disclosure.sla.breach");
            int again = watch.run();
            assertThat(audit(id).stream().filter("disclosure.sla.breach"::equals)).as("alerted once").hasSize(1);
            assertThat(again).isGreaterThanOrEqualTo(0);
        }
        otherLeadApi.post("/api/v1/disclosure/requests/" + id + "/approval", body("fields", List.of("NAME"))).expect(201);
        try (var days = clock.moved(Duration.ofDays(4))) {
            Api officerApi = fixtures.api(officer);  // a token from four days ago has expired
            JsonNode paperwork = officerApi.get("/api/v1/disclosure/requests").json().path("paperwork");
            boolean overdue = false;
            for (JsonNode p : paperwork) {
                overdue |= p.path("id").asLong() == id && p.path("paperworkOverdue").asBoolean();
            }
            assertThat(overdue).as("listed as overdue paperwork").isTrue();
            assertThat(officerApi.post("/api/v1/disclosure/requests/" + id + "/paperwork", body()).status()).isEqualTo(422);
            for (String kind : List.of("NOTICE", "CASE_PROOF", "INTRO_LETTER")) {
                fixtures.api().post("/api/v1/le/" + key + "/requests/" + id + "/documents", doc(kind)).expect(201);
            }
            assertThat(officerApi.post("/api/v1/disclosure/requests/" + id + "/paperwork", body()).expect(200).json()
                    .path("request").path("paperworkDoneAt").isNull()).isFalse();
        }
    }

    @Test
    void theSubjectIsToldOnlyWhenTheLawAllows() {
        long secret = submit(request("CRIMINAL", List.of("NAME"), false, true, true));
        reviewed(secret);
        otherLeadApi.post("/api/v1/disclosure/requests/" + secret + "/approval", body("fields", List.of("NAME"))).expect(201);
        assertThat(contacts.ofCustomer(customer.id(), 50).stream().filter(c -> c.channel() == Channel.SMS)).isEmpty();
        assertThat(audit(secret)).contains("disclosure.notice.suppressed").doesNotContain("disclosure.notice");
        assertThat(officerApi.get("/api/v1/disclosure/requests/" + secret).json().path("request").path("noNotify").asBoolean())
                .isTrue();

        long open = submit(request("CRIMINAL", List.of("NAME"), false, false, true));
        reviewed(open);
        otherLeadApi.post("/api/v1/disclosure/requests/" + open + "/approval", body("fields", List.of("NAME"))).expect(201);
        assertThat(contacts.ofCustomer(customer.id(), 50).stream().filter(c -> c.channel() == Channel.SMS)).hasSize(1);
        assertThat(audit(open)).contains("disclosure.notice");
    }

    @Test
    void badSubmissionsAreRefusedWholeAndRetriesAreIdempotent() {
        long before = jdbc.sql("select count(*) from disclosure_request where agency_id = ?").param(agencyId).query(Long.class).single();
        Map<String, Object> fake = new java.util.LinkedHashMap<>(request("CRIMINAL", List.of("NAME"), false, false, false));
        fake.put("documents", List.of(body("kind", "NOTICE", "fileName", "notice.pdf", "contentBase64",
                Base64.getEncoder().encodeToString("MZ not a pdf".getBytes()))));
        fake.put("officerBadges", List.of("011234", "011234"));
        Response refused = fixtures.api().post("/api/v1/le/" + key + "/requests", fake);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("documents[0]").contains("badge2").contains("documents");
        assertThat(jdbc.sql("select count(*) from disclosure_request where agency_id = ?").param(agencyId).query(Long.class).single())
                .isEqualTo(before);
        Map<String, Object> good = request("CRIMINAL", List.of("NAME"), false, false, true);
        Api retrying = fixtures.api().header("Idempotency-Key", "le-" + System.nanoTime());
        long first = retrying.post("/api/v1/le/" + key + "/requests", good).expect(201).id();
        assertThat(retrying.post("/api/v1/le/" + key + "/requests", good).expect(201).id()).isEqualTo(first);
        assertThat(fixtures.api().post("/api/v1/le/" + "y".repeat(43) + "/requests", good).status()).isEqualTo(404);
        leadApi.post("/api/v1/disclosure/agencies/" + agencyId + "/revocation", body()).expect(200);
        assertThat(fixtures.api().post("/api/v1/le/" + key + "/requests", good).status()).isEqualTo(404);
        assertThat(fixtures.api().get("/le/" + key).status()).isEqualTo(404);
    }

    @Test
    void theSubjectsPhoneIsMaskedForAComplianceOfficerWithoutPersonalDataRights() {
        long id = submit(request("CRIMINAL", List.of("NAME"), false, false, true));
        String shown = officerApi.get("/api/v1/disclosure/requests/" + id).json().path("request").path("subjectValue").asString();
        assertThat(shown).isNotEqualTo(customer.primaryPhone()).contains("****");
        assertThat(officerApi.get("/api/v1/disclosure/requests").body()).doesNotContain(customer.primaryPhone());
        assertThat(fixtures.api(fixtures.user("AGENT")).get("/api/v1/disclosure/requests/" + id).status()).isEqualTo(403);
    }

    @Test
    void theTransparencyReportCountsRequestsByAgencyTypeAndOutcome() {
        String half = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.ofHours(8)).getMonthValue() <= 6
                ? OffsetDateTime.now(clock).getYear() + "-H1" : OffsetDateTime.now(clock).getYear() + "-H2";
        JsonNode before = line(officerApi.get("/api/v1/reports/disclosure?half=" + half).expect(200).json(), "PUBLIC_SECURITY");
        long produced = submit(request("CRIMINAL", List.of("NAME"), false, true, true));
        reviewed(produced);
        otherLeadApi.post("/api/v1/disclosure/requests/" + produced + "/approval", body("fields", List.of("NAME"))).expect(201);
        long rejected = submit(request("CRIMINAL", List.of("NAME"), false, true, true));
        officerApi.post("/api/v1/disclosure/requests/" + rejected + "/rejection", body("note", "文书印章不清")).expect(200);
        submit(request("CRIMINAL", List.of("NAME"), false, true, true));
        JsonNode r = officerApi.get("/api/v1/reports/disclosure?half=" + half).expect(200).json();
        JsonNode after = line(r, "PUBLIC_SECURITY");
        assertThat(after.path("received").asLong() - before.path("received").asLong()).isEqualTo(3);
        assertThat(after.path("produced").asLong() - before.path("produced").asLong()).isEqualTo(1);
        assertThat(after.path("rejected").asLong() - before.path("rejected").asLong()).isEqualTo(1);
        assertThat(after.path("pending").asLong() - before.path("pending").asLong()).isEqualTo(1);
        assertThat(r.path("total").path("received").asLong()).isGreaterThanOrEqualTo(after.path("received").asLong());
        assertThat(officerApi.get("/api/v1/reports/disclosure?half=2026-Q3").status()).isEqualTo(422);
        assertThat(fixtures.api(fixtures.user("AGENT")).get("/api/v1/reports/disclosure").status()).isEqualTo(403);
        assertThat(fixtures.api(fixtures.user("PLANNER", null)).get("/api/v1/reports/disclosure").status()).isEqualTo(200);
    }

    @Test
    void theOfficersFormOpensAtTheAgencysLinkOnlyWithACsrfToken() {
        submit(request("CRIMINAL", List.of("NAME"), false, true, true));
        Response page = fixtures.api().get("/le/" + key);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("朝阳分局测试派出所").contains("name=\"_csrf\"").contains("id=\"officer-form\"")
                .contains("+861065001234").contains("agency-requests");
        assertThat(fixtures.api().get("/le/" + "z".repeat(43)).status()).isEqualTo(404);
        // a form post without the page's CSRF token is refused before anything is looked at
        assertThat(fixtures.api().header("Content-Type", "application/x-www-form-urlencoded")
                .send("POST", "/le/" + key, null).status()).isEqualTo(403);
    }

    static JsonNode line(JsonNode report, String type) {
        for (JsonNode l : report.path("lines")) {
            if (l.path("agencyType").asString().equals(type)) {
                return l;
            }
        }
        throw new AssertionError(type);
    }
}
