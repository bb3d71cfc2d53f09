package org.kept.aftersales.internal;

import java.time.Instant;
import java.util.List;

/** An after-sales case: a ticket (when there is one) tied to an order and some of its lines. */
public record AftersalesCase(long id, Long ticketId, Long orderId, String orderNo, Kind kind, State state, String reason,
                             String duplicateTxn, Instant returnReceivedAt, Instant refundDueAt, Long createdBy,
                             Instant createdAt, int version, List<Long> lineIds) {

    public enum Kind { RETURN, EXCHANGE, REFUND_ONLY, REPAIR, DUPLICATE_ORDER }

    public enum State {
        OPEN,
        /** The returned goods arrived: the refund is due within seven days. */
        RETURN_RECEIVED,
        CLOSED
    }

    /** A refund due and not made by now. */
    public boolean overdue(Instant now, boolean refunded) {
        return refundDueAt != null && !refunded && now.isAfter(refundDueAt);
    }
}
