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
    /** See a customer's orders, lines, payments, shipments, pickups and after-sales cases (addresses masked without PII_VIEW). */
    ORDER_READ,
    /** Push orders into Kept (the centre's order system, through an API token). */
    ORDER_WRITE,
    /** Open after-sales cases (return, exchange, refund only, repair, duplicate order) and schedule pickups. */
    AFTERSALES_WRITE,
    /** Ask the payment provider for a refund (exactly once, never more than was paid for the line). */
    REFUND_WRITE,
    /** Upload the payment providers' daily bills and read the reconciliation reports. */
    RECONCILE
}
