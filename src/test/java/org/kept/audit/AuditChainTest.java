package org.kept.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The audit log is a hash chain: logins and ticket changes go in, and an edited or deleted entry is found by verify.
 * The database is shared with every other test, so each tampering is undone in a finally block.
 */
@KeptTest
class AuditChainTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    CurrentUser agentUser;
    Api agent;
    Api compliance;
    String number;

    @BeforeEach
    void anAgentWorksATicketAndComplianceWatches() {
        agentUser = fixtures.user("AGENT");
        agent = fixtures.api(agentUser);
        compliance = fixtures.api(fixtures.user("COMPLIANCE", null));
        Response ticket = fixtures.ticket(agent, fixtures.customer("吴用").id(), "审计链");
        number = ticket.json().path("number").asString();
        agent.post("/api/v1/tickets/" + ticket.id() + "/transitions", body("to", "PENDING_INTERNAL", "version", 0)).expect(200);
        agent.post("/api/v1/tickets/" + ticket.id() + "/notes", body("body", "内部备注，含客户电话 13800138000")).expect(200);
    }

    @Test
    void everyTicketChangeIsAuditedWithoutTheTextOfNotes() {
        List<JsonNode> entries = entries("subject=ticket:" + number);
        assertThat(entries).extracting(e -> e.path("action").asString())
                .containsExactlyInAnyOrder("ticket.created", "ticket.state", "ticket.note");
        assertThat(entries).allSatisfy(e -> assertThat(e.path("actor").asString()).isEqualTo(agentUser.username()));
        assertThat(entries).filteredOn(e -> e.path("action").asString().equals("ticket.state"))
                .singleElement().satisfies(e -> assertThat(e.path("details").asString()).isEqualTo("NEW -> PENDING_INTERNAL"));
        assertThat(entries).noneSatisfy(e -> assertThat(e.path("details").asString()).contains("13800138000"));
    }

    @Test
    void successfulAndFailedLoginsAreAudited() {
        fixtures.api().post("/api/v1/auth/tokens", body("username", agentUser.username(), "password", "wrong")).expect(401);
        List<JsonNode> entries = entries("subject=user:" + agentUser.username());
        assertThat(entries).extracting(e -> e.path("action").asString()).contains("login.success", "login.failure");
    }

    @Test
    void theUntouchedChainIsValidAndEverythingGetsSealed() {
        JsonNode verification = verify();
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.path("pending").asLong()).isZero();
        assertThat(verification.path("checked").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(entries("subject=ticket:" + number)).allSatisfy(e -> {
            assertThat(e.path("seq").isNumber()).isTrue();
            assertThat(e.path("hash").asString()).hasSize(64);
        });
    }

    @Test
    void anEditedEntryBreaksTheChainAtItsSequenceNumber() {
        verify();
        Stored entry = stored("ticket.state");
        try {
            jdbc.sql("update audit_entry set details = ? where id = ?").params("NEW -> CLOSED", entry.id()).update();
            JsonNode verification = verify();
            assertThat(verification.path("valid").asBoolean()).isFalse();
            assertThat(verification.path("brokenAtSeq").asLong()).isEqualTo(entry.seq());
            assertThat(verification.path("problem").asString()).contains("altered");
        } finally {
            jdbc.sql("update audit_entry set details = ? where id = ?").params(entry.details(), entry.id()).update();
        }
        assertThat(verify().path("valid").asBoolean()).isTrue();
    }

    @Test
    void anEditedActorOrTimeBreaksTheChainToo() {
        verify();
        Stored entry = stored("ticket.note");
        try {
            jdbc.sql("update audit_entry set actor = ?, at = ? where id = ?")
                    .params("someone-else", entry.at().minusHours(1), entry.id()).update();
            JsonNode verification = verify();
            assertThat(verification.path("valid").asBoolean()).isFalse();
            assertThat(verification.path("brokenAtSeq").asLong()).isEqualTo(entry.seq());
        } finally {
            jdbc.sql("update audit_entry set actor = ?, at = ? where id = ?").params(entry.actor(), entry.at(), entry.id()).update();
        }
        assertThat(verify().path("valid").asBoolean()).isTrue();
    }

    @Test
    void aDeletedSealedEntryIsDetected() {
        verify();
        Stored entry = stored("ticket.created");
        try {
            jdbc.sql("delete from audit_entry where id = ?").param(entry.id()).update();
            JsonNode verification = verify();
            assertThat(verification.path("valid").asBoolean()).isFalse();
            assertThat(verification.path("brokenAtSeq").asLong()).isEqualTo(entry.seq());
            assertThat(verification.path("problem").asString()).contains("missing");
        } finally {
            restore(entry);
        }
        assertThat(verify().path("valid").asBoolean()).isTrue();
    }

    @Test
    void deletingTheNewestSealedEntryIsDetectedAgainstTheHead() {
        verify();
        Stored newest = jdbc.sql("select id, at, actor, action, subject, details, chain_seq, prev_hash, hash from audit_entry "
                + "where chain_seq = (select max(chain_seq) from audit_entry)").query(Stored::read).single();
        try {
            jdbc.sql("delete from audit_entry where id = ?").param(newest.id()).update();
            JsonNode verification = verify();
            assertThat(verification.path("valid").asBoolean()).isFalse();
            assertThat(verification.path("brokenAtSeq").asLong()).isEqualTo(newest.seq());
        } finally {
            restore(newest);
        }
        assertThat(verify().path("valid").asBoolean()).isTrue();
    }

    @Test
    void onlyComplianceAndAdministratorsMayVerify() {
        agent.get("/api/v1/audit/verify").expect(403);
        fixtures.api(fixtures.user("ADMIN", null)).get("/api/v1/audit/verify").expect(200);
    }

    private JsonNode verify() {
        return compliance.get("/api/v1/audit/verify").expect(200).json();
    }

    private List<JsonNode> entries(String query) {
        return List.copyOf(compliance.get("/api/v1/audit/entries?" + query).expect(200).json().values());
    }

    private Stored stored(String action) {
        return jdbc.sql("select id, at, actor, action, subject, details, chain_seq, prev_hash, hash from audit_entry "
                        + "where subject = ? and action = ?")
                .params("ticket:" + number, action).query(Stored::read).single();
    }

    private void restore(Stored e) {
        jdbc.sql("insert into audit_entry (id, at, actor, action, subject, details, chain_seq, prev_hash, hash) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.id(), e.at(), e.actor(), e.action(), e.subject(), e.details(), e.seq(), e.prevHash(), e.hash())
                .update();
    }

    /** An audit row exactly as stored, to put back after tampering with it. */
    record Stored(long id, OffsetDateTime at, String actor, String action, String subject, String details, long seq,
                  String prevHash, String hash) {

        static Stored read(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
            return new Stored(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
                    rs.getString("action"), rs.getString("subject"), rs.getString("details"), rs.getLong("chain_seq"),
                    rs.getString("prev_hash"), rs.getString("hash"));
        }
    }
}
