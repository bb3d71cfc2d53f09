package org.kept.workforce.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.kept.shared.KeptException;

/**
 * Agents needed for a service-level target. Chat concurrency is modelled as more servers, not shorter handling:
 * an agent who handles {@code k} chats at once is {@code k} servers, each chat keeps its own (longer, interleaved)
 * handle time, and the agents needed are {@code ceil(servers / k)}. Dividing the handle time by {@code k} instead
 * would pretend one chat finishes k times faster and understate waiting when chats queue.
 */
public final class Staffing {

    /** Searches never go further than this many servers past the offered load. */
    private static final int SEARCH_HEADROOM = 100_000;

    private Staffing() {
    }

    /**
     * The fewest agents meeting the service level and, if given, the maximum occupancy.
     *
     * @param maxOccupancy null or in (0, 1]
     */
    public static Answer required(Load load, double serviceLevel, Double maxOccupancy, double shrinkage) {
        double traffic = load.traffic();
        if (traffic == 0) {
            return new Answer(0, new ErlangC.Performance(1.0, 0.0, 0.0, 0.0), 0);
        }
        int servers = (int) Math.floor(traffic) + 1;
        double b = ErlangC.erlangB(servers, traffic);
        int limit = servers + SEARCH_HEADROOM;
        while (servers <= limit) {
            ErlangC.Performance p = ErlangC.evaluate(servers, traffic, load.ahtSeconds(), load.targetSeconds(), b);
            boolean occupancyOk = maxOccupancy == null || p.occupancy() <= maxOccupancy + 1e-12;
            if (p.serviceLevel() >= serviceLevel - 1e-12 && occupancyOk && servers % load.concurrency() == 0) {
                int agents = servers / load.concurrency();
                return new Answer(agents, p, gross(agents, shrinkage));
            }
            servers++;
            b = ErlangC.next(b, servers, traffic);
        }
        throw KeptException.invalid("workforce.unreachable");
    }

    /** How {@code agents} agents (each taking {@code concurrency} contacts at once) perform. */
    public static Answer evaluate(Load load, int agents, double shrinkage) {
        long servers = (long) agents * load.concurrency();
        if (load.traffic() == 0) {
            return new Answer(agents, new ErlangC.Performance(1.0, 0.0, 0.0, 0.0), gross(agents, shrinkage));
        }
        if (servers <= load.traffic() || servers > Integer.MAX_VALUE) {
            throw KeptException.invalid("workforce.unstable", agents, load.traffic());
        }
        ErlangC.Performance p = ErlangC.evaluate((int) servers, load.traffic(), load.ahtSeconds(), load.targetSeconds());
        return new Answer(agents, p, gross(agents, shrinkage));
    }

    /** Staff to schedule so that {@code agents} are available after shrinkage (breaks, training, leave): ceil(n/(1−s)). */
    public static int gross(int agents, double shrinkage) {
        BigDecimal available = BigDecimal.ONE.subtract(BigDecimal.valueOf(shrinkage));
        return BigDecimal.valueOf(agents).divide(available, 0, RoundingMode.CEILING).intValueExact();
    }

    /** Contacts offered in an interval and how they are handled. */
    public record Load(double calls, double intervalSeconds, double ahtSeconds, double targetSeconds, int concurrency) {

        /** Offered load in erlangs: calls × handle time / interval. */
        public double traffic() {
            return calls * ahtSeconds / intervalSeconds;
        }
    }

    /** Net agents, their performance and the gross staff after shrinkage. */
    public record Answer(int agents, ErlangC.Performance performance, int grossAgents) {
    }
}
