package org.kept.identity;

/** What a role may do. Roles are sets of these, editable by administrators. */
public enum Permission {
    /** A customer's own portal: submit and follow their own tickets. */
    PORTAL,
    TICKET_READ,
    TICKET_WRITE,
    /** Assign to any team or person, not only to oneself or one's own team. */
    TICKET_ASSIGN_ANY,
    TICKET_MERGE,
    CUSTOMER_READ,
    CUSTOMER_WRITE,
    /** Reveal one masked value with a reason; every reveal is audited. */
    PII_REVEAL,
    /** See personal data unmasked (major-complaints group). */
    PII_VIEW,
    AUDIT_READ,
    USER_ADMIN,
    /** Read reports: of one's own team only, unless the role also has REPORT_ALL_TEAMS (组长 reads the team's). */
    REPORT_READ,
    /** Read reports of every team, the whole centre at once (planners, managers). */
    REPORT_ALL_TEAMS,
    /** Configure business calendars and SLA policies (calendar and sla modules). */
    SLA_ADMIN,
    /** Workforce planning: forecasts, staffing, rosters, publishing, handover oversight (排班). */
    WORKFORCE_PLAN,
    /** Write, edit and roll back knowledge-base articles, scripts, synonyms and change requests (知识库编辑). */
    KNOWLEDGE_WRITE,
    /** Grant compensation, refunds, waivers, coupons and gifts within one's limits; above them, file a request (授权). */
    AUTHORITY_GRANT,
    /** Approve or reject exception requests (特例申请) at one's level of the approval chain. */
    AUTHORITY_APPROVE,
    /** Edit authority limits, action kinds and the approval ladder. */
    AUTHORITY_ADMIN,
    /** Take waiting chats and answer them in the console (在线客服). */
    CHAT_HANDLE,
    /** Say where chats go and when they are staffed (the chat's team and business calendar). */
    CHAT_ADMIN,
    /** Mark an abusive contact, play the warning, end it, ask for a caller restriction (agents, 坐席保护). */
    PROTECTION_FLAG,
    /** Approve or refuse caller restrictions, decide appeals, move an agent to written channels (team leads). */
    PROTECTION_APPROVE,
    /** Export the evidence package of abusive contacts for a police referral; each export is audited (合规). */
    PROTECTION_EVIDENCE,
    /** Routing rules as data: queues, skills per agent, capacity per channel (路由规则). */
    ROUTING_ADMIN,
    /** See a customer's orders, lines, payments, shipments, pickups and after-sales cases (addresses masked without PII_VIEW). */
    ORDER_READ,
    /** Push orders into Kept (the centre's order system, through an API token). */
    ORDER_WRITE,
    /** Open after-sales cases (return, exchange, refund only, repair, duplicate order) and schedule pickups. */
    AFTERSALES_WRITE,
    /** Ask the payment provider for a refund (exactly once, never more than was paid for the line). */
    REFUND_WRITE,
    /** Upload the payment providers' daily bills and read the reconciliation reports. */
    RECONCILE,
    /** Call a ticket's counterparty (driver, seller) through a privacy number (隐私号) without seeing their number. */
    RELAY_CALL,
    /** Restrict a counterparty's account on the platform while a serious case is open, and lift it (平台处置). */
    COUNTERPARTY_RESTRICT,
    /** Review lawful-disclosure requests (警方调证): checklist, callbacks, the queue; issue agencies' links (合规). */
    DISCLOSURE_REVIEW,
    /** Approve or reject a reviewed disclosure request (never one's own review) and release its data (合规负责人). */
    DISCLOSURE_APPROVE,
    /** Edit the disclosure checklist rows and the agencies that may ask, revoke their links. */
    DISCLOSURE_ADMIN,
    /** Edit which ticket priorities count as serious enough for a counterparty restriction (平台处置). */
    RELAY_ADMIN
}
