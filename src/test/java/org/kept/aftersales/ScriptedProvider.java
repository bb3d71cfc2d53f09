package org.kept.aftersales;

import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.kept.aftersales.internal.ProviderAnswer;
import org.kept.aftersales.internal.RefundProvider;
import org.kept.aftersales.internal.RefundState;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A payment provider whose next answers a test chooses, which keeps a provider's promise: one refund number moves
 * money once ("同一退款单号多次请求只退一笔"). It counts what moved, so a test can see a refund never moved twice.
 */
public class ScriptedProvider implements RefundProvider {

    public enum Next {
        /** Accepts: money moves, PROCESSING. */
        ACCEPT,
        /** Money moves, then the answer is lost (a timeout). */
        LOST_ANSWER,
        /** A 500 before anything moved. */
        ERROR,
        /** Refuses the refund (e.g. the trade is too old). */
        REFUSE
    }

    public final Queue<Next> script = new ConcurrentLinkedQueue<>();
    public final Map<String, Long> moved = new ConcurrentHashMap<>();
    public final Map<String, AtomicInteger> movements = new ConcurrentHashMap<>();
    public final AtomicInteger submits = new AtomicInteger();
    public final AtomicInteger queries = new AtomicInteger();

    @Override
    public String code() {
        return "SCRIPTED";
    }

    @Override
    public ProviderAnswer submit(RefundOrder order) {
        submits.incrementAndGet();
        Next next = script.poll();
        if (next == null) {
            next = Next.ACCEPT;
        }
        switch (next) {
            case ERROR:
                return ProviderAnswer.unknown(order.refundNo(), "HTTP 500");
            case REFUSE:
                if (moved.containsKey(order.refundNo())) {
                    return new ProviderAnswer(order.refundNo(), RefundState.PROCESSING, "P" + order.refundNo(), null);
                }
                return new ProviderAnswer(order.refundNo(), RefundState.FAILED, null, "TRADE_TOO_OLD");
            default:
                moved.computeIfAbsent(order.refundNo(), n -> {
                    movements.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
                    return order.refundMinor();
                });
                return next == Next.LOST_ANSWER ? ProviderAnswer.unknown(order.refundNo(), "timeout")
                        : new ProviderAnswer(order.refundNo(), RefundState.PROCESSING, "P" + order.refundNo(), null);
        }
    }

    @Override
    public ProviderAnswer query(RefundOrder order) {
        queries.incrementAndGet();
        return moved.containsKey(order.refundNo())
                ? new ProviderAnswer(order.refundNo(), RefundState.SUCCEEDED, "P" + order.refundNo(), "SUCCESS")
                : new ProviderAnswer(order.refundNo(), RefundState.REQUESTED, null, "not found");
    }

    @Override
    public Optional<ProviderAnswer> notification(Map<String, String> headers, String body) {
        return Optional.empty();
    }

    public long movedTotal() {
        return moved.values().stream().mapToLong(Long::longValue).sum();
    }

    public void reset() {
        script.clear();
        submits.set(0);
        queries.set(0);
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        ScriptedProvider scriptedProvider() {
            return new ScriptedProvider();
        }
    }
}
