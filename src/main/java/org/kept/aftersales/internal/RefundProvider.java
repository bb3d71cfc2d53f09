package org.kept.aftersales.internal;

import java.util.Map;
import java.util.Optional;

/**
 * One payment provider's refund API in its own request shape. Every call carries our refund number as the provider's
 * idempotency key, so a submit repeated after a timeout refunds once at the provider too.
 */
public interface RefundProvider {

    /** The code payments carry ({@code WECHAT}, {@code ALIPAY}, {@code SIMULATED}). */
    String code();

    /** What is refunded: our numbers, the payment's, the amounts. */
    record RefundOrder(String refundNo, String orderNo, String transactionId, long refundMinor, long totalMinor,
                       String currency, String reason) {
    }

    /** Asks for the refund; never throws for the provider's troubles, answers {@link ProviderAnswer#unknown} instead. */
    ProviderAnswer submit(RefundOrder order);

    /** Asks how the refund stands (when neither an answer nor a notification settled it). */
    ProviderAnswer query(RefundOrder order);

    /**
     * Reads a notification after verifying its signature: empty when it is not genuine. Headers are lower-case.
     */
    Optional<ProviderAnswer> notification(Map<String, String> headers, String body);

    /** What the provider wants to hear back when a notification was taken (or refused). */
    default String acknowledge(boolean taken) {
        return taken ? "{\"code\":\"SUCCESS\"}" : "{\"code\":\"FAIL\",\"message\":\"verification failed\"}";
    }
}
