package org.kept.workforce.internal;

/**
 * Erlang A (Palm's M/M/n+M): callers hang up after an exponentially distributed patience. With arrival rate λ,
 * service rate μ, abandonment rate θ = 1/patience and n agents (Mandelbaum &amp; Zeltyn, "The Palm/Erlang-A queue"):
 * <pre>
 *   x = nμ/θ, y = λ/θ, A(x,y) = x·e^y·y^(−x)·γ(x,y)      (γ: lower incomplete gamma function)
 *   P(wait)             = A·B / (1 + (A − 1)·B)            (B: Erlang B with n servers and λ/μ erlangs)
 *   P(abandon | wait)   = 1/(ρA) + 1 − 1/ρ,  ρ = λ/(nμ)
 *   mean wait (all)     = P(abandon) / θ                   (Little: abandonment rate θ·E[queue] = λ·P(abandon))
 * </pre>
 * {@code A(x,y)} is computed from the incomplete gamma series {@code Σ_j y^j / ((x+1)…(x+j))}, whose terms are the
 * stationary queue probabilities relative to "all busy, nobody waiting" (each is the one before times
 * {@code λ/(nμ + jθ)}), summed with a running scale so neither overloaded centres nor very patient callers overflow.
 * <p>
 * The service level counts abandons as failures: the share of callers answered within the target. A caller who finds
 * {@code j} others waiting moves forward at rate {@code nμ + (ahead)·θ} and gives up at rate θ; the chance of reaching
 * an agent in time is computed by uniformisation of that small death process, weighted by the queue a caller finds
 * (PASTA). It tends to Erlang C as patience grows, which the tests check.
 */
public final class ErlangA {

    /** Queue states beyond this weigh less than this share of the waiting mass and are dropped. */
    private static final double NEGLIGIBLE = 1e-17;
    private static final int MAX_STATES = 2_000_000;
    /** Beyond this many state updates the answer would take seconds: refused rather than computed. */
    private static final long MAX_WORK = 200_000_000L;

    private ErlangA() {
    }

    /**
     * @param arrivalRate callers per second (λ)
     * @param aht         mean handle time in seconds (1/μ)
     * @param patience    mean patience in seconds (1/θ)
     * @param servers     agents (n ≥ 1)
     * @param target      target answer time in seconds
     */
    public static Performance evaluate(double arrivalRate, double aht, double patience, int servers, double target) {
        if (arrivalRate <= 0) {
            return new Performance(0.0, 0.0, 1.0, 0.0, 0.0);
        }
        double mu = 1 / aht;
        double theta = 1 / patience;
        double traffic = arrivalRate * aht;
        double b = ErlangC.erlangB(servers, traffic);
        QueueWeights queue = QueueWeights.of(arrivalRate, servers * mu, theta);
        double wait = b == 0 ? 0.0 : 1 / (1 + Math.exp(Math.log1p(-b) - Math.log(b) - queue.logSum()));
        double rho = arrivalRate / (servers * mu);
        double abandonGivenWait = Math.exp(-queue.logSum()) / rho + 1 - 1 / rho;
        double abandon = ErlangC.clamp(wait * ErlangC.clamp(abandonGivenWait));
        double servedInTime = wait == 0 ? 0.0 : queue.servedWithin(target);
        double serviceLevel = ErlangC.clamp(1 - wait + wait * servedInTime);
        double meanWait = abandon * patience;
        double occupancy = Math.min(1.0, traffic * (1 - abandon) / servers);
        return new Performance(ErlangC.clamp(wait), abandon, serviceLevel, meanWait, occupancy);
    }

    /** {@code A(x, y) = x·e^y·y^(−x)·γ(x, y)} for {@code x = nμ/θ, y = λ/θ}, as a natural logarithm. */
    public static double logA(double arrivalRate, double serviceCapacity, double theta) {
        return QueueWeights.of(arrivalRate, serviceCapacity, theta).logSum();
    }

