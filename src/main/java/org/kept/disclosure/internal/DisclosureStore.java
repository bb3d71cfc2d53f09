package org.kept.disclosure.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of the disclosure module's tables, and nothing else. */
@Repository
class DisclosureStore {

    private static final String AGENCY = "id, name, agency_type, region, published_landline, issued_by, issued_at, "
            + "expires_at, revoked_at";
    private static final String REQUEST = "id, agency_id, request_type, case_no, legal_basis, officer_name, officer_badge_1, "
            + "officer_badge_2, officer_contact, subject_kind, subject_value, fields_asked, range_from, range_to, deadline, "
            + "emergency, emergency_reason, no_notify, state, created_at, sla_due_at, paperwork_due_at, paperwork_done_at, "
            + "reviewer_id, reviewer_name, reviewed_at, review_note, approver_id, approver_name, decided_at, decision_note, "
            + "fields_approved, approved_from, approved_to, released_at, produced";

    private final JdbcClient jdbc;

    DisclosureStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ----- agencies -----

    long insertAgency(String name, Codes.AgencyType type, String region, String landline, String tokenHash, String by,
                      Instant at, Instant expires) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into disclosure_agency (name, agency_type, region, published_landline, token_hash, issued_by, "
                        + "issued_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(name, type.name(), region, landline, tokenHash, by, SqlTime.utc(at), SqlTime.utc(expires))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Agency> agency(long id) {
        return jdbc.sql("select " + AGENCY + " from disclosure_agency where id = ?").param(id).query(DisclosureStore::agency)
                .optional();
    }

    Optional<Agency> agencyByToken(String tokenHash) {
        return jdbc.sql("select " + AGENCY + " from disclosure_agency where token_hash = ?").param(tokenHash)
                .query(DisclosureStore::agency).optional();
    }

    List<Agency> agencies() {
        return jdbc.sql("select " + AGENCY + " from disclosure_agency order by revoked_at nulls first, name, id")
                .query(DisclosureStore::agency).list();
    }

    boolean revokeAgency(long id, Instant at) {
        return jdbc.sql("update disclosure_agency set revoked_at = ? where id = ? and revoked_at is null")
                .params(SqlTime.utc(at), id).update() == 1;
    }

    // ----- checklist -----

    List<ChecklistItem> checklist(String requestType) {
        return jdbc.sql("select request_type, code, label_zh, label_en, document_kind, may_follow, position, active "
                        + "from disclosure_checklist_item where request_type = ? order by position, code")
                .param(requestType).query(DisclosureStore::item).list();
    }

    List<ChecklistItem> checklistAll() {
        return jdbc.sql("select request_type, code, label_zh, label_en, document_kind, may_follow, position, active "
                + "from disclosure_checklist_item order by request_type, position, code").query(DisclosureStore::item).list();
    }

    List<String> requestTypes() {
        return jdbc.sql("select distinct request_type from disclosure_checklist_item where active = true order by request_type")
                .query(String.class).list();
    }

    void saveItem(ChecklistItem i) {
        int updated = jdbc.sql("update disclosure_checklist_item set label_zh = ?, label_en = ?, document_kind = ?, "
                        + "may_follow = ?, position = ?, active = ? where request_type = ? and code = ?")
                .params(i.labelZh(), i.labelEn(), i.documentKind(), i.deferrable(), i.position(), i.active(),
                        i.requestType(), i.code()).update();
        if (updated == 0) {
            jdbc.sql("insert into disclosure_checklist_item (request_type, code, label_zh, label_en, document_kind, "
                            + "may_follow, position, active) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(i.requestType(), i.code(), i.labelZh(), i.labelEn(), i.documentKind(), i.deferrable(),
                            i.position(), i.active()).update();
        }
    }

    // ----- requests -----

    record NewRow(long agencyId, String requestType, String caseNo, String legalBasis, String officerName, String badge1,
                  String badge2, String officerContact, Codes.SubjectKind subjectKind, String subjectValue,
                  List<Codes.DataField> fields, Instant from, Instant to, Instant deadline, boolean emergency,
                  String emergencyReason, boolean noNotify, Instant createdAt, Instant slaDueAt, Instant paperworkDueAt,
                  Instant paperworkDoneAt) {
    }

