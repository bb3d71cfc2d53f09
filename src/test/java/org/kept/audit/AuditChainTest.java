package org.kept.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.shared.Sha256;
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
    long ticketId;

    /** The key the test profile configures (application-test.yml). */
    static final String KEY = "test-audit-key-0123456789abcdef-0123456789";

    @BeforeEach
    void anAgentWorksATicketAndComplianceWatches() {
        agentUser = fixtures.user("AGENT");
        agent = fixtures.api(agentUser);
        compliance = fixtures.api(fixtures.user("COMPLIANCE", null));
        Response ticket = fixtures.ticket(agent, fixtures.customer("吴用").id(), "审计链");
        number = ticket.json().path("number").asString();
        ticketId = ticket.id();
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
        Stored newest = jdbc.sql("select " + Stored.COLUMNS + " from audit_entry "
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
    void aRewriteWithARecomputedChainIsDetectedBecauseTheKeyIsNotInTheDatabase() {
        verify();
        Stored target = stored("ticket.state");
        StoredHead head = head();
        List<Stored> from = jdbc.sql("select " + Stored.COLUMNS + " from audit_entry where chain_seq >= ? order by chain_seq")
                .param(target.seq()).query(Stored::read).list();
        // the key lives in the configuration, not in any audit row or the head
        assertThat(jdbc.sql("select count(*) from audit_entry where mac = ? or details like ?").params(KEY, "%" + KEY + "%")
                .query(Long.class).single()).isZero();
        assertThat(List.of(head.hash(), head.mac(), head.keyId())).doesNotContain(KEY);
        try {
            // someone with write access to the database rewrites an entry and recomputes the whole plain chain after it
            String previous = target.prevHash();
            for (Stored e : from) {
                String details = e.id() == target.id() ? "NEW -> CLOSED" : e.details();
                String hash = plainHash(e.seq(), previous, e, details);
                // without the key the best they can do with the signature is keep the old one or make one up
                jdbc.sql("update audit_entry set details = ?, prev_hash = ?, hash = ?, mac = ? where id = ?")
                        .params(details, previous, hash, Sha256.hex(hash), e.id()).update();
                previous = hash;
            }
            jdbc.sql("update audit_chain_head set hash = ?, mac = ? where id = 1").params(previous, Sha256.hex(previous)).update();
            JsonNode verification = compliance.get("/api/v1/audit/verify").expect(200).json();
            assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isFalse();
            assertThat(verification.path("brokenAtSeq").asLong()).isEqualTo(target.seq());
            assertThat(verification.path("problem").asString()).contains("signature");
        } finally {
            putBack(from, head);
        }
        assertThat(verify().path("valid").asBoolean()).isTrue();
    }

    @Test
    void aPublishedHeadProvesALaterTruncationThatTheDatabaseAloneCannotShow() {
        verify();
        StoredHead earlier = head();
        // more work happens, then the head is published and an auditor keeps a copy
        agent.post("/api/v1/tickets/" + ticketId + "/notes", body("body", "之后的备注")).expect(200);
        JsonNode published = compliance.get("/api/v1/audit/head").expect(200).json();
        assertThat(published.path("seq").asLong()).isGreaterThan(earlier.seq());
        assertThat(published.path("signature").asString()).hasSize(64);
        assertThat(published.path("keyId").asString()).isEqualTo(verify().path("keyId").asString());
        String anchor = "seq=" + published.path("seq").asLong() + "&hash=" + published.path("hash").asString();
        assertThat(compliance.get("/api/v1/audit/verify?" + anchor).expect(200).json().path("valid").asBoolean()).isTrue();
        compliance.get("/api/v1/audit/verify?seq=1").expect(422);

        List<Stored> removed = jdbc.sql("select " + Stored.COLUMNS + " from audit_entry where chain_seq > ? order by chain_seq")
                .param(earlier.seq()).query(Stored::read).list();
        StoredHead latest = head();
        try {
            // the newest entries are deleted and the head row put back as it was earlier (signature and all)
            jdbc.sql("delete from audit_entry where chain_seq > ?").param(earlier.seq()).update();
            jdbc.sql("update audit_chain_head set seq = ?, hash = ?, mac = ? where id = 1")
                    .params(earlier.seq(), earlier.hash(), earlier.mac()).update();
            assertThat(compliance.get("/api/v1/audit/verify").expect(200).json().path("valid").asBoolean())
                    .as("from inside the database the shorter chain looks whole").isTrue();
            JsonNode checked = compliance.get("/api/v1/audit/verify?" + anchor).expect(200).json();
            assertThat(checked.path("valid").asBoolean()).isFalse();
            assertThat(checked.path("problem").asString()).contains("removed");
        } finally {
            jdbc.sql("delete from audit_entry where chain_seq > ?").param(earlier.seq()).update();
            removed.forEach(this::restore);
            jdbc.sql("update audit_chain_head set seq = ?, hash = ?, mac = ? where id = 1")
                    .params(latest.seq(), latest.hash(), latest.mac()).update();
        }
        assertThat(verify().path("valid").asBoolean()).isTrue();
        agent.get("/api/v1/audit/head").expect(403);
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
        return jdbc.sql("select " + Stored.COLUMNS + " from audit_entry "
                        + "where subject = ? and action = ?")
                .params("ticket:" + number, action).query(Stored::read).single();
    }

    private void restore(Stored e) {
        jdbc.sql("insert into audit_entry (id, at, actor, action, subject, details, chain_seq, prev_hash, hash, mac) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.id(), e.at(), e.actor(), e.action(), e.subject(), e.details(), e.seq(), e.prevHash(), e.hash(),
                        e.mac())
                .update();
    }

    /** An audit row exactly as stored, to put back after tampering with it. */
    record Stored(long id, OffsetDateTime at, String actor, String action, String subject, String details, long seq,
                  String prevHash, String hash, String mac) {

        static final String COLUMNS = "id, at, actor, action, subject, details, chain_seq, prev_hash, hash, mac";

        static Stored read(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
            return new Stored(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
                    rs.getString("action"), rs.getString("subject"), rs.getString("details"), rs.getLong("chain_seq"),
                    rs.getString("prev_hash"), rs.getString("hash"), rs.getString("mac"));
        }
    }

    /** The head row exactly as stored. */
    record StoredHead(long seq, String hash, String mac, String keyId) {

        static StoredHead read(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
            return new StoredHead(rs.getLong("seq"), rs.getString("hash"), rs.getString("mac"), rs.getString("key_id"));
        }
    }

    private StoredHead head() {
        return jdbc.sql("select seq, hash, mac, key_id from audit_chain_head where id = 1").query(StoredHead::read).single();
    }

    private void putBack(List<Stored> rows, StoredHead head) {
        for (Stored e : rows) {
            jdbc.sql("update audit_entry set details = ?, prev_hash = ?, hash = ?, mac = ? where id = ?")
                    .params(e.details(), e.prevHash(), e.hash(), e.mac(), e.id()).update();
        }
        jdbc.sql("update audit_chain_head set seq = ?, hash = ?, mac = ?, key_id = ? where id = 1")
                .params(head.seq(), head.hash(), head.mac(), head.keyId()).update();
        // anything sealed onto the tampered head meanwhile is sealed again onto the real one
        jdbc.sql("update audit_entry set chain_seq = null, prev_hash = null, hash = null, mac = null where chain_seq > ?")
                .param(head.seq()).update();
    }

    /** The plain chain hash, as anyone who reads the source can compute it (no key). */
    private static String plainHash(long seq, String previous, Stored e, String details) {
        return Sha256.hex(seq + "\u001f" + previous + "\u001f" + e.at().toInstant().toEpochMilli() + "\u001f" + e.actor()
                + "\u001f" + e.action() + "\u001f" + e.subject() + "\u001f" + (details == null ? "" : details));
    }
}
