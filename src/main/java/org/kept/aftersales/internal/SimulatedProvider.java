package org.kept.aftersales.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The demo centre's payment provider, inside Kept: it accepts a refund (PROCESSING), moves the money once per refund
 * number however often it is asked, and reports success when queried, as WeChat Pay does when its notification is
 * lost. Its notifications ({@code {"out_refund_no":..., "status":"SUCCESS"}}) are trusted by the hook token alone.
 */
@Component
public class SimulatedProvider implements RefundProvider {

    private final Map<String, AtomicInteger> moved = new ConcurrentHashMap<>();
    private final Map<String, Long> amounts = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @Override
    public String code() {
        return "SIMULATED";
    }

    @Override
    public ProviderAnswer submit(RefundOrder order) {
        requests.incrementAndGet();
        // "同一退款单号多次请求只退一笔": the first request with a number moves the money, a repeat does not
        amounts.computeIfAbsent(order.refundNo(), n -> {
            moved.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
            return order.refundMinor();
        });
        return new ProviderAnswer(order.refundNo(), RefundState.PROCESSING, "SIM" + order.refundNo(), null);
    }

    @Override
    public ProviderAnswer query(RefundOrder order) {
        if (!amounts.containsKey(order.refundNo())) {
            return new ProviderAnswer(order.refundNo(), RefundState.REQUESTED, null, "not found");
        }
        return new ProviderAnswer(order.refundNo(), RefundState.SUCCEEDED, "SIM" + order.refundNo(), null);
    }

    @Override
    public Optional<ProviderAnswer> notification(Map<String, String> headers, String body) {
        // the fields in any order, as any JSON writer puts them
        var no = java.util.regex.Pattern.compile("\"out_refund_no\"\\s*:\\s*\"([^\"]+)\"").matcher(body == null ? "" : body);
        var status = java.util.regex.Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"").matcher(body == null ? "" : body);
        if (!no.find() || !status.find()) {
            return Optional.empty();
        }
        RefundState state = switch (status.group(1)) {
            case "SUCCESS" -> RefundState.SUCCEEDED;
            case "CLOSED" -> RefundState.CLOSED;
            case "FAILED" -> RefundState.FAILED;
            default -> null;
        };
        return Optional.of(new ProviderAnswer(no.group(1), state, "SIM" + no.group(1), status.group(1)));
    }

    /** How often money moved for this refund number (at most once, whatever happened). */
    public int movements(String refundNo) {
        AtomicInteger n = moved.get(refundNo);
        return n == null ? 0 : n.get();
    }

    /** Refund requests received (submits, repeats included): what a real provider's request log would show. */
    public int requests() {
        return requests.get();
    }

    /** The money moved, across every refund number. */
    public long movedTotal() {
        return amounts.values().stream().mapToLong(Long::longValue).sum();
    }
}