    long insert(NewRow r) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into disclosure_request (agency_id, request_type, case_no, legal_basis, officer_name, "
                        + "officer_badge_1, officer_badge_2, officer_contact, subject_kind, subject_value, fields_asked, "
                        + "range_from, range_to, deadline, emergency, emergency_reason, no_notify, state, created_at, "
                        + "sla_due_at, paperwork_due_at, paperwork_done_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SUBMITTED', ?, ?, ?, ?)")
                .params(r.agencyId(), r.requestType(), r.caseNo(), r.legalBasis(), r.officerName(), r.badge1(), r.badge2(),
                        r.officerContact(), r.subjectKind().name(), r.subjectValue(), codes(r.fields()),
                        SqlTime.utc(r.from()), SqlTime.utc(r.to()), SqlTime.utc(r.deadline()), r.emergency(),
                        r.emergencyReason(), r.noNotify(), SqlTime.utc(r.createdAt()), utc(r.slaDueAt()),
                        utc(r.paperworkDueAt()), utc(r.paperworkDoneAt()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<DisclosureRequest> request(long id) {
        return jdbc.sql("select " + REQUEST + " from disclosure_request where id = ?").param(id)
                .query(DisclosureStore::request).optional();
    }

    /** Open requests first (emergencies by their target, then by deadline), then the latest closed ones. */
    List<DisclosureRequest> queue(int limit) {
        return jdbc.sql("select " + REQUEST + " from disclosure_request order by case when state in ('SUBMITTED', 'REVIEWED') "
                        + "then 0 else 1 end, emergency desc, coalesce(sla_due_at, deadline), id desc limit ?")
                .param(limit).query(DisclosureStore::request).list();
    }

    List<DisclosureRequest> ofAgency(long agencyId, int limit) {
        return jdbc.sql("select " + REQUEST + " from disclosure_request where agency_id = ? order by id desc limit ?")
                .params(agencyId, limit).query(DisclosureStore::request).list();
    }

    /** Emergencies past their release target that nobody was alerted about yet. */
    List<DisclosureRequest> breachedUnalerted(Instant now, int limit) {
        return jdbc.sql("select " + REQUEST + " from disclosure_request where emergency = true and state in ('SUBMITTED', "
                        + "'REVIEWED') and sla_due_at <= ? and sla_alerted_at is null order by sla_due_at limit ?")
                .params(SqlTime.utc(now), limit).query(DisclosureStore::request).list();
    }

    boolean markAlerted(long id, Instant at) {
        return jdbc.sql("update disclosure_request set sla_alerted_at = ? where id = ? and sla_alerted_at is null")
                .params(SqlTime.utc(at), id).update() == 1;
    }

    List<DisclosureRequest> paperworkPending(int limit) {
        return jdbc.sql("select " + REQUEST + " from disclosure_request where paperwork_due_at is not null and "
                        + "paperwork_done_at is null and state <> 'REJECTED' order by paperwork_due_at limit ?")
                .param(limit).query(DisclosureStore::request).list();
    }

    boolean reviewed(long id, long by, String byName, String note, Instant at) {
        return jdbc.sql("update disclosure_request set state = 'REVIEWED', reviewer_id = ?, reviewer_name = ?, "
                        + "review_note = ?, reviewed_at = ? where id = ? and state = 'SUBMITTED'")
                .params(by, byName, note, SqlTime.utc(at), id).update() == 1;
    }

    /** Refused at review, before anyone approved: the reviewer's name stands on it. */
    boolean rejectedAtReview(long id, long by, String byName, String note, Instant at) {
        return jdbc.sql("update disclosure_request set state = 'REJECTED', reviewer_id = ?, reviewer_name = ?, "
                        + "review_note = ?, reviewed_at = ?, produced = false where id = ? and state = 'SUBMITTED'")
                .params(by, byName, note, SqlTime.utc(at), id).update() == 1;
    }

    /** Refused by the approver (never the reviewer, as for an approval). */
    boolean rejectedAtApproval(long id, long by, String byName, String note, Instant at) {
        return jdbc.sql("update disclosure_request set state = 'REJECTED', approver_id = ?, approver_name = ?, "
                        + "decision_note = ?, decided_at = ?, produced = false where id = ? and state = 'REVIEWED'")
                .params(by, byName, note, SqlTime.utc(at), id).update() == 1;
    }

    boolean released(long id, long by, String byName, String note, List<Codes.DataField> fields, Instant from, Instant to,
                     boolean produced, Instant at) {
        return jdbc.sql("update disclosure_request set state = 'RELEASED', approver_id = ?, approver_name = ?, "
                        + "decision_note = ?, decided_at = ?, fields_approved = ?, approved_from = ?, approved_to = ?, "
                        + "released_at = ?, produced = ? where id = ? and state = 'REVIEWED'")
                .params(by, byName, note, SqlTime.utc(at), codes(fields), SqlTime.utc(from), SqlTime.utc(to),
                        SqlTime.utc(at), produced, id).update() == 1;
    }

    boolean paperworkDone(long id, String by, Instant at) {
        return jdbc.sql("update disclosure_request set paperwork_done_at = ?, paperwork_done_by = ? where id = ? "
                + "and paperwork_done_at is null").params(SqlTime.utc(at), by, id).update() == 1;
    }

    // ----- documents, checks, callbacks -----

    long insertDocument(long requestId, Codes.DocumentKind kind, String name, String type, byte[] data, String sha,
                        Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into disclosure_document (request_id, kind, file_name, content_type, size_bytes, sha256, content, "
                        + "uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(requestId, kind.name(), name, type, data.length, sha, data, SqlTime.utc(at)).update(keys, "id");
        return keys.getKey().longValue();
    }

    List<DisclosureRequest.Document> documents(long requestId) {
        return jdbc.sql("select id, kind, file_name, content_type, size_bytes, sha256, uploaded_at from disclosure_document "
                        + "where request_id = ? order by id").param(requestId)
                .query((rs, i) -> new DisclosureRequest.Document(rs.getLong(1), Codes.DocumentKind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), SqlTime.instant(rs, 7))).list();
    }

    /** The bytes of one of the request's documents. */
    Optional<byte[]> documentData(long requestId, long documentId) {
        return jdbc.sql("select content from disclosure_document where request_id = ? and id = ?")
                .params(requestId, documentId).query((rs, i) -> rs.getBytes(1)).optional();
    }

    void saveCheck(long requestId, String code, boolean ok, String note, String by, Instant at) {
        jdbc.sql("delete from disclosure_check where request_id = ? and item_code = ?").params(requestId, code).update();
        jdbc.sql("insert into disclosure_check (request_id, item_code, ok, note, checked_by, checked_at) values (?, ?, ?, ?, ?, ?)")
                .params(requestId, code, ok, note, by, SqlTime.utc(at)).update();
    }

    List<DisclosureRequest.Check> checks(long requestId) {
        return jdbc.sql("select item_code, ok, note, checked_by, checked_at from disclosure_check where request_id = ? "
                        + "order by item_code").param(requestId)
                .query((rs, i) -> new DisclosureRequest.Check(rs.getString(1), rs.getBoolean(2), rs.getString(3),
                        rs.getString(4), SqlTime.instant(rs, 5))).list();
    }

    void insertCallback(long requestId, long by, String byName, String number, Codes.CallbackOutcome outcome, String note,
                        Instant at) {
        jdbc.sql("insert into disclosure_callback (request_id, called_by, called_by_name, number, outcome, note, called_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(requestId, by, byName, number, outcome.name(), note, SqlTime.utc(at)).update();
    }

    List<DisclosureRequest.Callback> callbacks(long requestId) {
        return jdbc.sql("select id, called_by_name, number, outcome, note, called_at from disclosure_callback "
                        + "where request_id = ? order by id").param(requestId)
                .query((rs, i) -> new DisclosureRequest.Callback(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Codes.CallbackOutcome.valueOf(rs.getString(4)), rs.getString(5), SqlTime.instant(rs, 6))).list();
    }

    // ----- releases -----

    void insertRelease(long requestId, String tokenHash, Instant expires, int maxUses, String json, String csv, Instant at) {
        jdbc.sql("insert into disclosure_release (request_id, token_hash, expires_at, max_uses, uses, package_json, "
                        + "package_csv, created_at) values (?, ?, ?, ?, 0, ?, ?, ?)")
                .params(requestId, tokenHash, SqlTime.utc(expires), maxUses, json, csv, SqlTime.utc(at)).update();
    }

    Optional<Release> release(String tokenHash) {
        return jdbc.sql("select id, request_id, expires_at, max_uses, uses from disclosure_release where token_hash = ?")
                .param(tokenHash).query((rs, i) -> new Release(rs.getLong(1), rs.getLong(2), SqlTime.instant(rs, 3),
                        rs.getInt(4), rs.getInt(5))).optional();
    }

    Optional<Release> releaseOf(long requestId) {
        return jdbc.sql("select id, request_id, expires_at, max_uses, uses from disclosure_release where request_id = ?")
                .param(requestId).query((rs, i) -> new Release(rs.getLong(1), rs.getLong(2), SqlTime.instant(rs, 3),
                        rs.getInt(4), rs.getInt(5))).optional();
    }

    /** Takes one use of the link, by compare-and-set: false when it ran out or expired meanwhile. */
    boolean takeUse(long releaseId, Instant now) {
        return jdbc.sql("update disclosure_release set uses = uses + 1 where id = ? and uses < max_uses and expires_at > ?")
                .params(releaseId, SqlTime.utc(now)).update() == 1;
    }

    String packageOf(long releaseId, boolean csv) {
        return jdbc.sql("select " + (csv ? "package_csv" : "package_json") + " from disclosure_release where id = ?")
                .param(releaseId).query(String.class).single();
    }

    void insertDownload(long releaseId, Instant at, String address, String outcome) {
        jdbc.sql("insert into disclosure_download (release_id, attempted_at, address, outcome) values (?, ?, ?, ?)")
                .params(releaseId, SqlTime.utc(at), address, outcome).update();
    }

    // ----- transparency -----

    /** One group of the report: agency type, outcome (PRODUCED, NONE, REJECTED, PENDING) and how many requests. */
    record Count(String agencyType, String outcome, long count) {
    }

    List<Count> counts(Instant from, Instant to) {
        return jdbc.sql("select t, o, count(*) from (select a.agency_type t, case when r.state = 'REJECTED' then 'REJECTED' "
                        + "when r.state = 'RELEASED' and r.produced = true then 'PRODUCED' when r.state = 'RELEASED' "
                        + "then 'NONE' else 'PENDING' end o from disclosure_request r join disclosure_agency a "
                        + "on a.id = r.agency_id where r.created_at >= ? and r.created_at < ?) x group by t, o")
                .params(SqlTime.utc(from), SqlTime.utc(to))
                .query((rs, i) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    // ----- mapping -----

    private static Object utc(Instant at) {
        return at == null ? null : SqlTime.utc(at);
    }

    static String codes(List<Codes.DataField> fields) {
        return fields.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    static List<Codes.DataField> fields(String codes) {
        return codes == null || codes.isBlank() ? List.of()
                : Arrays.stream(codes.split(",")).map(Codes.DataField::valueOf).toList();
    }

    private static Agency agency(ResultSet rs, int i) throws SQLException {
        return new Agency(rs.getLong(1), rs.getString(2), Codes.AgencyType.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), SqlTime.instant(rs, 7), SqlTime.instant(rs, 8), SqlTime.instant(rs, 9));
    }

    private static ChecklistItem item(ResultSet rs, int i) throws SQLException {
        return new ChecklistItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), rs.getInt(7), rs.getBoolean(8));
    }

    private static DisclosureRequest request(ResultSet rs, int i) throws SQLException {
        return new DisclosureRequest(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), Codes.SubjectKind.valueOf(rs.getString(10)),
                rs.getString(11), fields(rs.getString(12)), SqlTime.instant(rs, 13), SqlTime.instant(rs, 14),
                SqlTime.instant(rs, 15), rs.getBoolean(16), rs.getString(17), rs.getBoolean(18),
                Codes.State.valueOf(rs.getString(19)), SqlTime.instant(rs, 20), SqlTime.instant(rs, 21),
                SqlTime.instant(rs, 22), SqlTime.instant(rs, 23), rs.getObject(24, Long.class), rs.getString(25),
                SqlTime.instant(rs, 26), rs.getString(27), rs.getObject(28, Long.class), rs.getString(29),
                SqlTime.instant(rs, 30), rs.getString(31), fields(rs.getString(32)), SqlTime.instant(rs, 33),
                SqlTime.instant(rs, 34), SqlTime.instant(rs, 35), rs.getObject(36, Boolean.class));
    }
}
