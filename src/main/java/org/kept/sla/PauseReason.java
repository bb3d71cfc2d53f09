package org.kept.sla;

/** Why a ticket's clock stands still; the names are the stored values and the timeline's. */
public enum PauseReason {
    /** 等待客户: the centre waits on the customer. */
    WAITING_CUSTOMER,
    /** Resolved or closed, until reopened. */
    RESOLVED
}
