package org.kept.relay.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One privacy-number provider's AXB API in its own request shape: bind A and B behind an X number, unbind, and read
 * its call reports. Our ticket id travels as the provider's out id / user data; a report finds its binding by the
 * provider's subscription id.
 */
interface NumberProvider {

    /** SIMULATED, ALIYUN, HUAWEI. */
    String code();

    /** What to bind: A, B (E.164), until when, recording on, the longest call, our ids. */
    record BindOrder(long ticketId, String phoneA, String phoneB, Instant expiresAt, boolean recording,
                     int maxCallMinutes) {
    }

    /** The provider's subscription id and the X number it gave; {@code poolKey} where the provider has pools. */
    record Bound(String subsId, String secretNo, String poolKey) {
    }

    /** Binds, or throws {@link ProviderRefused} with the provider's words. */
    Bound bind(BindOrder order);

    /** Releases the binding; true when it is gone (also when the provider no longer knew it), false to try again later. */
    boolean unbind(String subsId, String secretNo, String poolKey);

    /** One call as the provider reported it; {@code direction} A_TO_B, B_TO_A or BLOCKED. */
    record CallReport(String callId, String subsId, String secretNo, String direction, Instant started, Instant answered,
                      Instant ended, String releaseCause, String recordUrl) {
    }

    /** The calls in a push, empty when it is not for us (wrong pool or app key); headers are lower-case. */
    Optional<List<CallReport>> reports(Map<String, String> headers, String body);

    /** What the provider wants to hear back when a push was taken. */
    default String acknowledge() {
        return "";
    }

    /** The provider said no (or did not answer): nothing was bound. */
    final class ProviderRefused extends RuntimeException {
        ProviderRefused(String message) {
            super(message);
        }
    }
}
