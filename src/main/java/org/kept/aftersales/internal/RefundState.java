package org.kept.aftersales.internal;

/** Where a refund stands: (approved, when above a limit,) asked for, accepted by the provider, and then one of three ends. */
public enum RefundState {
    /**
     * Above the requester's authority limit: an exception request (特例申请) is deciding it; its amount is held, the
     * provider hears of it only once the request is approved (then REQUESTED), never if it is not (then CLOSED).
     */
    AWAITING_APPROVAL,
    /** Our row exists, the provider may not have heard of it yet (a submit is due, with the same refund number). */
    REQUESTED,
    /** The provider accepted it; its notification or our query says how it ended. */
    PROCESSING,
    SUCCEEDED,
    /** The provider refused it: nothing moved, the amount is free for another refund. */
    FAILED,
    /** The provider closed it (e.g. the buyer's account is gone): nothing moved. */
    CLOSED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CLOSED;
    }

    /** Whether the amount stays counted against the line: everything but a refund that moved nothing. */
    public boolean holdsAmount() {
        return this != FAILED && this != CLOSED;
    }
}
