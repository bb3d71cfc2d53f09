package org.kept.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.identity.Permission.AFTERSALES_WRITE;
import static org.kept.identity.Permission.AUDIT_READ;
import static org.kept.identity.Permission.AUTHORITY_ADMIN;
import static org.kept.identity.Permission.AUTHORITY_APPROVE;
import static org.kept.identity.Permission.AUTHORITY_GRANT;
import static org.kept.identity.Permission.CHAT_ADMIN;
import static org.kept.identity.Permission.CHAT_HANDLE;
import static org.kept.identity.Permission.ORDER_READ;
import static org.kept.identity.Permission.ORDER_WRITE;
import static org.kept.identity.Permission.RECONCILE;
import static org.kept.identity.Permission.REFUND_WRITE;
import static org.kept.identity.Permission.RELAY_ADMIN;
import static org.kept.identity.Permission.RELAY_CALL;
import static org.kept.identity.Permission.COUNTERPARTY_RESTRICT;
import static org.kept.identity.Permission.CUSTOMER_READ;
import static org.kept.identity.Permission.DISCLOSURE_ADMIN;
import static org.kept.identity.Permission.DISCLOSURE_APPROVE;
import static org.kept.identity.Permission.DISCLOSURE_REVIEW;
import static org.kept.identity.Permission.CUSTOMER_WRITE;
import static org.kept.identity.Permission.KNOWLEDGE_WRITE;
import static org.kept.identity.Permission.PII_REVEAL;
import static org.kept.identity.Permission.PII_VIEW;
import static org.kept.identity.Permission.PORTAL;
import static org.kept.identity.Permission.PROTECTION_APPROVE;
import static org.kept.identity.Permission.PROTECTION_EVIDENCE;
import static org.kept.identity.Permission.PROTECTION_FLAG;
import static org.kept.identity.Permission.REPORT_ALL_TEAMS;
import static org.kept.identity.Permission.REPORT_READ;
import static org.kept.identity.Permission.ROUTING_ADMIN;
import static org.kept.identity.Permission.SLA_ADMIN;
import static org.kept.identity.Permission.TICKET_ASSIGN_ANY;
import static org.kept.identity.Permission.TICKET_MERGE;
import static org.kept.identity.Permission.TICKET_READ;
import static org.kept.identity.Permission.TICKET_WRITE;
import static org.kept.identity.Permission.USER_ADMIN;
import static org.kept.identity.Permission.WORKFORCE_PLAN;
import static org.kept.support.Api.body;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kept.support.Api;
import org.kept.support.Endpoints;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every role against every API endpoint, with real tokens. The table below says what each endpoint needs; the roles'
 * permissions say who has it. An endpoint without a row, or a row without an endpoint, fails the test.
 */
@KeptTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTest {

    /** The built-in roles and their permissions, as the first migration grants them. */
    static final Map<String, Set<Permission>> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("CUSTOMER", EnumSet.of(PORTAL));
        ROLES.put("OUTSOURCED", EnumSet.of(TICKET_READ, TICKET_WRITE, CUSTOMER_READ, CUSTOMER_WRITE, AUTHORITY_GRANT,
                CHAT_HANDLE, PROTECTION_FLAG, ORDER_READ, AFTERSALES_WRITE, RELAY_CALL));
        ROLES.put("AGENT", EnumSet.of(TICKET_READ, TICKET_WRITE, CUSTOMER_READ, CUSTOMER_WRITE, PII_REVEAL, AUTHORITY_GRANT,
                CHAT_HANDLE, PROTECTION_FLAG, ORDER_READ, AFTERSALES_WRITE, REFUND_WRITE, RELAY_CALL));
        ROLES.put("LEAD", EnumSet.of(TICKET_READ, TICKET_WRITE, TICKET_ASSIGN_ANY, TICKET_MERGE, CUSTOMER_READ,
                CUSTOMER_WRITE, PII_REVEAL, WORKFORCE_PLAN, KNOWLEDGE_WRITE, REPORT_READ, AUTHORITY_GRANT, AUTHORITY_APPROVE,
                CHAT_HANDLE, PROTECTION_FLAG, PROTECTION_APPROVE, ORDER_READ, AFTERSALES_WRITE, REFUND_WRITE, RECONCILE,
                RELAY_CALL));
        ROLES.put("COMPLAINTS", EnumSet.of(TICKET_READ, TICKET_WRITE, TICKET_ASSIGN_ANY, TICKET_MERGE, CUSTOMER_READ,
                CUSTOMER_WRITE, PII_VIEW, KNOWLEDGE_WRITE, AUTHORITY_GRANT, AUTHORITY_APPROVE, CHAT_HANDLE, PROTECTION_FLAG,
                ORDER_READ, AFTERSALES_WRITE, REFUND_WRITE, RELAY_CALL, COUNTERPARTY_RESTRICT));
        ROLES.put("COMPLIANCE", EnumSet.of(AUDIT_READ, TICKET_READ, CUSTOMER_READ, PII_REVEAL, PROTECTION_EVIDENCE,
                DISCLOSURE_REVIEW));
        ROLES.put("COMPLIANCE_LEAD", EnumSet.of(AUDIT_READ, TICKET_READ, CUSTOMER_READ, PII_REVEAL, DISCLOSURE_REVIEW,
                DISCLOSURE_APPROVE, DISCLOSURE_ADMIN));
        ROLES.put("PLANNER", EnumSet.of(REPORT_READ, REPORT_ALL_TEAMS, WORKFORCE_PLAN));
        ROLES.put("ADMIN", EnumSet.of(USER_ADMIN, AUDIT_READ, TICKET_READ, CUSTOMER_READ, REPORT_READ, REPORT_ALL_TEAMS, SLA_ADMIN,
                WORKFORCE_PLAN, KNOWLEDGE_WRITE, AUTHORITY_APPROVE, AUTHORITY_ADMIN, CHAT_ADMIN, ROUTING_ADMIN, ORDER_READ,
                ORDER_WRITE, RECONCILE, DISCLOSURE_ADMIN, RELAY_ADMIN));
    }

    /** What an endpoint needs: nothing (public), any one of some permissions, or all of them. */
    record Needs(boolean all, Set<Permission> permissions) {
        static final Needs NOTHING = new Needs(false, Set.of());

        static Needs anyOf(Permission first, Permission... more) {
            return new Needs(false, EnumSet.of(first, more));
        }

        static Needs allOf(Permission first, Permission... more) {
            return new Needs(true, EnumSet.of(first, more));
        }

        boolean isPublic() {
            return permissions.isEmpty();
        }

        boolean grantedTo(Set<Permission> held) {
            return isPublic() || (all ? held.containsAll(permissions) : permissions.stream().anyMatch(held::contains));
        }
    }

    static final long NO_SHEET = 987_654_321_987L;

    /** The SMS hooks' base path with this run's callback token, set before the rows are asked. */
    static String smsHook;

    /** Every staff member (anyone but a customer). */
    static final Needs STAFF = Needs.anyOf(TICKET_READ, REPORT_READ, WORKFORCE_PLAN, AUDIT_READ, USER_ADMIN);

    /** Everyone signed in, staff or customer. */
    static final Needs SIGNED_IN = Needs.anyOf(PORTAL, TICKET_READ, REPORT_READ, WORKFORCE_PLAN, AUDIT_READ, USER_ADMIN);

    /** The data the requests point at, made fresh for this test; {@code spare} is a user and team only this test uses. */
    record World(long customer, long ticket, long duplicate, long portalTicket, long hotline, String username, String unique,
                 long spareUser, long spareTeam, long roster) {
    }

    /** One endpoint: what it needs, and a valid request to it (so only permissions can refuse it). */
    record Row(String endpoint, Needs needs, Function<World, String> path, Function<World, Object> body) {
    }

    static Row row(String endpoint, Needs needs, Function<World, String> path, Function<World, Object> body) {
        return new Row(endpoint, needs, path, body);
    }

    static Row row(String endpoint, Needs needs, Function<World, String> path) {
        return new Row(endpoint, needs, path, w -> null);
    }

    static final List<Row> MATRIX = List.of(
            row("POST /api/v1/auth/tokens", Needs.NOTHING, w -> "/api/v1/auth/tokens",
                    w -> body("username", w.username(), "password", Fixtures.PASSWORD)),
            // live chat, the customer's side: no sign-in, the chat's token in the URL is the key (ChatTest)
            row("GET /api/v1/chat/hours", Needs.NOTHING, w -> "/api/v1/chat/hours"),
            // lawful disclosure (issue 13): the agency's side is authorised by its link key in the path (DisclosureTest)
            row("POST /api/v1/le/{key}/requests", Needs.NOTHING, w -> "/api/v1/le/" + L.key + "/requests", w -> L.request()),
            row("GET /api/v1/le/{key}/requests/{id}", Needs.NOTHING, w -> "/api/v1/le/" + L.key + "/requests/" + L.request),
            row("POST /api/v1/le/{key}/requests/{id}/documents", Needs.NOTHING,
                    w -> "/api/v1/le/" + L.key + "/requests/" + L.request + "/documents", w -> L.document()),
            // the compliance side: requests that do not exist answer 404 past the door
            row("GET /api/v1/disclosure/requests", Needs.anyOf(DISCLOSURE_REVIEW), w -> "/api/v1/disclosure/requests"),
            row("GET /api/v1/disclosure/requests/{id}", Needs.anyOf(DISCLOSURE_REVIEW), w -> "/api/v1/disclosure/requests/" + NO_SHEET),
            row("PUT /api/v1/disclosure/requests/{id}/checks/{code}", Needs.anyOf(DISCLOSURE_REVIEW),
                    w -> "/api/v1/disclosure/requests/" + NO_SHEET + "/checks/NOTICE", w -> body("ok", true)),
            row("POST /api/v1/disclosure/requests/{id}/callbacks", Needs.anyOf(DISCLOSURE_REVIEW),
                    w -> "/api/v1/disclosure/requests/" + NO_SHEET + "/callbacks", w -> body("outcome", "CONFIRMED")),
            row("POST /api/v1/disclosure/requests/{id}/review", Needs.anyOf(DISCLOSURE_REVIEW),
                    w -> "/api/v1/disclosure/requests/" + NO_SHEET + "/review", w -> body("note", "矩阵")),
            row("POST /api/v1/disclosure/requests/{id}/rejection", Needs.anyOf(DISCLOSURE_REVIEW),
                    w -> "/api/v1/disclosure/requests/" + NO_SHEET + "/rejection", w -> body("note", "矩阵")),
            row("POST /api/v1/disclosure/requests/{id}/approval", Needs.anyOf(DISCLOSURE_APPROVE),
                    w -> "/api/v1/disclosure/requests/" + NO_SHEET + "/approval", w -> body("fields", List.of("NAME"))),
            row("POST /api/v1/disclosure/requests/{id}/paperwork", Needs.anyOf(DISCLOSURE_REVIEW),
                    w -> "/api/v1/disclosure/requests/" + NO_SHEET + "/paperwork", w -> body()),
            row("GET /api/v1/disclosure/checklist", Needs.anyOf(DISCLOSURE_REVIEW), w -> "/api/v1/disclosure/checklist"),
            row("PUT /api/v1/disclosure/checklist/{type}/{code}", Needs.anyOf(DISCLOSURE_ADMIN),
                    w -> "/api/v1/disclosure/checklist/MATRIX/ROW", w -> body("labelZh", "矩阵", "labelEn", "Matrix", "active", false)),
            row("GET /api/v1/disclosure/agencies", Needs.anyOf(DISCLOSURE_REVIEW), w -> "/api/v1/disclosure/agencies"),
            row("POST /api/v1/disclosure/agencies", Needs.anyOf(DISCLOSURE_ADMIN), w -> "/api/v1/disclosure/agencies",
                    w -> body("name", "矩阵派出所", "type", "PUBLIC_SECURITY", "publishedLandline", "010-65000000", "validDays", 1)),
            row("POST /api/v1/disclosure/agencies/{id}/revocation", Needs.anyOf(DISCLOSURE_ADMIN),
                    w -> "/api/v1/disclosure/agencies/" + NO_SHEET + "/revocation", w -> body()),
            row("GET /api/v1/reports/disclosure", Needs.anyOf(DISCLOSURE_REVIEW, REPORT_ALL_TEAMS), w -> "/api/v1/reports/disclosure"),
            row("POST /api/v1/chat/conversations", Needs.NOTHING, w -> "/api/v1/chat/conversations",
                    w -> body("name", "矩阵聊天", "email", "matrix-chat@example.com")),
            row("GET /api/v1/chat/conversations/{token}", Needs.NOTHING, w -> "/api/v1/chat/conversations/" + Chat.token),
            row("GET /api/v1/chat/conversations/{token}/messages", Needs.NOTHING,
                    w -> "/api/v1/chat/conversations/" + Chat.token + "/messages?after=0"),
            row("POST /api/v1/chat/conversations/{token}/messages", Needs.NOTHING,
                    w -> "/api/v1/chat/conversations/" + Chat.token + "/messages", w -> body("clientId", "matrix-msg-1", "body", "矩阵")),
            row("POST /api/v1/chat/conversations/{token}/files", Needs.NOTHING,
                    w -> "/api/v1/chat/conversations/" + Chat.token + "/files", w -> Chat.file("matrix-file-2")),
            row("GET /api/v1/chat/conversations/{token}/files/{seq}", Needs.NOTHING,
                    w -> "/api/v1/chat/conversations/" + Chat.token + "/files/" + Chat.fileSeq),
            row("POST /api/v1/chat/conversations/{token}/typing", Needs.NOTHING,
                    w -> "/api/v1/chat/conversations/" + Chat.token + "/typing"),
            row("POST /api/v1/chat/conversations/{token}/read", Needs.NOTHING,
                    w -> "/api/v1/chat/conversations/" + Chat.token + "/read", w -> body("seq", 1)),
            row("POST /api/v1/chat/conversations/{token}/end", Needs.NOTHING,
                    w -> "/api/v1/chat/conversations/" + Chat.ending + "/end"),
            row("GET /api/v1/chat/conversations/{token}/stream", Needs.NOTHING,
                    w -> "/api/v1/chat/conversations/" + Chat.token + "/stream?seconds=0"),
            row("POST /api/v1/chat/messages", Needs.NOTHING, w -> "/api/v1/chat/messages",
                    w -> body("name", "矩阵留言", "email", "matrix-left@example.com", "text", "矩阵留言")),
            // live chat, the agent's side (the first role that accepts holds it; the others get 409 or 404)
            row("GET /api/v1/chats/waiting", Needs.anyOf(CHAT_HANDLE), w -> "/api/v1/chats/waiting"),
            row("GET /api/v1/chats/mine", Needs.anyOf(CHAT_HANDLE), w -> "/api/v1/chats/mine"),
            row("POST /api/v1/chats/{id}/accept", Needs.anyOf(CHAT_HANDLE), w -> "/api/v1/chats/" + Chat.id + "/accept", w -> body()),
            row("GET /api/v1/chats/{id}/messages", Needs.anyOf(CHAT_HANDLE), w -> "/api/v1/chats/" + Chat.id + "/messages"),
            row("POST /api/v1/chats/{id}/messages", Needs.anyOf(CHAT_HANDLE), w -> "/api/v1/chats/" + Chat.id + "/messages",
                    w -> body("clientId", "matrix-agent-1", "body", "矩阵回复")),
            row("POST /api/v1/chats/{id}/files", Needs.anyOf(CHAT_HANDLE), w -> "/api/v1/chats/" + Chat.id + "/files",
                    w -> Chat.file("matrix-agent-2")),
            row("GET /api/v1/chats/{id}/files/{seq}", Needs.anyOf(CHAT_HANDLE),
                    w -> "/api/v1/chats/" + Chat.id + "/files/" + Chat.fileSeq),
            row("POST /api/v1/chats/{id}/typing", Needs.anyOf(CHAT_HANDLE), w -> "/api/v1/chats/" + Chat.id + "/typing"),
            row("POST /api/v1/chats/{id}/read", Needs.anyOf(CHAT_HANDLE), w -> "/api/v1/chats/" + Chat.id + "/read",
                    w -> body("seq", 1)),
            row("POST /api/v1/chats/{id}/end", Needs.anyOf(CHAT_HANDLE), w -> "/api/v1/chats/" + Chat.endingId + "/end"),
            row("GET /api/v1/chats/{id}/card", Needs.anyOf(CHAT_HANDLE), w -> "/api/v1/chats/" + Chat.id + "/card"),
            row("GET /api/v1/chats/answers", Needs.anyOf(CHAT_HANDLE), w -> "/api/v1/chats/answers?q=" + "矩阵"),
            row("GET /api/v1/chats/settings", Needs.anyOf(CHAT_ADMIN), w -> "/api/v1/chats/settings"),
            row("PUT /api/v1/chats/settings", Needs.anyOf(CHAT_ADMIN), w -> "/api/v1/chats/settings",
                    w -> body("teamId", null, "calendarId", null, "maxFileBytes", 5_242_880)),
            // the SMS provider's pushes: no sign-in, the secret token in the URL (an unknown report is acknowledged)
            row("POST /api/v1/hooks/sms/{token}/{provider}/reports", Needs.NOTHING, w -> smsHook + "/aliyun/reports",
                    w -> List.of(body("biz_id", "matrix-unknown", "success", true))),
            row("POST /api/v1/hooks/sms/{token}/{provider}/replies", Needs.NOTHING, w -> smsHook + "/tencent/replies",
                    w -> body("mobile", "13300000001", "nationcode", "86", "text", "矩阵", "time", 1)),
            // one's own tokens: everyone signed in, customers too (an unknown id, so no caller loses its token)
            row("GET /api/v1/auth/tokens", SIGNED_IN, w -> "/api/v1/auth/tokens"),
            row("DELETE /api/v1/auth/tokens/{id}", SIGNED_IN, w -> "/api/v1/auth/tokens/0000000000000000"),
            row("POST /api/v1/tickets", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/tickets",
                    w -> body("type", "INQUIRY", "subject", "权限矩阵", "customerId", w.customer())),
            row("GET /api/v1/tickets", Needs.anyOf(TICKET_READ), w -> "/api/v1/tickets?customer=" + w.customer()),
            row("GET /api/v1/tickets/{id}", Needs.anyOf(TICKET_READ), w -> "/api/v1/tickets/" + w.ticket()),
            row("GET /api/v1/tickets/{id}/timeline", Needs.anyOf(TICKET_READ), w -> "/api/v1/tickets/" + w.ticket() + "/timeline"),
            row("POST /api/v1/tickets/{id}/replies", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/tickets/" + w.ticket() + "/replies",
                    w -> body("body", "您好，正在处理。")),
            row("POST /api/v1/tickets/{id}/notes", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/tickets/" + w.ticket() + "/notes",
                    w -> body("body", "内部备注")),
            row("POST /api/v1/tickets/{id}/transitions", Needs.anyOf(TICKET_WRITE),
                    w -> "/api/v1/tickets/" + w.ticket() + "/transitions", w -> body("to", "PENDING_INTERNAL", "version", 0)),
            row("PUT /api/v1/tickets/{id}/assignment", Needs.anyOf(TICKET_WRITE),
                    w -> "/api/v1/tickets/" + w.ticket() + "/assignment", w -> body("teamId", w.hotline(), "version", 0)),
            row("PUT /api/v1/tickets/{id}/priority", Needs.anyOf(TICKET_WRITE),
                    w -> "/api/v1/tickets/" + w.ticket() + "/priority", w -> body("priority", "P2", "version", 0)),
            row("POST /api/v1/tickets/{id}/merge", Needs.anyOf(TICKET_MERGE), w -> "/api/v1/tickets/" + w.duplicate() + "/merge",
                    w -> body("into", w.ticket())),
            row("POST /api/v1/tickets/{id}/reveal", Needs.anyOf(PII_REVEAL, PII_VIEW),
                    w -> "/api/v1/tickets/" + w.ticket() + "/reveal", w -> body("reason", "回电核实身份")),
            row("GET /api/v1/tickets/{id}/mails", Needs.anyOf(TICKET_READ), w -> "/api/v1/tickets/" + w.ticket() + "/mails"),
            row("GET /api/v1/mailboxes", Needs.anyOf(USER_ADMIN), w -> "/api/v1/mailboxes"),
            // WeChat and Weibo (module social): the platforms' checks and pushes are signed with the account's secret
            row("GET /api/v1/hooks/wechat/{account}", Needs.NOTHING, w -> socialHook("wechat", w, PermissionMatrixTest.MATRIX_WECHAT_TOKEN) + "&echostr=e"),
            row("POST /api/v1/hooks/wechat/{account}", Needs.NOTHING, w -> socialHook("wechat", w, PermissionMatrixTest.MATRIX_WECHAT_TOKEN),
                    w -> "<xml><ToUserName>gh</ToUserName><FromUserName>o-matrix</FromUserName><CreateTime>1</CreateTime>"
                            + "<MsgType>event</MsgType><Event>unsubscribe</Event></xml>"),
            row("GET /api/v1/hooks/weibo/{account}", Needs.NOTHING, w -> socialHook("weibo", w, PermissionMatrixTest.MATRIX_WEIBO_SECRET) + "&echostr=e"),
            row("POST /api/v1/hooks/weibo/{account}", Needs.NOTHING, w -> socialHook("weibo", w, PermissionMatrixTest.MATRIX_WEIBO_SECRET),
                    w -> body("type", "event", "receiver_id", 1, "sender_id", 2, "created_at", "Mon Jul 16 18:09:20 +0800 2012",
                            "text", "矩阵", "data", body("subtype", "unfollow"))),
            row("GET /api/v1/tickets/{id}/social-window", Needs.anyOf(TICKET_READ), w -> "/api/v1/tickets/" + w.ticket() + "/social-window"),
            row("GET /api/v1/social/mentions", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/social/mentions"),
            row("POST /api/v1/social/mentions/{id}/answer", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/social/mentions/0/answer",
                    w -> body("text", "矩阵")),
            row("POST /api/v1/social/mentions/{id}/ticket", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/social/mentions/0/ticket"),
            row("GET /api/v1/social/accounts", Needs.anyOf(USER_ADMIN), w -> "/api/v1/social/accounts"),
            row("POST /api/v1/social/accounts", Needs.anyOf(USER_ADMIN), w -> "/api/v1/social/accounts", w -> body("code", "Not Valid")),
            row("PUT /api/v1/social/accounts/{id}", Needs.anyOf(USER_ADMIN), w -> "/api/v1/social/accounts/0",
                    w -> body("name", "矩阵")),
            row("GET /api/v1/ticket-categories", Needs.anyOf(TICKET_READ, PORTAL), w -> "/api/v1/ticket-categories"),
            row("POST /api/v1/customers", Needs.anyOf(CUSTOMER_WRITE), w -> "/api/v1/customers",
                    w -> body("name", "权限矩阵客户", "phones", List.of("13700001111"))),
            row("GET /api/v1/customers", Needs.anyOf(CUSTOMER_READ), w -> "/api/v1/customers?q=" + w.customer()),
            row("GET /api/v1/customers/{id}", Needs.anyOf(CUSTOMER_READ), w -> "/api/v1/customers/" + w.customer()),
            row("GET /api/v1/customers/{id}/history", Needs.allOf(CUSTOMER_READ, TICKET_READ),
                    w -> "/api/v1/customers/" + w.customer() + "/history"),
            row("POST /api/v1/customers/{id}/reveal", Needs.anyOf(PII_REVEAL, PII_VIEW),
                    w -> "/api/v1/customers/" + w.customer() + "/reveal", w -> body("field", "phone", "reason", "回电核实身份")),
            row("GET /api/v1/audit/entries", Needs.anyOf(AUDIT_READ), w -> "/api/v1/audit/entries?subject=customer:" + w.customer()),
            row("GET /api/v1/audit/verify", Needs.anyOf(AUDIT_READ), w -> "/api/v1/audit/verify"),
            row("GET /api/v1/audit/head", Needs.anyOf(AUDIT_READ), w -> "/api/v1/audit/head"),
            row("GET /api/v1/portal/tickets", Needs.anyOf(PORTAL), w -> "/api/v1/portal/tickets"),
            row("POST /api/v1/portal/tickets", Needs.anyOf(PORTAL), w -> "/api/v1/portal/tickets",
                    w -> body("type", "INQUIRY", "subject", "我的问题", "description", "请帮我查一下")),
            row("GET /api/v1/portal/tickets/{id}", Needs.anyOf(PORTAL), w -> "/api/v1/portal/tickets/" + w.portalTicket()),
            row("POST /api/v1/portal/tickets/{id}/replies", Needs.anyOf(PORTAL),
                    w -> "/api/v1/portal/tickets/" + w.portalTicket() + "/replies", w -> body("body", "补充一下情况")),
            row("PUT /api/v1/ticket-categories/{code}", Needs.anyOf(USER_ADMIN), w -> "/api/v1/ticket-categories/m" + w.unique(),
                    w -> body("nameZh", "矩阵分类", "nameEn", "Matrix")),
            row("PUT /api/v1/ticket-categories/{code}/team", Needs.anyOf(USER_ADMIN),
                    w -> "/api/v1/ticket-categories/mt" + w.unique() + "/team", w -> body("teamId", w.spareTeam())),
            row("GET /api/v1/admin/roles", Needs.anyOf(USER_ADMIN), w -> "/api/v1/admin/roles"),
            row("PUT /api/v1/admin/roles/{code}/permissions", Needs.anyOf(USER_ADMIN),
                    w -> "/api/v1/admin/roles/PLANNER/permissions",
                    w -> body("permissions", List.of("REPORT_READ", "REPORT_ALL_TEAMS", "WORKFORCE_PLAN"))),
            row("GET /api/v1/admin/teams", Needs.anyOf(USER_ADMIN), w -> "/api/v1/admin/teams"),
            row("POST /api/v1/admin/teams", Needs.anyOf(USER_ADMIN), w -> "/api/v1/admin/teams",
                    w -> body("code", "m" + w.unique(), "name", "矩阵新组")),
            row("PUT /api/v1/admin/teams/{id}", Needs.anyOf(USER_ADMIN), w -> "/api/v1/admin/teams/" + w.spareTeam(),
                    w -> body("name", "矩阵组改名")),
            row("GET /api/v1/admin/users", Needs.anyOf(USER_ADMIN), w -> "/api/v1/admin/users?q=" + w.username()),
            row("GET /api/v1/admin/users/{id}", Needs.anyOf(USER_ADMIN), w -> "/api/v1/admin/users/" + w.spareUser()),
            row("POST /api/v1/admin/users", Needs.anyOf(USER_ADMIN), w -> "/api/v1/admin/users",
                    w -> body("username", "m" + w.unique(), "displayName", "矩阵新人", "role", "AGENT", "teamId", w.hotline(),
                            "password", Fixtures.PASSWORD)),
            row("PUT /api/v1/admin/users/{id}", Needs.anyOf(USER_ADMIN), w -> "/api/v1/admin/users/" + w.spareUser(),
                    w -> body("displayName", "矩阵改名", "role", "AGENT", "teamId", w.hotline())),
            row("POST /api/v1/admin/users/{id}/password", Needs.anyOf(USER_ADMIN),
                    w -> "/api/v1/admin/users/" + w.spareUser() + "/password", w -> body("password", "another-secret")),
            // --- cti (issue 11) ---
            // a PBX proves itself with its integration's token or signature, not with a person's bearer token
            row("POST /api/v1/cti/events", Needs.NOTHING, w -> "/api/v1/cti/events?token=" + PermissionMatrixTest.ctiToken,
                    w -> body("event", "newCall", "callId", "matrix-" + w.unique(), "from", "13700001111", "direction", "in")),
            // everyone signed in has a push stream; seconds=0 ends it right after its hello
            row("GET /api/v1/push", SIGNED_IN, w -> "/api/v1/push?seconds=0"),
            row("GET /api/v1/calls", Needs.anyOf(REPORT_READ), w -> "/api/v1/calls"),
            row("POST /api/v1/phone/integrations", Needs.anyOf(USER_ADMIN), w -> "/api/v1/phone/integrations",
                    w -> body("name", "matrix-pbx-" + w.unique())),
            row("GET /api/v1/phone/integrations", Needs.anyOf(USER_ADMIN), w -> "/api/v1/phone/integrations"),
            row("PUT /api/v1/phone/integrations/{id}/command-url", Needs.anyOf(USER_ADMIN),
                    w -> "/api/v1/phone/integrations/" + PermissionMatrixTest.ctiIntegration + "/command-url",
                    w -> body("url", "https://pbx.example/kept-commands")),
            // --- calendar module ---
            row("POST /api/v1/calendars", Needs.anyOf(SLA_ADMIN), w -> "/api/v1/calendars", w -> PermissionMatrixTest.CALENDAR),
            row("GET /api/v1/calendars", Needs.anyOf(TICKET_READ, REPORT_READ, SLA_ADMIN), w -> "/api/v1/calendars"),
            row("GET /api/v1/calendars/{id}", Needs.anyOf(TICKET_READ, REPORT_READ, SLA_ADMIN),
                    w -> "/api/v1/calendars/" + PermissionMatrixTest.spareCalendar),
            row("PUT /api/v1/calendars/{id}", Needs.anyOf(SLA_ADMIN), w -> "/api/v1/calendars/" + PermissionMatrixTest.spareCalendar,
                    w -> withVersion(PermissionMatrixTest.CALENDAR, 0)),
            row("GET /api/v1/calendars/{id}/due", Needs.anyOf(TICKET_READ, REPORT_READ, SLA_ADMIN),
                    w -> "/api/v1/calendars/" + PermissionMatrixTest.spareCalendar + "/due?minutes=60"),
            // --- repeat contacts ---
            row("GET /api/v1/customers/{id}/open-matches", Needs.allOf(CUSTOMER_READ, TICKET_READ),
                    w -> "/api/v1/customers/" + w.customer() + "/open-matches?text=%E6%9D%83%E9%99%90"),
            row("POST /api/v1/tickets/{id}/repeat-contacts", Needs.anyOf(TICKET_WRITE),
                    w -> "/api/v1/tickets/" + w.ticket() + "/repeat-contacts", w -> body("channel", "PHONE")),
            row("GET /api/v1/reports/repeat-contacts", Needs.anyOf(REPORT_READ), w -> "/api/v1/reports/repeat-contacts"),
            // --- surveys (issue 11): results only; no endpoint picks, skips or sends a survey ---
            row("GET /api/v1/reports/surveys", Needs.anyOf(REPORT_READ), w -> "/api/v1/reports/surveys"),
            // --- sla module ---
            row("GET /api/v1/sla/policies", Needs.anyOf(SLA_ADMIN), w -> "/api/v1/sla/policies"),
            row("GET /api/v1/sla/policies/{id}", Needs.anyOf(SLA_ADMIN), w -> "/api/v1/sla/policies/" + PermissionMatrixTest.spareSla),
            row("POST /api/v1/sla/policies", Needs.anyOf(SLA_ADMIN), w -> "/api/v1/sla/policies", w -> slaPolicy(w)),
            row("PUT /api/v1/sla/policies/{id}", Needs.anyOf(SLA_ADMIN), w -> "/api/v1/sla/policies/" + PermissionMatrixTest.spareSla,
                    w -> withVersion(slaPolicy(w), 0)),
            row("DELETE /api/v1/sla/policies/{id}", Needs.anyOf(SLA_ADMIN),
                    w -> "/api/v1/sla/policies/" + PermissionMatrixTest.spareSla + "?version=1"),
            row("GET /api/v1/sla/escalation-rules", Needs.anyOf(SLA_ADMIN), w -> "/api/v1/sla/escalation-rules"),
            row("GET /api/v1/sla/escalation-rules/{id}", Needs.anyOf(SLA_ADMIN),
                    w -> "/api/v1/sla/escalation-rules/" + PermissionMatrixTest.spareRule),
            row("POST /api/v1/sla/escalation-rules", Needs.anyOf(SLA_ADMIN), w -> "/api/v1/sla/escalation-rules",
                    w -> escalationRule(w, 800_000 + (int) (System.nanoTime() % 100_000))),
            row("PUT /api/v1/sla/escalation-rules/{id}", Needs.anyOf(SLA_ADMIN),
                    w -> "/api/v1/sla/escalation-rules/" + PermissionMatrixTest.spareRule,
                    w -> withVersion(escalationRule(w, PermissionMatrixTest.spareRulePosition), 0)),
            row("DELETE /api/v1/sla/escalation-rules/{id}", Needs.anyOf(SLA_ADMIN),
                    w -> "/api/v1/sla/escalation-rules/" + PermissionMatrixTest.spareRule + "?version=1"),
            row("GET /api/v1/sla/escalation-tiers", Needs.anyOf(SLA_ADMIN), w -> "/api/v1/sla/escalation-tiers"),
            // a stale, empty ladder: refused for what it says, never for who sends it, and nothing changes
            row("PUT /api/v1/sla/escalation-tiers", Needs.anyOf(SLA_ADMIN), w -> "/api/v1/sla/escalation-tiers",
                    w -> body("tiers", List.of(), "version", 999_999)),
            row("POST /api/v1/tickets/{id}/escalations", Needs.anyOf(TICKET_WRITE),
                    w -> "/api/v1/tickets/" + w.ticket() + "/escalations", w -> body("note", "矩阵升级", "kind", "HIERARCHICAL")),
            row("GET /api/v1/escalations", Needs.anyOf(TICKET_ASSIGN_ANY), w -> "/api/v1/escalations?team=" + w.spareTeam()),
            row("POST /api/v1/tickets/{id}/expedite", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/tickets/" + w.ticket() + "/expedite",
                    w -> body("reason", "矩阵加急")),
            row("GET /api/v1/reports/expedites", Needs.anyOf(REPORT_READ),
                    w -> "/api/v1/reports/expedites?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z"),
            row("POST /api/v1/tickets/{id}/commitments", Needs.anyOf(TICKET_WRITE),
                    w -> "/api/v1/tickets/" + w.ticket() + "/commitments",
                    w -> body("promise", "矩阵回电", "due", java.time.OffsetDateTime.now().plusDays(1).toString())),
            row("POST /api/v1/callbacks", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/callbacks",
                    w -> body("ticketId", w.ticket(), "note", "矩阵回电")),
            row("GET /api/v1/callbacks", Needs.anyOf(TICKET_READ), w -> "/api/v1/callbacks?view=TEAM"),
            row("GET /api/v1/callbacks/{id}", Needs.anyOf(TICKET_READ), w -> "/api/v1/callbacks/" + PermissionMatrixTest.spareCallback),
            row("POST /api/v1/callbacks/{id}/dial", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/callbacks/" + PermissionMatrixTest.spareCallback + "/dial",
                    w -> body()),
            row("POST /api/v1/callbacks/{id}/outcomes", Needs.anyOf(TICKET_WRITE),
                    w -> "/api/v1/callbacks/" + PermissionMatrixTest.spareCallback + "/outcomes", w -> body("outcome", "NO_ANSWER")),
            // authority (授权, 特例申请): requests and limits that do not exist answer 404 past the door
            row("POST /api/v1/tickets/{id}/grants", Needs.anyOf(AUTHORITY_GRANT), w -> "/api/v1/tickets/" + w.ticket() + "/grants",
                    w -> body("action", "COMPENSATION", "amount", "0.01", "currency", "CNY", "reason", "矩阵")),
            row("GET /api/v1/tickets/{id}/grants", Needs.anyOf(TICKET_READ), w -> "/api/v1/tickets/" + w.ticket() + "/grants"),
            row("GET /api/v1/authority/requests", Needs.anyOf(AUTHORITY_GRANT, AUTHORITY_APPROVE), w -> "/api/v1/authority/requests"),
            row("GET /api/v1/authority/requests/{id}", Needs.anyOf(AUTHORITY_GRANT, AUTHORITY_APPROVE),
                    w -> "/api/v1/authority/requests/" + NO_SHEET),
            row("POST /api/v1/authority/requests/{id}/decisions", Needs.anyOf(AUTHORITY_APPROVE),
                    w -> "/api/v1/authority/requests/" + NO_SHEET + "/decisions", w -> body("decision", "APPROVE", "comment", "矩阵")),
            row("POST /api/v1/authority/requests/{id}/withdrawal", Needs.anyOf(AUTHORITY_GRANT),
                    w -> "/api/v1/authority/requests/" + NO_SHEET + "/withdrawal", w -> body("reason", "矩阵")),
            row("GET /api/v1/authority/my-limits", Needs.anyOf(AUTHORITY_GRANT), w -> "/api/v1/authority/my-limits"),
            row("GET /api/v1/authority/limits", Needs.anyOf(AUTHORITY_ADMIN), w -> "/api/v1/authority/limits"),
            row("PUT /api/v1/authority/limits", Needs.anyOf(AUTHORITY_ADMIN), w -> "/api/v1/authority/limits",
                    w -> body("userId", w.spareUser(), "action", "COUPON", "currency", "CNY", "perCase", 100)),
            row("DELETE /api/v1/authority/limits/{id}", Needs.anyOf(AUTHORITY_ADMIN), w -> "/api/v1/authority/limits/" + NO_SHEET),
            row("GET /api/v1/authority/actions", Needs.anyOf(AUTHORITY_GRANT, AUTHORITY_APPROVE, AUTHORITY_ADMIN),
                    w -> "/api/v1/authority/actions"),
            row("PUT /api/v1/authority/actions/{code}", Needs.anyOf(AUTHORITY_ADMIN), w -> "/api/v1/authority/actions/MATRIX_KIND",
                    w -> body("nameZh", "矩阵事项", "nameEn", "Matrix kind", "active", false)),
            row("GET /api/v1/authority/levels", Needs.anyOf(AUTHORITY_ADMIN), w -> "/api/v1/authority/levels"),
            // the seeded ladder as it is, so no other test's chains change
            row("PUT /api/v1/authority/levels", Needs.anyOf(AUTHORITY_ADMIN), w -> "/api/v1/authority/levels",
                    w -> List.of(body("position", 1, "role", "LEAD", "sameTeam", true, "nameZh", "组长", "nameEn", "Team lead"),
                            body("position", 2, "role", "COMPLAINTS", "sameTeam", false, "nameZh", "重大投诉组",
                                    "nameEn", "Major-complaints group"),
                            body("position", 3, "role", "ADMIN", "sameTeam", false, "nameZh", "中心经理", "nameEn", "Centre manager"))),
            row("GET /api/v1/reports/authority", Needs.anyOf(REPORT_READ), w -> "/api/v1/reports/authority"),
            // agent protection (issue 12): agents mark and ask, leads approve and decide, compliance exports evidence
            row("GET /api/v1/protection/levels", Needs.anyOf(PROTECTION_FLAG), w -> "/api/v1/protection/levels"),
            row("POST /api/v1/protection/flags", Needs.anyOf(PROTECTION_FLAG), w -> "/api/v1/protection/flags",
                    w -> body("contactId", P.contact, "level", "DISCONTENT", "note", "矩阵")),
            row("POST /api/v1/protection/flags/{id}/actions", Needs.anyOf(PROTECTION_FLAG),
                    w -> "/api/v1/protection/flags/" + P.flag + "/actions", w -> body("action", "WARN")),
            row("GET /api/v1/protection/restrictions", Needs.anyOf(PROTECTION_FLAG), w -> "/api/v1/protection/restrictions"),
            row("POST /api/v1/protection/restrictions", Needs.anyOf(PROTECTION_FLAG), w -> "/api/v1/protection/restrictions",
                    w -> body("kind", "WECHAT", "value", "o-matrix-" + w.unique(), "action", "WARN_FIRST", "reason", "矩阵",
                            "flagIds", List.of(P.flag), "expiresAt", java.time.OffsetDateTime.now().plusDays(5).toString())),
            row("POST /api/v1/protection/restrictions/{id}/decision", Needs.anyOf(PROTECTION_APPROVE),
                    w -> "/api/v1/protection/restrictions/" + P.restriction + "/decision", w -> body("approve", true)),
            row("POST /api/v1/protection/appeals", Needs.anyOf(PORTAL), w -> "/api/v1/protection/appeals",
                    w -> body("restrictionId", P.restriction, "text", "不是我的限制：404")),
            row("GET /api/v1/protection/appeals", Needs.anyOf(PROTECTION_APPROVE), w -> "/api/v1/protection/appeals"),
            row("POST /api/v1/protection/appeals/{id}/decision", Needs.anyOf(PROTECTION_APPROVE),
                    w -> "/api/v1/protection/appeals/" + NO_SHEET + "/decision", w -> body("lift", false, "note", "矩阵")),
            row("GET /api/v1/protection/exposure", Needs.anyOf(PROTECTION_FLAG), w -> "/api/v1/protection/exposure"),
            row("PUT /api/v1/protection/agents/{id}/written-only", Needs.anyOf(PROTECTION_APPROVE),
                    w -> "/api/v1/protection/agents/" + w.spareUser() + "/written-only", w -> body("writtenOnly", false)),
            row("GET /api/v1/reports/abuse", Needs.anyOf(REPORT_READ), w -> "/api/v1/reports/abuse"),
            row("POST /api/v1/protection/evidence", Needs.anyOf(PROTECTION_EVIDENCE), w -> "/api/v1/protection/evidence",
                    w -> body("restrictionId", P.restriction, "reason", "矩阵")),
            row("GET /api/v1/commitments", Needs.anyOf(TICKET_READ), w -> "/api/v1/commitments"),
            row("POST /api/v1/commitments/{id}/kept", Needs.anyOf(TICKET_WRITE),
                    w -> "/api/v1/commitments/" + PermissionMatrixTest.spareCommitment + "/kept",
                    w -> body("outcome", "已回电", "version", 0)),
            row("GET /api/v1/notifications", Needs.anyOf(TICKET_READ), w -> "/api/v1/notifications"),
            // after-sales (issue 13): O holds an order, a line, a case made for this test; refunds of 0.01 fit under its paid amount
            row("POST /api/v1/orders", Needs.anyOf(ORDER_WRITE), w -> "/api/v1/orders", w -> O.document()),
            row("GET /api/v1/orders", Needs.anyOf(ORDER_READ), w -> "/api/v1/orders?number=" + O.number),
            row("GET /api/v1/orders/{id}", Needs.anyOf(ORDER_READ), w -> "/api/v1/orders/" + O.order),
            row("POST /api/v1/aftersales/cases", Needs.anyOf(AFTERSALES_WRITE), w -> "/api/v1/aftersales/cases",
                    w -> body("orderId", O.order, "kind", "REPAIR", "lineIds", List.of(O.line), "reason", "矩阵")),
            row("GET /api/v1/aftersales/cases/{id}", Needs.anyOf(ORDER_READ), w -> "/api/v1/aftersales/cases/" + O.aCase),
            row("POST /api/v1/aftersales/cases/{id}/return-received", Needs.anyOf(AFTERSALES_WRITE),
                    w -> "/api/v1/aftersales/cases/" + O.aCase + "/return-received", w -> body("version", 99)),
            row("POST /api/v1/aftersales/cases/{id}/pickup", Needs.anyOf(AFTERSALES_WRITE),
                    w -> "/api/v1/aftersales/cases/" + O.aCase + "/pickup", w -> body("windowStart", "2039-01-01T09:00:00+08:00")),
            row("POST /api/v1/aftersales/cases/{id}/close", Needs.anyOf(AFTERSALES_WRITE),
                    w -> "/api/v1/aftersales/cases/" + O.aCase + "/close", w -> body("version", 99)),
            row("POST /api/v1/refunds", Needs.anyOf(REFUND_WRITE), w -> "/api/v1/refunds",
                    w -> body("lineId", O.line, "amount", "0.01", "ticketId", O.ticket)),
            row("GET /api/v1/refunds/{id}", Needs.anyOf(ORDER_READ), w -> "/api/v1/refunds/" + O.refund),
            row("POST /api/v1/hooks/refunds/{token}/{provider}", Needs.NOTHING, w -> "/api/v1/hooks/refunds/" + O.hookToken + "/simulated",
                    w -> body("out_refund_no", "matrix-unknown", "status", "SUCCESS")),
            row("POST /api/v1/reconciliations", Needs.anyOf(RECONCILE), w -> "/api/v1/reconciliations?provider=WECHAT&date=2039-01-01",
                    w -> null),
            row("GET /api/v1/reconciliations", Needs.anyOf(RECONCILE), w -> "/api/v1/reconciliations"),
            row("GET /api/v1/reconciliations/{id}", Needs.anyOf(RECONCILE), w -> "/api/v1/reconciliations/" + O.run),
            // privacy-number relay and counterparty actions (issue 13): R holds a serious ticket, its counterparty, a binding and a restriction
            row("GET /api/v1/tickets/{id}/relay", Needs.anyOf(RELAY_CALL, COUNTERPARTY_RESTRICT), w -> "/api/v1/tickets/" + R.ticket + "/relay"),
            row("POST /api/v1/tickets/{id}/counterparties", Needs.anyOf(RELAY_CALL), w -> "/api/v1/tickets/" + R.ticket + "/counterparties",
                    w -> body("role", "DRIVER", "accountRef", "MX-DRIVER", "name", "矩阵司机")),
            row("POST /api/v1/tickets/{id}/relay/bindings", Needs.anyOf(RELAY_CALL), w -> "/api/v1/tickets/" + R.ticket + "/relay/bindings",
                    w -> body("counterpartyId", R.party, "caller", "AGENT")),
            row("POST /api/v1/relay/bindings/{id}/release", Needs.anyOf(RELAY_CALL), w -> "/api/v1/relay/bindings/" + R.binding + "/release",
                    w -> null),
            row("POST /api/v1/relay/bindings/{id}/reveal", Needs.anyOf(PII_REVEAL, PII_VIEW), w -> "/api/v1/relay/bindings/" + R.binding
                    + "/reveal", w -> body("reason", "矩阵")),
            row("POST /api/v1/tickets/{id}/relay/restrictions", Needs.anyOf(COUNTERPARTY_RESTRICT),
                    w -> "/api/v1/tickets/" + R.ticket + "/relay/restrictions", w -> body("counterpartyId", R.party, "reason", "矩阵",
                            "until", java.time.OffsetDateTime.now().plusDays(1).toString())),
            row("POST /api/v1/relay/restrictions/{id}/lift", Needs.anyOf(COUNTERPARTY_RESTRICT),
                    w -> "/api/v1/relay/restrictions/" + R.restriction + "/lift", w -> body("note", "矩阵")),
            row("POST /api/v1/hooks/relay/{token}/{provider}", Needs.NOTHING, w -> "/api/v1/hooks/relay/" + R.hookToken + "/simulated",
                    w -> body("callId", "matrix-unknown", "subsId", "matrix-unknown", "seconds", 1)),
            row("POST /api/v1/notifications/{id}/read", Needs.anyOf(TICKET_READ), w -> "/api/v1/notifications/0/read"),
            row("POST /api/v1/notifications/read", Needs.anyOf(TICKET_READ), w -> "/api/v1/notifications/read"),
            row("GET /api/v1/sla/team-hours", Needs.anyOf(SLA_ADMIN), w -> "/api/v1/sla/team-hours"),
            row("PUT /api/v1/sla/team-hours/{teamId}", Needs.anyOf(SLA_ADMIN), w -> "/api/v1/sla/team-hours/" + w.spareTeam(),
                    w -> body("calendarId", 0)),
            // workforce
            row("GET /api/v1/workforce/erlang-c", Needs.anyOf(WORKFORCE_PLAN, REPORT_READ), w -> "/api/v1/workforce/erlang-c?"
                    + "calls=100&intervalSeconds=1800&ahtSeconds=180&targetSeconds=20&serviceLevel=0.8"),
            row("GET /api/v1/workforce/erlang-a", Needs.anyOf(WORKFORCE_PLAN, REPORT_READ), w -> "/api/v1/workforce/erlang-a?"
                    + "calls=100&intervalSeconds=1800&ahtSeconds=180&patienceSeconds=120&agents=12&targetSeconds=20"),
            row("GET /api/v1/workforce/forecast", Needs.anyOf(WORKFORCE_PLAN, REPORT_READ),
                    w -> "/api/v1/workforce/forecast?day=2039-01-0" + (1 + w.unique().length() % 9)),
            row("GET /api/v1/workforce/forecast/accuracy", Needs.anyOf(WORKFORCE_PLAN, REPORT_READ),
                    w -> "/api/v1/workforce/forecast/accuracy?from=2026-01-01&to=2026-01-02"),
            row("PUT /api/v1/workforce/forecast/overrides", Needs.anyOf(WORKFORCE_PLAN), w -> "/api/v1/workforce/forecast/overrides",
                    w -> body("day", "2039-02-01", "channel", "ALL", "kind", "CAMPAIGN", "factor", 1.5)),
            row("DELETE /api/v1/workforce/forecast/overrides", Needs.anyOf(WORKFORCE_PLAN),
                    w -> "/api/v1/workforce/forecast/overrides?day=2039-02-02&channel=ALL"),
            row("GET /api/v1/workforce/teams/{teamId}/skills", Needs.anyOf(WORKFORCE_PLAN),
                    w -> "/api/v1/workforce/teams/" + w.spareTeam() + "/skills"),
            row("PUT /api/v1/workforce/teams/{teamId}/skills", Needs.anyOf(WORKFORCE_PLAN),
                    w -> "/api/v1/workforce/teams/" + w.spareTeam() + "/skills", w -> body("skills", List.of("HOTLINE"))),
            row("POST /api/v1/workforce/rosters", Needs.anyOf(WORKFORCE_PLAN), w -> "/api/v1/workforce/rosters",
                    w -> body("name", "矩阵排班", "startsOn", "2039-03-07", "days", 1, "memberIds", List.of(w.spareUser()))),
            row("GET /api/v1/workforce/rosters/{id}", Needs.anyOf(WORKFORCE_PLAN), w -> "/api/v1/workforce/rosters/" + w.roster()),
            row("POST /api/v1/workforce/rosters/{id}/solve", Needs.anyOf(WORKFORCE_PLAN),
                    w -> "/api/v1/workforce/rosters/" + w.roster() + "/solve?seconds=1", w -> null),
            row("POST /api/v1/workforce/rosters/{id}/publish", Needs.anyOf(WORKFORCE_PLAN),
                    w -> "/api/v1/workforce/rosters/" + w.roster() + "/publish", w -> null),
            // the matrix's roster is not published, so a permitted caller gets a 409, never a new roster
            row("POST /api/v1/workforce/rosters/{id}/versions", Needs.anyOf(WORKFORCE_PLAN),
                    w -> "/api/v1/workforce/rosters/" + w.roster() + "/versions", w -> null),
            row("GET /api/v1/workforce/rosters/{id}/coverage", Needs.anyOf(WORKFORCE_PLAN),
                    w -> "/api/v1/workforce/rosters/" + w.roster() + "/coverage"),
            row("GET /api/v1/workforce/my-shifts", STAFF, w -> "/api/v1/workforce/my-shifts"),
            row("PUT /api/v1/workforce/my-availability", STAFF, w -> "/api/v1/workforce/my-availability",
                    w -> body("day", "2039-03-08", "kind", "PREFER_OFF")),
            row("POST /api/v1/workforce/handovers", STAFF, w -> "/api/v1/workforce/handovers", w -> body()),
            row("GET /api/v1/workforce/handovers", STAFF, w -> "/api/v1/workforce/handovers?q=矩阵"),
            // a sheet's own rules (either side, the team, planners) answer 404 past the door; the door is staff only
            row("GET /api/v1/workforce/handovers/{id}", STAFF, w -> "/api/v1/workforce/handovers/" + NO_SHEET),
            row("PUT /api/v1/workforce/handovers/{id}/items/{itemId}", STAFF,
                    w -> "/api/v1/workforce/handovers/" + NO_SHEET + "/items/1", w -> body("newOwnerId", 1)),
            row("PUT /api/v1/workforce/handovers/{id}/items", STAFF,
                    w -> "/api/v1/workforce/handovers/" + NO_SHEET + "/items", w -> body("itemIds", List.of(1), "newOwnerId", 1)),
            row("GET /api/v1/workforce/handovers/{id}/preview", STAFF,
                    w -> "/api/v1/workforce/handovers/" + NO_SHEET + "/preview"),
            row("POST /api/v1/workforce/handovers/{id}/sign", STAFF,
                    w -> "/api/v1/workforce/handovers/" + NO_SHEET + "/sign", w -> body("version", 0)),
            row("POST /api/v1/workforce/notices", Needs.anyOf(WORKFORCE_PLAN), w -> "/api/v1/workforce/notices",
                    w -> body("title", "矩阵通知", "body", "内容", "kind", "OTHER", "effectiveAt", "2039-01-01T00:00:00Z")),
            // --- routing (issue 12): presence and work are an agent's own; rules are administrators'; the live view is a report
            row("GET /api/v1/routing/presence", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/routing/presence"),
            row("PUT /api/v1/routing/presence", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/routing/presence",
                    w -> body("state", "NOT_READY", "reason", "break")),
            row("GET /api/v1/routing/presence/history", Needs.anyOf(REPORT_READ),
                    w -> "/api/v1/routing/presence/history?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z"),
            row("GET /api/v1/routing/work", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/routing/work"),
            // the agent's inbox (InboxTest): their own conversations only
            row("GET /api/v1/inbox", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/inbox"),
            row("POST /api/v1/routing/work/{id}/accept", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/routing/work/" + NO_SHEET + "/accept"),
            row("POST /api/v1/routing/work/{id}/decline", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/routing/work/" + NO_SHEET + "/decline"),
            row("POST /api/v1/routing/work/{id}/finish", Needs.anyOf(TICKET_WRITE), w -> "/api/v1/routing/work/" + NO_SHEET + "/finish"),
            row("GET /api/v1/routing/queues", Needs.anyOf(ROUTING_ADMIN), w -> "/api/v1/routing/queues"),
            row("POST /api/v1/routing/queues", Needs.anyOf(ROUTING_ADMIN), w -> "/api/v1/routing/queues",
                    w -> body("code", "mx-" + Long.toString(System.nanoTime(), 36), "name", "矩阵队列", "channel", "CHAT",
                            "skills", List.of(body("skill", "matrix-" + w.unique(), "minLevel", 1)))),
            row("PUT /api/v1/routing/queues/{id}", Needs.anyOf(ROUTING_ADMIN), w -> "/api/v1/routing/queues/" + PermissionMatrixTest.spareQueue,
                    w -> body("code", "mx-spare-" + w.unique(), "name", "矩阵备用队列", "channel", "CHAT", "version", 999)),
            row("GET /api/v1/routing/agents/{id}/skills", Needs.anyOf(ROUTING_ADMIN), w -> "/api/v1/routing/agents/" + w.spareUser() + "/skills"),
            row("PUT /api/v1/routing/agents/{id}/skills", Needs.anyOf(ROUTING_ADMIN), w -> "/api/v1/routing/agents/" + w.spareUser() + "/skills",
                    w -> body("skills", Map.of())),
            row("GET /api/v1/routing/channels", Needs.anyOf(ROUTING_ADMIN), w -> "/api/v1/routing/channels"),
            row("PUT /api/v1/routing/channels/{channel}", Needs.anyOf(ROUTING_ADMIN), w -> "/api/v1/routing/channels/SMS",
                    w -> body("capacity", 1, "acwSeconds", 0)),
            row("GET /api/v1/routing/live", Needs.anyOf(REPORT_READ), w -> "/api/v1/routing/live"),
            // reason codes and tiers' jumps: the writes are refused as invalid for the administrator, so nothing changes
            row("GET /api/v1/routing/reasons", Needs.anyOf(ROUTING_ADMIN), w -> "/api/v1/routing/reasons"),
            row("PUT /api/v1/routing/reasons/{code}", Needs.anyOf(ROUTING_ADMIN), w -> "/api/v1/routing/reasons/mx-" + w.unique(),
                    w -> body("nameZh", "", "nameEn", "", "position", 999, "active", false)),
            row("DELETE /api/v1/routing/reasons/{code}", Needs.anyOf(ROUTING_ADMIN), w -> "/api/v1/routing/reasons/mx-none"),
            row("GET /api/v1/routing/tier-jumps", Needs.anyOf(ROUTING_ADMIN), w -> "/api/v1/routing/tier-jumps"),
            row("PUT /api/v1/routing/tier-jumps/{tier}", Needs.anyOf(ROUTING_ADMIN), w -> "/api/v1/routing/tier-jumps/STANDARD",
                    w -> body("jumpSeconds", 0)),
            // knowledge: K holds a public article, a script, a synonym group and a change request made for this test
            row("POST /api/v1/knowledge/articles", Needs.anyOf(KNOWLEDGE_WRITE), w -> "/api/v1/knowledge/articles",
                    w -> body("title", "矩阵文章", "body", "正文", "audience", "PUBLIC")),
            row("GET /api/v1/knowledge/articles", Needs.anyOf(TICKET_READ, PORTAL), w -> "/api/v1/knowledge/articles?limit=5"),
            row("GET /api/v1/knowledge/articles/{id}", Needs.anyOf(TICKET_READ, PORTAL), w -> "/api/v1/knowledge/articles/" + K.article),
            row("PUT /api/v1/knowledge/articles/{id}", Needs.anyOf(KNOWLEDGE_WRITE), w -> "/api/v1/knowledge/articles/" + K.article,
                    w -> body("title", "矩阵文章", "body", "正文二", "audience", "PUBLIC", "version", 1)),
            row("GET /api/v1/knowledge/articles/{id}/versions", Needs.anyOf(TICKET_READ, PORTAL),
                    w -> "/api/v1/knowledge/articles/" + K.article + "/versions"),
            row("GET /api/v1/knowledge/articles/{id}/versions/{version}", Needs.anyOf(TICKET_READ, PORTAL),
                    w -> "/api/v1/knowledge/articles/" + K.article + "/versions/1"),
            row("GET /api/v1/knowledge/articles/{id}/diff", Needs.anyOf(TICKET_READ, PORTAL),
                    w -> "/api/v1/knowledge/articles/" + K.article + "/diff?from=1&to=1"),
            row("POST /api/v1/knowledge/articles/{id}/rollback", Needs.anyOf(KNOWLEDGE_WRITE),
                    w -> "/api/v1/knowledge/articles/" + K.article + "/rollback", w -> body("toVersion", 1, "version", 1)),
            row("GET /api/v1/knowledge/articles/{id}/citations", Needs.anyOf(TICKET_READ),
                    w -> "/api/v1/knowledge/articles/" + K.article + "/citations"),
            row("GET /api/v1/knowledge/search", Needs.anyOf(TICKET_READ, PORTAL), w -> "/api/v1/knowledge/search?q=退款"),
            row("POST /api/v1/knowledge/index/rebuild", Needs.anyOf(USER_ADMIN), w -> "/api/v1/knowledge/index/rebuild"),
            row("GET /api/v1/knowledge/synonyms", Needs.anyOf(TICKET_READ), w -> "/api/v1/knowledge/synonyms"),
            row("POST /api/v1/knowledge/synonyms", Needs.anyOf(KNOWLEDGE_WRITE), w -> "/api/v1/knowledge/synonyms",
                    w -> body("terms", List.of("矩阵甲", "矩阵乙"))),
            row("PUT /api/v1/knowledge/synonyms/{id}", Needs.anyOf(KNOWLEDGE_WRITE), w -> "/api/v1/knowledge/synonyms/" + K.synonym,
                    w -> body("terms", List.of("矩阵丙", "矩阵丁"))),
            row("DELETE /api/v1/knowledge/synonyms/{id}", Needs.anyOf(KNOWLEDGE_WRITE),
                    w -> "/api/v1/knowledge/synonyms/" + K.synonym),
            row("GET /api/v1/knowledge/scripts", Needs.anyOf(TICKET_READ), w -> "/api/v1/knowledge/scripts?channel=PHONE"),
            row("POST /api/v1/knowledge/scripts", Needs.anyOf(KNOWLEDGE_WRITE), w -> "/api/v1/knowledge/scripts",
                    w -> body("code", "m-" + System.nanoTime(), "name", "矩阵话术", "channel", "PHONE", "body", "您好")),
            row("PUT /api/v1/knowledge/scripts/{id}", Needs.anyOf(KNOWLEDGE_WRITE), w -> "/api/v1/knowledge/scripts/" + K.script,
                    w -> body("code", "m-" + w.unique(), "name", "矩阵话术", "channel", "WRITTEN", "body", "您好")),
            row("POST /api/v1/knowledge/scripts/{id}/fill", Needs.anyOf(TICKET_READ),
                    w -> "/api/v1/knowledge/scripts/" + K.script + "/fill", w -> body("values", Map.of("agentId", "C1"))),
            row("GET /api/v1/knowledge/change-requests", Needs.anyOf(TICKET_READ), w -> "/api/v1/knowledge/change-requests"),
            row("POST /api/v1/knowledge/change-requests", Needs.anyOf(KNOWLEDGE_WRITE), w -> "/api/v1/knowledge/change-requests",
                    w -> body("kind", "LAUNCH", "product", "矩阵产品", "deadline", "2030-01-01",
                            "items", List.of(Map.of("title", "新文章")))),
            row("GET /api/v1/knowledge/change-requests/{id}", Needs.anyOf(TICKET_READ),
                    w -> "/api/v1/knowledge/change-requests/" + K.change),
            row("POST /api/v1/knowledge/change-requests/{id}/items/{item}/done", Needs.anyOf(KNOWLEDGE_WRITE),
                    w -> "/api/v1/knowledge/change-requests/" + K.change + "/items/" + K.changeItem + "/done"),
            row("POST /api/v1/knowledge/change-requests/{id}/close", Needs.anyOf(KNOWLEDGE_WRITE),
                    w -> "/api/v1/knowledge/change-requests/" + K.change + "/close", w -> body("version", 0)));

    /** What the protection rows point at: a contact, an abuse flag on it, a restriction an agent asked for. */
    static final class P {
        static long contact;
        static long flag;
        static long restriction;

        static void prepare(Fixtures fixtures, ApplicationContext context, long customer) {
            CurrentUser agent = fixtures.user("AGENT");
            Api api = fixtures.api(agent);
            contact = context.getBean(org.kept.contact.Contacts.class).record(new org.kept.contact.NewContact(
                    org.kept.ticket.Channel.PHONE, org.kept.contact.Direction.INBOUND, "matrix-" + System.nanoTime(),
                    "+8613300000002", customer, null, agent.id(), java.time.Instant.now(), "矩阵来电"), agent).id();
            flag = api.post("/api/v1/protection/flags", body("contactId", contact, "level", "ABUSE")).expect(201).id();
            restriction = api.post("/api/v1/protection/restrictions", body("kind", "PHONE", "value", "+8613300000002",
                    "action", "HARASSMENT_QUEUE", "reason", "矩阵", "flagIds", List.of(flag), "expiresAt",
                    java.time.OffsetDateTime.now().plusDays(5).toString())).expect(201).id();
        }
    }

    /** A chat for the chat rows: its token and id, one to end (customer and agent), and the seq of a file in it. */
    static final class Chat {
        static String token;
        static long id;
        static String ending;
        static long endingId;
        static long fileSeq;

        static Map<String, Object> file(String clientId) {
            return body("clientId", clientId, "name", "矩阵.pdf", "data",
                    java.util.Base64.getEncoder().encodeToString("%PDF-1.4 matrix".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }

        static void prepare(Fixtures fixtures, JdbcClient jdbc) {
            Api anyone = fixtures.api();
            token = anyone.post("/api/v1/chat/conversations", body("name", "矩阵会话", "email", "matrix-chat@example.com"))
                    .expect(201).json().path("token").asString();
            id = jdbc.sql("select id from chat_conversation where token = ?").param(token).query(Long.class).single();
            fileSeq = anyone.post("/api/v1/chat/conversations/" + token + "/files", file("matrix-file-1")).expect(201)
                    .json().path("seq").asLong();
            ending = anyone.post("/api/v1/chat/conversations", body("name", "矩阵结束", "email", "matrix-chat@example.com"))
                    .expect(201).json().path("token").asString();
            String other = anyone.post("/api/v1/chat/conversations", body("name", "矩阵坐席结束", "email", "matrix-chat@example.com"))
                    .expect(201).json().path("token").asString();
            endingId = jdbc.sql("select id from chat_conversation where token = ?").param(other).query(Long.class).single();
        }
    }

    /** An agency's link and one of its requests, for the disclosure rows. */
    static final class L {
        static String key;
        static long request;

        static Map<String, Object> request() {
            java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
            return body("requestType", "CRIMINAL", "caseNo", "矩阵案号", "legalBasis", "刑事诉讼法第54条", "officerName", "矩阵",
                    "officerBadges", List.of("010001", "010002"), "subject", body("kind", "PHONE", "value", "+8613900000001"),
                    "fields", List.of("NAME"), "from", now.minusDays(1).toString(), "to", now.toString(),
                    "deadline", now.plusDays(1).toString(), "noNotify", true,
                    "documents", List.of(document(), body("kind", "CASE_PROOF", "fileName", "c.pdf", "contentBase64",
                            document().get("contentBase64"))));
        }

        static Map<String, Object> document() {
            return body("kind", "NOTICE", "fileName", "n.pdf", "contentBase64",
                    java.util.Base64.getEncoder().encodeToString("%PDF-1.4 matrix".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }

        static void prepare(Fixtures fixtures) {
            Api lead = fixtures.api(fixtures.user("COMPLIANCE_LEAD", null));
            key = lead.post("/api/v1/disclosure/agencies", body("name", "矩阵派出所", "type", "PUBLIC_SECURITY",
                    "publishedLandline", "010-65000000")).expect(201).json().path("link").asString().substring("/le/".length());
            request = fixtures.api().post("/api/v1/le/" + key + "/requests", request()).expect(201).id();
        }
    }

    /** What the after-sales rows point at, made before the matrix runs. */
    static final class O {
        static String number;
        static long order;
        static long line;
        static long aCase;
        static long refund;
        static long ticket;
        static long run;
        static String hookToken;

        static Map<String, Object> document() {
            return body("orderNo", number, "placedAt", "2026-11-20T10:00:00+08:00", "currency", "CNY",
                    "receiver", body("name", "矩阵", "phone", "+8613900000000", "address", "矩阵地址"),
                    "lines", List.of(body("lineNo", 1, "title", "矩阵商品", "quantity", 1, "paid", "1000.00")),
                    "payments", List.of(body("provider", "SIMULATED", "transactionId", "MX" + number, "amount", "1000.00",
                            "paidAt", "2026-11-20T10:01:00+08:00")));
        }

        static void prepare(Fixtures fixtures, ApplicationContext context) {
            number = "MATRIX" + System.nanoTime();
            Api admin = fixtures.api(fixtures.user("ADMIN"));
            Response made = admin.post("/api/v1/orders", document()).expect(201);
            order = made.id();
            line = made.json().path("lines").path(0).path("id").asLong();
            Api agent = fixtures.api(fixtures.user("AGENT"));
            aCase = agent.post("/api/v1/aftersales/cases", body("orderId", order, "kind", "RETURN", "lineIds", List.of(line)))
                    .expect(201).id();
            ticket = fixtures.ticket(agent, fixtures.customer("矩阵售后").id(), "矩阵退款").id();
            refund = agent.post("/api/v1/refunds", body("lineId", line, "amount", "0.01", "ticketId", ticket)).expect(201).id();
            run = admin.post("/api/v1/reconciliations?provider=WECHAT&date=2039-01-01", null).expect(201).id();
            hookToken = context.getBean(org.kept.aftersales.internal.AftersalesSettings.class).hookToken();
        }
    }

    /** What the relay rows point at: a P1 ticket (serious), its counterparty, a binding and a restriction. */
    static final class R {
        static long ticket;
        static long party;
        static long binding;
        static long restriction;
        static String hookToken;

        static void prepare(Fixtures fixtures, ApplicationContext context, long customer) {
            Api agent = fixtures.api(fixtures.user("AGENT"));
            ticket = agent.post("/api/v1/tickets", body("type", "COMPLAINT", "subject", "矩阵重大投诉", "customerId", customer,
                    "priority", "P1", "contactPhone", "+8613300000003")).expect(201).id();
            party = agent.post("/api/v1/tickets/" + ticket + "/counterparties", body("role", "DRIVER", "accountRef", "MX-DRIVER"))
                    .expect(201).id();
            binding = agent.post("/api/v1/tickets/" + ticket + "/relay/bindings", body("counterpartyId", party, "caller", "CUSTOMER"))
                    .expect(201).id();
            restriction = fixtures.api(fixtures.user("COMPLAINTS")).post("/api/v1/tickets/" + ticket + "/relay/restrictions",
                    body("counterpartyId", party, "reason", "矩阵", "until", java.time.OffsetDateTime.now().plusDays(2).toString()))
                    .expect(201).id();
            hookToken = context.getBean(org.kept.relay.internal.RelaySettings.class).hookToken();
        }
    }

    /** What the knowledge rows point at, made before the matrix runs. */
    static final class K {
        static long article;
        static long script;
        static long synonym;
        static long change;
        static long changeItem;

        static void prepare(Fixtures fixtures) {
            Api lead = fixtures.api(fixtures.user("LEAD"));
            article = lead.post("/api/v1/knowledge/articles", body("title", "矩阵公开文章", "body", "正文", "audience", "PUBLIC"))
                    .expect(201).id();
            script = lead.post("/api/v1/knowledge/scripts", body("code", "mx-" + System.nanoTime(), "name", "矩阵", "channel",
                    "PHONE", "body", "工号 {agentId}")).expect(201).id();
            synonym = lead.post("/api/v1/knowledge/synonyms", body("terms", List.of("矩阵一", "矩阵二"))).expect(201).id();
            var change = lead.post("/api/v1/knowledge/change-requests", body("kind", "CHANGE", "product", "矩阵",
                    "deadline", "2030-01-01", "items", List.of(Map.of("articleId", article)))).expect(201).json();
            K.change = change.path("id").asLong();
            changeItem = change.path("items").get(0).path("id").asLong();
        }
    }

    /** A policy only the spare team's tickets match, so creating it changes no other test's deadlines. */
    static Map<String, Object> slaPolicy(World w) {
        return body("name", "矩阵策略", "position", 5, "teamId", w.spareTeam(), "firstResponseMinutes", 30,
                "resolutionMinutes", 600);
    }

    /** A rule only text with this test's own word matches, so it escalates no other test's tickets. */
    static Map<String, Object> escalationRule(World w, int position) {
        return body("name", "矩阵规则", "position", position, "keywords", List.of("矩阵专用词-" + w.unique()), "tier", 1);
    }

    static final String MATRIX_WECHAT_TOKEN = "matrix-wechat-token";
    static final String MATRIX_WEIBO_SECRET = "matrix-weibo-secret";

    /** The signed hook URL of this test's own WeChat or Weibo account ({@code matrix-<unique>}). */
    static String socialHook(String platform, World w, String secret) {
        String ts = "1700000000";
        String nonce = "matrix";
        return "/api/v1/hooks/" + platform + "/matrix-" + w.unique() + "?signature="
                + org.kept.social.internal.WeChatCrypto.signature(secret, ts, nonce) + "&timestamp=" + ts + "&nonce=" + nonce;
    }

    static String ctiToken;
    static long ctiIntegration;
    static long spareRule;
    static int spareRulePosition;
    static long spareSla;
    static long spareCommitment;
    static long spareCallback;
    static long spareQueue;

    /** A calendar the calendar rows create and change. */
    static final Map<String, Object> CALENDAR = body("name", "矩阵日历", "timeZone", "Asia/Shanghai",
            "weeklyHours", List.of(body("day", "MONDAY", "from", "09:00", "to", "17:00")));
    static long spareCalendar;

    static Map<String, Object> withVersion(Map<String, Object> body, int version) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put("version", version);
        return copy;
    }

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    World world;
    CurrentUser customerUser;
    final Map<String, Api> callers = new LinkedHashMap<>();

    @BeforeAll
    void peopleOfEveryRoleAndSomethingToWorkOn() {
        smsHook = "/api/v1/hooks/sms/" + context.getBean(org.kept.sms.internal.SmsSettings.class).callbackToken();
        ROLES.keySet().forEach(role -> {
            CurrentUser user = fixtures.user(role);
            callers.put(role, fixtures.api(user));
            if (role.equals("CUSTOMER")) {
                customerUser = user;
            }
        });
        Api agent = fixtures.api(fixtures.user("AGENT"));
        long customer = fixtures.customer("矩阵客户").id();
        long ticket = fixtures.ticket(agent, customer, "权限矩阵工单").id();
        long duplicate = fixtures.ticket(agent, customer, "权限矩阵重复工单").id();
        long portalTicket = fixtures.ticket(agent, customerUser.customerId(), "客户自己的工单").id();
        long hotline = fixtures.team("hotline");
        String unique = Long.toString(System.nanoTime(), 36);
        jdbc.sql("insert into team (code, name) values (?, ?)").params("spare-" + unique, "矩阵备用组").update();
        // a category only this test routes, so no other test's tickets change team
        jdbc.sql("insert into ticket_category (code, name_zh, name_en) values (?, ?, ?)").params("mt" + unique, "矩阵分类路由", "Matrix routing").update();
        spareCalendar = fixtures.api(fixtures.user("ADMIN")).post("/api/v1/calendars", CALENDAR).expect(201).id();
        long spareTeam = fixtures.team("spare-" + unique);
        context.publishEvent(new IdentityChanged("test", "test.refresh", "team:" + spareTeam, ""));  // no 5 s cache wait
        spareSla = fixtures.api(fixtures.user("ADMIN")).post("/api/v1/sla/policies", body("name", "矩阵备用策略", "teamId",
                spareTeam, "firstResponseMinutes", 30, "resolutionMinutes", 600)).expect(201).id();
        spareRulePosition = 900_000 + (int) (System.nanoTime() % 100_000);
        spareRule = fixtures.api(fixtures.user("ADMIN")).post("/api/v1/sla/escalation-rules", body("name", "矩阵备用规则",
                "position", spareRulePosition, "keywords", List.of("矩阵备用词-" + unique), "tier", 1)).expect(201).id();
        spareCommitment = agent.post("/api/v1/tickets/" + ticket + "/commitments", body("promise", "矩阵承诺", "due",
                java.time.OffsetDateTime.now().plusDays(1).toString())).expect(201).id();
        spareCallback = agent.post("/api/v1/callbacks", body("ticketId", ticket, "reason", "SURVEY_UNHAPPY")).expect(201)
                .json().path("task").path("id").asLong();
        K.prepare(fixtures);
        Chat.prepare(fixtures, jdbc);
        P.prepare(fixtures, context, customer);
        spareQueue = fixtures.api(fixtures.user("ADMIN")).post("/api/v1/routing/queues", body("code", "mx-spare-" + unique,
                "name", "矩阵备用队列", "channel", "CHAT", "skills", List.of(body("skill", "matrix-" + unique, "minLevel", 1))))
                .expect(201).id();
        O.prepare(fixtures, context);
        R.prepare(fixtures, context, customer);
        L.prepare(fixtures);
        ctiToken = "matrix-" + unique;
        for (String platform : List.of("WECHAT", "WEIBO")) {
            jdbc.sql("insert into social_account (code, platform, name, app_id, app_secret, token, access_token, enabled, created_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?, true, current_timestamp)")
                    .params("matrix-" + unique, platform, "矩阵账号", "matrix-app",
                            platform.equals("WEIBO") ? MATRIX_WEIBO_SECRET : "matrix-app-secret", MATRIX_WECHAT_TOKEN, "matrix-access")
                    .update();
        }
        jdbc.sql("insert into phone_integration (name, secret, token, enabled, created_at) values (?, ?, ?, true, current_timestamp)")
                .params("matrix-" + unique, "matrix-secret", ctiToken).update();
        ctiIntegration = jdbc.sql("select id from phone_integration where token = ?").param(ctiToken).query(Long.class).single();
        world = new World(customer, ticket, duplicate, portalTicket, hotline, fixtures.user("AGENT").username(), unique,
                fixtures.user("AGENT").id(), fixtures.team("spare-" + unique), 0);
        CurrentUser rosterPlanner = fixtures.user("PLANNER", null);
        long roster = fixtures.api(rosterPlanner).post("/api/v1/workforce/rosters", body("name", "矩阵排班", "startsOn", "2039-03-07",
                "days", 1, "memberIds", List.of(world.spareUser()))).expect(201).id();
        world = new World(world.customer(), world.ticket(), world.duplicate(), world.portalTicket(), world.hotline(),
                world.username(), world.unique(), world.spareUser(), world.spareTeam(), roster);
    }

    @Test
    void everyApiEndpointHasExactlyOneRowInTheMatrix() {
        Set<String> rows = MATRIX.stream().map(Row::endpoint).collect(Collectors.toCollection(TreeSet::new));
        assertThat(MATRIX).hasSameSizeAs(rows);
        assertThat(rows).as("rows of the matrix = endpoints the application maps (add a row for a new endpoint)")
                .containsExactlyElementsOf(Endpoints.api(context));
    }

    @Test
    void theBuiltInRolesHaveThePermissionsTheMatrixAssumes() {
        ROLES.forEach((role, permissions) -> assertThat(
                jdbc.sql("select permission from role_permission where role_code = ?").param(role).query(String.class).set())
                .as(role).containsExactlyInAnyOrderElementsOf(permissions.stream().map(Enum::name).toList()));
    }

    @Test
    void withoutATokenEveryProtectedEndpointAnswers401() {
        SoftAssertions softly = new SoftAssertions();
        Api anonymous = fixtures.api();
        Api forged = fixtures.api().as("kept_0000000000000000000000000000000000000000000000000000000000000000");
        for (Row row : MATRIX) {
            if (row.needs().isPublic()) {
                continue;
            }
            for (Api caller : List.of(anonymous, forged)) {
                Response response = call(caller, row);
                softly.assertThat(response.status()).as(response.toString()).isEqualTo(401);
                softly.assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
            }
        }
        softly.assertAll();
    }

    @Test
    void publicEndpointsAnswerWithoutAToken() {
        MATRIX.stream().filter(r -> r.needs().isPublic()).forEach(row -> {
            Response response = call(fixtures.api(), row);
            assertThat(response.status()).as(response.toString()).isBetween(200, 299);
        });
    }

    @Test
    void everyRoleIsRefusedExactlyWhereItLacksThePermission() {
        SoftAssertions softly = new SoftAssertions();
        for (Row row : MATRIX) {
            ROLES.forEach((role, permissions) -> {
                Response response = call(callers.get(role), row);
                String what = role + " " + response;
                if (row.needs().grantedTo(permissions)) {
                    softly.assertThat(response.status()).as(what).isNotIn(401, 403).isLessThan(500);
                } else {
                    softly.assertThat(response.status()).as(what).isEqualTo(403);
                    softly.assertThat(response.contentType()).as(what).startsWith("application/problem+json");
                }
            });
        }
        softly.assertAll();
    }

    /**
     * Routes whose answer depends on the caller's team as well as their role, asked by every role from a team that is
     * not the data's: another team's reports need REPORT_ALL_TEAMS, another team's promise is nobody else's to settle,
     * and giving a ticket to another team needs TICKET_ASSIGN_ANY even without naming a person.
     */
    @Test
    void teamScopedRoutesAnswerEveryRoleFromAnotherTeamByItsPermissions() {
        Api agent = fixtures.api(fixtures.user("AGENT"));
        long hotline = world.hotline();
        long afterSales = fixtures.team("after-sales");
        String promiseDue = java.time.OffsetDateTime.now().plusDays(1).toString();
        SoftAssertions softly = new SoftAssertions();
        ROLES.forEach((role, permissions) -> {
            if (role.equals("CUSTOMER")) {
                return;
            }
            Api outsider = fixtures.api(fixtures.user(role, "online"));
            for (String report : List.of("/api/v1/reports/repeat-contacts?team=" + hotline,
                    "/api/v1/reports/surveys?team=" + hotline,
                    "/api/v1/reports/authority?team=" + hotline,
                    "/api/v1/reports/surveys?team=" + hotline, "/api/v1/reports/abuse?team=" + hotline,
                    "/api/v1/reports/expedites?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&team=" + hotline)) {
                Response response = outsider.get(report);
                softly.assertThat(response.status()).as(role + " " + response)
                        .isEqualTo(permissions.contains(REPORT_ALL_TEAMS) ? 200 : 403);
            }
            long ticket = fixtures.ticket(agent, world.customer(), "矩阵班组").id();
            long promise = agent.post("/api/v1/tickets/" + ticket + "/commitments", body("promise", "矩阵回电", "due", promiseDue))
                    .expect(201).id();
            Response kept = outsider.post("/api/v1/commitments/" + promise + "/kept", body("outcome", "替人结", "version", 0));
            softly.assertThat(kept.status()).as(role + " " + kept).isEqualTo(403);
            Response moved = outsider.put("/api/v1/tickets/" + ticket + "/assignment", body("teamId", afterSales, "version", 0));
            if (permissions.contains(TICKET_WRITE) && permissions.contains(TICKET_ASSIGN_ANY)) {
                softly.assertThat(moved.status()).as(role + " " + moved).isEqualTo(200);
            } else {
                softly.assertThat(moved.status()).as(role + " " + moved).isEqualTo(403);
            }
        });
        softly.assertAll();
    }

    /**
     * Pages anyone may open: the sign-in page, error page and the API documentation; the setup page only with the
     * one-time link while nobody administers the centre (below, and {@code FirstStartTest} for the open link); a
     * survey's one-time link {@code /s/{token}} ({@code SurveyTest}); a restricted caller's appeal link {@code /appeal/{token}} ({@code ProtectionTest}); an agency's disclosure link and download
     * link {@code /le/…} ({@code DisclosureTest}).
     */
    static final List<String> PUBLIC_PAGES = List.of("/login", "/error", "/v3/api-docs", "/swagger-ui", "/setup",
            "/s/", "/chat/", "/appeal/", "/le/");

    @Test
    void theSetupPageIsClosedToEveryoneOnceTheCentreHasAnAdministrator() {
        // a link as the first start offers it (this database may have had an administrator from its start)
        jdbc.sql("insert into setup_token (id, token, created_at) values (1, ?, current_timestamp) on conflict do nothing")
                .param("matrix-" + Long.toString(System.nanoTime(), 36)).update();
        String token = jdbc.sql("select token from setup_token where id = 1").query(String.class).single();
        SoftAssertions softly = new SoftAssertions();
        for (Api caller : List.of(fixtures.api(), callers.get("ADMIN"), callers.get("AGENT"))) {
            softly.assertThat(caller.get("/setup").status()).as("no token").isEqualTo(404);
            softly.assertThat(caller.get("/setup?token=guess-" + token).status()).as("a guessed token").isEqualTo(404);
            softly.assertThat(caller.get("/setup?token=" + token).status()).as("the link, with an administrator").isEqualTo(410);
        }
        // a form post without the page's CSRF token is refused before anything is looked at
        softly.assertThat(fixtures.api().header("Content-Type", "application/x-www-form-urlencoded")
                .send("POST", "/setup?token=" + token, null).status()).isEqualTo(403);
        softly.assertAll();
    }

    @Test
    void everyPageSendsAnAnonymousVisitorToSignIn() {
        SoftAssertions softly = new SoftAssertions();
        Endpoints.all(context).stream()
                .filter(e -> !Endpoints.path(e).startsWith("/api/"))
                .filter(e -> PUBLIC_PAGES.stream().noneMatch(p -> Endpoints.path(e).startsWith(p)))
                .filter(e -> Endpoints.method(e).equals("GET"))
                .forEach(page -> {
                    Response response = fixtures.api().get(Endpoints.path(page).replaceAll("\\{[^}]+}", "1"));
                    softly.assertThat(response.status()).as(page).isEqualTo(302);
                    softly.assertThat(response.header("Location")).as(page).endsWith("/login");
                });
        softly.assertAll();
    }

    private Response call(Api caller, Row row) {
        String path = row.path().apply(world);
        return caller.send(Endpoints.method(row.endpoint()), path, row.body().apply(world));
    }
}
