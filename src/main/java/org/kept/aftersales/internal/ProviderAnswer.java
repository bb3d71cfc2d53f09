package org.kept.aftersales.internal;

/**
 * What a payment provider said about one refund, in our terms: the state it implies (null when it said nothing
 * conclusive, e.g. a timeout or a 5xx, so the refund stays where it was and is asked again), its own refund id, and
 * words for people.
 */
public record ProviderAnswer(String refundNo, RefundState state, String providerRefundId, String detail) {

    public static ProviderAnswer unknown(String refundNo, String detail) {
        return new ProviderAnswer(refundNo, null, null, detail);
    }
}
