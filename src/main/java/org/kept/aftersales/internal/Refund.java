package org.kept.aftersales.internal;

import java.time.Instant;
import org.kept.shared.KeptException;
import org.kept.shared.Money;

/**
 * A refund: one row made before any provider hears of it, whose refund number is the provider's idempotency key
 * (WeChat Pay {@code out_refund_no}, Alipay {@code out_request_no}). Its transitions are its methods; each refuses an
 * illegal move, so a late or repeated notification cannot take a refund back out of an end state.
 */
public final class Refund {

    private final long id;
    private final String refundNo;
    private final Long caseId;
    private final long orderId;
    private final long lineId;
    private final long paymentId;
    private final String provider;
    private final Money amount;
    private final String reason;
    private RefundState state;
    private String providerRefundId;
    private String failure;
    private final Long requestedBy;
    private final Instant requestedAt;
    private int attempts;
    private Instant settledAt;
    private final int version;
    private final Long ticketId;
    private final Long authorityRequestId;

    Refund(long id, String refundNo, Long caseId, long orderId, long lineId, long paymentId, String provider, Money amount,
           String reason, RefundState state, String providerRefundId, String failure, Long requestedBy,
           Instant requestedAt, int attempts, Instant settledAt, int version, Long ticketId, Long authorityRequestId) {
        this.ticketId = ticketId;
        this.authorityRequestId = authorityRequestId;
        this.id = id;
        this.refundNo = refundNo;
        this.caseId = caseId;
        this.orderId = orderId;
        this.lineId = lineId;
        this.paymentId = paymentId;
        this.provider = provider;
        this.amount = amount;
        this.reason = reason;
        this.state = state;
        this.providerRefundId = providerRefundId;
        this.failure = failure;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
        this.attempts = attempts;
        this.settledAt = settledAt;
        this.version = version;
    }

    /**
     * Applies what the provider said (its answer to a submit or a query, or its notification). Saying the same thing
     * twice changes nothing; an end state never changes; PROCESSING never goes back to REQUESTED.
     *
     * @return whether anything changed
     */
    boolean apply(ProviderAnswer answer, Instant now) {
        if (state == RefundState.AWAITING_APPROVAL) {
            // never submitted: no provider can know this number yet, whatever a message claims
            return false;
        }
        RefundState next = answer.state();
        if (next == null || next == state) {
            if (answer.providerRefundId() != null && providerRefundId == null) {
                providerRefundId = answer.providerRefundId();
                return true;
            }
            return false;
        }
        if (state.isFinal()) {
            if (answer.state().isFinal()) {
                // a provider contradicting an end state is a matter for reconciliation, never a second movement
                throw KeptException.conflict("refund.state.final", refundNo, state, next);
            }
            return false;
        }
        if (next == RefundState.REQUESTED) {
            return false;
        }
        state = next;
        if (answer.providerRefundId() != null) {
            providerRefundId = answer.providerRefundId();
        }
        if (next.isFinal()) {
            settledAt = now;
            if (next != RefundState.SUCCEEDED) {
                failure = answer.detail();
            }
        }
        return true;
    }

    /** The exception request it waited for was approved: it may be submitted now. */
    void approved() {
        if (state != RefundState.AWAITING_APPROVAL) {
            throw KeptException.conflict("refund.notAwaiting", refundNo, state);
        }
        state = RefundState.REQUESTED;
    }

    /** The exception request ended without approval (rejected, withdrawn, expired): nothing moved, nothing will. */
    void refused(String requestState, Instant now) {
        if (state != RefundState.AWAITING_APPROVAL) {
            throw KeptException.conflict("refund.notAwaiting", refundNo, state);
        }
        state = RefundState.CLOSED;
        failure = "authority request " + requestState;
        settledAt = now;
    }

    /** One more submit or query that did not settle anything. */
    void tried(String detail) {
        attempts++;
        if (detail != null) {
            failure = detail.length() > 500 ? detail.substring(0, 500) : detail;
        }
    }

    public long id() { return id; }
    public String refundNo() { return refundNo; }
    public Long caseId() { return caseId; }
    public long orderId() { return orderId; }
    public long lineId() { return lineId; }
    public long paymentId() { return paymentId; }
    public String provider() { return provider; }
    public Money amount() { return amount; }
    public String reason() { return reason; }
    public RefundState state() { return state; }
    public String providerRefundId() { return providerRefundId; }
    public String failure() { return failure; }
    public Long requestedBy() { return requestedBy; }
    public Instant requestedAt() { return requestedAt; }
    public int attempts() { return attempts; }
    public Instant settledAt() { return settledAt; }
    public int version() { return version; }
    /** The ticket it was asked on (its timeline records each move), if any. */
    public Long ticketId() { return ticketId; }
    /** The exception request that decides it, when it was above the requester's limit. */
    public Long authorityRequestId() { return authorityRequestId; }
}
