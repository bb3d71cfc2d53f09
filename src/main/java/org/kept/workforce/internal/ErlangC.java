package org.kept.workforce.internal;

/**
 * Erlang C (M/M/n, callers wait as long as it takes). Everything is derived from the Erlang B recursion
 * {@code B(k) = A·B(k-1) / (k + A·B(k-1))}, which stays between 0 and 1 at every step: no factorials and no powers,
 * so 5,000 agents cost 5,000 multiply-adds and never overflow.
 */
public final class ErlangC {

    private ErlangC() {
    }

    /** Erlang B: the blocking probability of {@code servers} lines offered {@code traffic} erlangs. */
    public static double erlangB(int servers, double traffic) {
        double b = 1.0;
        for (int k = 1; k <= servers; k++) {
            b = next(b, k, traffic);
        }
        return b;
    }

    static double next(double previousB, int k, double traffic) {
        double ab = traffic * previousB;
        return ab / (k + ab);
    }

    /** Probability that a caller waits, from Erlang B: {@code C = n·B / (n − A·(1 − B))}; needs {@code n > A}. */
    static double waitProbability(int servers, double traffic, double b) {
        if (traffic <= 0) {
            return 0.0;
        }
        return servers * b / (servers - traffic * (1 - b));
    }

    /**
     * The performance of {@code servers} servers offered {@code traffic} erlangs with mean handle time {@code aht}
     * seconds and a target answer time {@code target} seconds. The caller checks {@code servers > traffic}.
     */
    public static Performance evaluate(int servers, double traffic, double aht, double target) {
        return evaluate(servers, traffic, aht, target, erlangB(servers, traffic));
    }

    static Performance evaluate(int servers, double traffic, double aht, double target, double b) {
        if (traffic <= 0) {
            return new Performance(1.0, 0.0, 0.0, 0.0);
        }
        double c = waitProbability(servers, traffic, b);
        double spare = servers - traffic;
        double serviceLevel = 1 - c * Math.exp(-spare * target / aht);
        double asa = c * aht / spare;
        return new Performance(clamp(serviceLevel), clamp(c), asa, traffic / servers);
    }

    static double clamp(double p) {
        return Math.max(0.0, Math.min(1.0, p));
    }

    /** Service level (share answered within the target), probability of waiting, ASA in seconds, occupancy. */
    public record Performance(double serviceLevel, double probabilityOfWaiting, double asaSeconds, double occupancy) {
    }
}
