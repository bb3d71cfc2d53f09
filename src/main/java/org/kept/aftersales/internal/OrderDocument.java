package org.kept.aftersales.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An order as the centre's order system describes it, pushed to {@code POST /api/v1/orders} or answered by its lookup
 * API: amounts are decimals in the order's currency ("12.30"), the customer is Kept's id or a phone number.
 */
public record OrderDocument(@NotBlank @Size(max = 64) String orderNo, Long customerId, @Size(max = 100) String customerPhone,
                            @NotNull OffsetDateTime placedAt, @NotBlank @Size(min = 3, max = 3) String currency,
                            @Valid Receiver receiver, @NotEmpty @Valid List<Line> lines, @Valid List<Payment> payments,
                            @Valid List<Shipment> shipments) {

    public OrderDocument {
        payments = payments == null ? List.of() : List.copyOf(payments);
        shipments = shipments == null ? List.of() : List.copyOf(shipments);
    }

    public record Receiver(@Size(max = 100) String name, @Size(max = 40) String phone, @Size(max = 500) String address) {
    }

    public record Line(@Positive int lineNo, @Size(max = 100) String sku, @NotBlank @Size(max = 300) String title,
                       @Size(max = 60) String category, @Positive int quantity, @NotBlank String paid,
                       OffsetDateTime deliveredAt) {
    }

    public record Payment(@NotBlank @Size(max = 20) String provider, @NotBlank @Size(max = 64) String transactionId,
                          @NotBlank String amount, @NotNull OffsetDateTime paidAt) {
    }

    public record Shipment(@Size(max = 60) String carrier, @Size(max = 64) String trackingNo, OffsetDateTime shippedAt,
                           OffsetDateTime deliveredAt) {
    }
}
