package org.kept.aftersales;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Orders as other modules may read them (a disclosure package, for one): Kept's copy, unmasked; mask at the edge. */
public interface Orders {

    Optional<OrderFacts> byNumber(String orderNo);

    /** The customer's latest orders. */
    List<OrderFacts> ofCustomer(long customerId);

    /** One order's facts: lines as "title ×quantity paid", payments as "provider transaction amount". */
    record OrderFacts(String orderNo, Long customerId, Instant placedAt, String total, String receiverName,
                      String receiverPhone, String receiverAddress, List<String> lines, List<String> payments) {
    }
}
