package org.kept.aftersales.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kept.aftersales.internal.AftersalesCase;
import org.kept.aftersales.internal.CaseDesk;
import org.kept.aftersales.internal.OrderView;
import org.kept.aftersales.internal.Refund;
import org.kept.aftersales.internal.ReturnWindow;
import org.kept.identity.CurrentUser;
import org.kept.shared.Masking;
import org.kept.shared.Money;

/** JSON shapes of orders, cases and refunds, with the receiver's name, phone and address masked at the edge. */
final class AftersalesJson {

    private AftersalesJson() {
    }

    static Map<String, Object> money(Money m) {
        return m == null ? null : Map.of("amount", m.decimal(), "currency", m.currency());
    }

    static String phone(String phone, CurrentUser me) {
        return phone == null || me.seesPersonalData() ? phone : Masking.phone(phone);
    }

    /** An address shows its city part only: the first six characters, the rest starred. */
    static String address(String address, CurrentUser me) {
        if (address == null || me.seesPersonalData()) {
            return address;
        }
        return address.length() <= 6 ? "****" : address.substring(0, 6) + "****";
    }

    static String name(String name, CurrentUser me) {
        if (name == null || me.seesPersonalData() || name.isEmpty()) {
            return name;
        }
        return name.substring(0, 1) + "*".repeat(Math.max(1, name.length() - 1));
    }

    static Map<String, Object> order(OrderView o, CaseDesk cases, CurrentUser me) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("orderNo", o.orderNo());
        m.put("customerId", o.customerId());
        m.put("placedAt", o.placedAt());
        m.put("total", money(o.total()));
        m.put("receiver", Map.of("name", String.valueOf(name(o.receiverName(), me)),
                "phone", String.valueOf(phone(o.receiverPhone(), me)), "address", String.valueOf(address(o.receiverAddress(), me))));
        m.put("source", o.source());
        m.put("lines", o.lines().stream().map(l -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", l.id());
            line.put("lineNo", l.lineNo());
            line.put("sku", l.sku());
            line.put("title", l.title());
            line.put("category", l.category());
            line.put("quantity", l.quantity());
            line.put("paid", money(l.paid()));
            line.put("refunded", money(l.refunded()));
            line.put("deliveredAt", o.receivedAt(l));
            ReturnWindow w = cases.window(o, l);
            line.put("returnWindow", Map.of("status", w.status(), "closesAt", String.valueOf(w.closesAt()),
                    "lastDay", String.valueOf(w.lastDay(cases.zone()))));
            return line;
        }).toList());
        m.put("payments", o.payments().stream().map(p -> Map.of("id", p.id(), "provider", p.provider(),
                "transactionId", p.transactionId(), "amount", money(p.amount()), "paidAt", p.paidAt())).toList());
        m.put("shipments", o.shipments().stream().map(s -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("carrier", s.carrier());
            x.put("trackingNo", s.trackingNo());
            x.put("shippedAt", s.shippedAt());
            x.put("deliveredAt", s.deliveredAt());
            return x;
        }).toList());
        return m;
    }

    static Map<String, Object> refund(Refund r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("refundNo", r.refundNo());
        m.put("caseId", r.caseId());
        m.put("orderId", r.orderId());
        m.put("lineId", r.lineId());
        m.put("paymentId", r.paymentId());
        m.put("provider", r.provider());
        m.put("amount", money(r.amount()));
        m.put("state", r.state());
        m.put("providerRefundId", r.providerRefundId());
        m.put("failure", r.failure());
        m.put("requestedAt", r.requestedAt());
        m.put("settledAt", r.settledAt());
        m.put("attempts", r.attempts());
        m.put("ticketId", r.ticketId());
        m.put("authorityRequestId", r.authorityRequestId());
        return m;
    }

    static Map<String, Object> aCase(AftersalesCase c, List<Refund> refunds, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("ticketId", c.ticketId());
        m.put("orderId", c.orderId());
        m.put("orderNo", c.orderNo());
        m.put("kind", c.kind());
        m.put("state", c.state());
        m.put("reason", c.reason());
        m.put("lineIds", c.lineIds());
        m.put("returnReceivedAt", c.returnReceivedAt());
        m.put("refundDueAt", c.refundDueAt());
        boolean refunded = refunds.stream().anyMatch(r -> r.state() == org.kept.aftersales.internal.RefundState.SUCCEEDED);
        m.put("refundOverdue", c.overdue(now, refunded));
        m.put("version", c.version());
        m.put("refunds", refunds.stream().map(AftersalesJson::refund).toList());
        return m;
    }
}