    /**
     * Relative stationary probabilities of j = 0, 1, 2 … callers waiting while every agent is busy:
     * {@code w_0 = 1, w_j = w_(j−1)·λ/(nμ + jθ)}, kept as {@code w_j = scaled[j]·e^logScale}.
     */
    private record QueueWeights(double arrivalRate, double serviceCapacity, double theta, double[] scaled,
                                double logScale, double logSum) {

        static QueueWeights of(double lambda, double capacity, double theta) {
            double[] w = new double[1024];
            w[0] = 1.0;
            double logScale = 0.0;
            double sum = 1.0;
            int j = 0;
            while (true) {
                double ratio = lambda / (capacity + (j + 1) * theta);
                double nextW = w[j] * ratio;
                // past the peak and negligible: the rest is a tail shrinking faster than geometrically
                if (ratio < 1 && nextW < NEGLIGIBLE * sum) {
                    break;
                }
                if (j + 1 >= MAX_STATES) {
                    throw new TooLarge();
                }
                j++;
                if (j == w.length) {
                    w = java.util.Arrays.copyOf(w, w.length * 2);
                }
                w[j] = nextW;
                sum += nextW;
                if (sum > 1e250) {
                    double shrink = 1e-250;
                    for (int i = 0; i <= j; i++) {
                        w[i] *= shrink;
                    }
                    sum *= shrink;
                    logScale += Math.log(1e250);
                }
            }
            return new QueueWeights(lambda, capacity, theta, java.util.Arrays.copyOf(w, j + 1), logScale,
                    logScale + Math.log(sum));
        }

        /**
         * Share of waiting callers answered within {@code target} seconds. A caller with {@code m − 1} others ahead
         * (state m) moves to m − 1 at rate {@code nμ + (m−1)θ} (state 0 = answered) and abandons at rate θ.
         */
        double servedWithin(double target) {
            if (target <= 0) {
                return 0.0;
            }
            int states = reachable(target);
            double total = 0;
            double[] p = new double[states + 1];
            for (int m = 1; m <= states; m++) {
                p[m] = scaled[m - 1];
            }
            for (double v : scaled) {
                total += v;
            }
            for (int m = 1; m <= states; m++) {
                p[m] /= total;
            }
            double rate = serviceCapacity + states * theta;
            double lt = rate * target;
            double estimate = Math.ceil(lt + 12 * Math.sqrt(lt) + 30);
            if (estimate * states > MAX_WORK) {
                throw new TooLarge();
            }
            int steps = (int) estimate;
            double logPoisson = -lt;
            double served = 0.0;
            double answered = 0.0;
            for (int k = 0; k <= steps; k++) {
                if (k > 0) {
                    logPoisson += Math.log(lt) - Math.log(k);
                    // one uniformised step: move forward, abandon, or stay
                    answered += p[1] * serviceCapacity / rate;
                    for (int m = 1; m < states; m++) {
                        p[m] = p[m] * (1 - (serviceCapacity + m * theta) / rate) + p[m + 1] * (serviceCapacity + m * theta) / rate;
                    }
                    p[states] = p[states] * (1 - (serviceCapacity + states * theta) / rate);
                }
                served += Math.exp(logPoisson) * answered;
            }
            // mass of the Poisson tail beyond the last step is below e^-70: every state reached is counted
            return Math.min(1.0, served);
        }

        /** Deeper than this, a caller cannot reach an agent within the target (with more than 10σ to spare). */
        private int reachable(double target) {
            int all = scaled.length;
            if (theta * target >= 0.5) {
                return all;
            }
            double base = serviceCapacity * target;
            double cut = 2 * base + 40 * Math.sqrt(2 * base + 100) + 100;
            return (int) Math.min(all, Math.ceil(cut));
        }
    }

    /** The queue is too long (overloaded, very patient callers) or the target too long to compute in good time. */
    public static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("Erlang A input too large", null, false, false);
        }
    }

    /** Probabilities of waiting and of abandoning, service level (abandons fail), mean wait of all callers, occupancy. */
    public record Performance(double probabilityOfWaiting, double probabilityOfAbandon, double serviceLevel,
                              double asaSeconds, double occupancy) {
    }
}
