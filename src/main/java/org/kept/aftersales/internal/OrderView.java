package org.kept.aftersales.internal;

import java.time.Instant;
import java.util.List;
import org.kept.shared.Money;

/** An order as Kept keeps it, unmasked: mask receiver details at the edge for viewers without PII_VIEW. */
public record OrderView(long id, String orderNo, Long customerId, Instant placedAt, Money total, String receiverName,
                        String receiverPhone, String receiverAddress, String source, List<Line> lines,
                        List<Payment> payments, List<Shipment> shipments) {

    public record Line(long id, int lineNo, String sku, String title, String category, int quantity, Money paid,
                       Money refunded, Instant deliveredAt) {
    }

    public record Payment(long id, String provider, String transactionId, Money amount, Instant paidAt) {
    }

    public record Shipment(long id, String carrier, String trackingNo, Instant shippedAt, Instant deliveredAt) {
    }

    public Line line(long lineId) {
        return lines.stream().filter(l -> l.id() == lineId).findFirst()
                .orElseThrow(() -> org.kept.shared.KeptException.notFound("order line", lineId));
    }

    /** When the goods reached the customer: the latest delivery of the order's shipments, or a line's own. */
    public Instant receivedAt(Line line) {
        if (line.deliveredAt() != null) {
            return line.deliveredAt();
        }
        return shipments.stream().map(Shipment::deliveredAt).filter(java.util.Objects::nonNull).max(Instant::compareTo)
                .orElse(null);
    }
}
