package org.kept.aftersales.internal;

import java.util.List;
import java.util.Optional;
import org.kept.aftersales.Orders;
import org.springframework.stereotype.Service;

/** The public face of {@link OrderDesk} for other modules: the same look-ups, as plain facts. */
@Service
class OrderLookup implements Orders {

    private final OrderDesk desk;

    OrderLookup(OrderDesk desk) {
        this.desk = desk;
    }

    @Override
    public Optional<OrderFacts> byNumber(String orderNo) {
        return desk.byNumber(orderNo).map(OrderLookup::facts);
    }

    @Override
    public List<OrderFacts> ofCustomer(long customerId) {
        return desk.ofCustomer(customerId).stream().map(OrderLookup::facts).toList();
    }

    private static OrderFacts facts(OrderView o) {
        return new OrderFacts(o.orderNo(), o.customerId(), o.placedAt(), o.total() == null ? null : o.total().toString(),
                o.receiverName(), o.receiverPhone(), o.receiverAddress(),
                o.lines().stream().map(l -> l.title() + " ×" + l.quantity() + " " + l.paid()).toList(),
                o.payments().stream().map(p -> p.provider() + " " + p.transactionId() + " " + p.amount()).toList());
    }
}
