package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.kept.workforce.internal.ErlangA;
import org.kept.workforce.internal.ErlangC;
import org.kept.workforce.internal.Staffing;

/** Erlang C and Erlang A against exact values computed independently here, published values and limits. */
class ErlangTest {

    private static final MathContext MC = new MathContext(60);

    /** Exact Erlang C from its textbook definition, with factorials, in 60-digit decimals. */
    static double exactErlangC(int n, double traffic) {
        BigDecimal a = BigDecimal.valueOf(traffic);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < n; k++) {
            sum = sum.add(term);
            term = term.multiply(a).divide(BigDecimal.valueOf(k + 1), MC);
        }
        BigDecimal last = term.multiply(BigDecimal.valueOf(n)).divide(BigDecimal.valueOf(n).subtract(a), MC);
        return last.divide(sum.add(last), MC).doubleValue();
    }

    /** Exact Erlang B likewise. */
    static double exactErlangB(int n, double traffic) {
        BigDecimal a = BigDecimal.valueOf(traffic);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int k = 1; k <= n; k++) {
            term = term.multiply(a).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term);
        }
        return term.divide(sum, MC).doubleValue();
    }

    @Test
    void erlangBAndCMatchTheExactFormulas() {
        for (double traffic : new double[] {0.5, 2.0, 10.0, 37.3, 80.0}) {
            for (int n = (int) Math.floor(traffic) + 1; n < traffic + 40; n++) {
                assertThat(ErlangC.erlangB(n, traffic)).isCloseTo(exactErlangB(n, traffic), within(1e-12));
                double c = ErlangC.evaluate(n, traffic, 180, 20).probabilityOfWaiting();
                assertThat(c).isCloseTo(exactErlangC(n, traffic), within(1e-12));
            }
        }
    }

    @Test
    void publishedValues() {
        // the classic table value: 10 erlangs on 11 agents wait with probability 0.6821
        assertThat(ErlangC.evaluate(11, 10, 180, 20).probabilityOfWaiting()).isCloseTo(0.6821, within(1e-4));
        // the worked example: 100 calls in 30 minutes, 180 s, 80 % in 20 s
        Staffing.Answer answer = Staffing.required(new Staffing.Load(100, 1800, 180, 20, 1), 0.8, null, 0.3);
        assertThat(answer.agents()).isEqualTo(14);
        assertThat(answer.performance().serviceLevel()).isCloseTo(0.8884, within(1e-4));
        assertThat(answer.performance().asaSeconds()).isCloseTo(7.836, within(1e-3));
        assertThat(answer.grossAgents()).isEqualTo(20);
    }

    @Test
    void occupancyCapAndChatConcurrency() {
        // 95 erlangs: the service level alone needs few agents above the load; an 85 % occupancy cap needs 112
        Staffing.Answer capped = Staffing.required(new Staffing.Load(950, 1800, 180, 20, 1), 0.8, 0.85, 0);
        assertThat(capped.agents()).isEqualTo(112);
        assertThat(capped.performance().occupancy()).isLessThanOrEqualTo(0.85);
        // three chats at once: servers are chats, agents are a third of them, rounded up
        Staffing.Answer chat = Staffing.required(new Staffing.Load(300, 1800, 540, 60, 3), 0.8, null, 0);
        Staffing.Answer asServers = Staffing.required(new Staffing.Load(300, 1800, 540, 60, 1), 0.8, null, 0);
        assertThat(chat.agents()).isEqualTo((asServers.agents() + 2) / 3);
    }

    @Test
    void thousandsOfAgentsStayFinite() {
        double traffic = 4900;
        ErlangC.Performance p = ErlangC.evaluate(5000, traffic, 180, 20);
        // independent check: Erlang B from log-sum-exp of the Poisson terms
        double logTerm = 0;
        double max = 0;
        double[] logs = new double[5001];
        for (int k = 1; k <= 5000; k++) {
            logTerm += Math.log(traffic) - Math.log(k);
            logs[k] = logTerm;
            max = Math.max(max, logTerm);
        }
        double sum = 0;
        for (double l : logs) {
            sum += Math.exp(l - max);
        }
        double b = Math.exp(logs[5000] - max) / sum;
        assertThat(ErlangC.erlangB(5000, traffic)).isCloseTo(b, within(1e-12));
        assertThat(p.probabilityOfWaiting()).isBetween(0.0, 1.0);
        assertThat(p.serviceLevel()).isBetween(0.0, 1.0);
        Staffing.Answer big = Staffing.required(new Staffing.Load(50_000, 1800, 180, 20, 1), 0.8, null, 0.3);
        assertThat(big.agents()).isBetween(5001, 5100);
        assertThat(Double.isFinite(big.performance().asaSeconds())).isTrue();
    }

    @Test
    void erlangATendsToErlangCAsPatienceGrows() {
        double lambda = 100.0 / 1800;
        ErlangC.Performance c = ErlangC.evaluate(14, 10, 180, 20);
        ErlangA.Performance a = ErlangA.evaluate(lambda, 180, 1e9, 14, 20);
        assertThat(a.probabilityOfWaiting()).isCloseTo(c.probabilityOfWaiting(), within(1e-5));
        assertThat(a.serviceLevel()).isCloseTo(c.serviceLevel(), within(1e-5));
        assertThat(a.asaSeconds()).isCloseTo(c.asaSeconds(), within(1e-3));
        assertThat(a.probabilityOfAbandon()).isLessThan(1e-6);
        // and impatience helps the ones who stay: less waiting than Erlang C, some abandon
        ErlangA.Performance impatient = ErlangA.evaluate(lambda, 180, 60, 14, 20);
        assertThat(impatient.probabilityOfWaiting()).isLessThan(c.probabilityOfWaiting());
        assertThat(impatient.probabilityOfAbandon()).isGreaterThan(0.01);
    }

    @Test
    void aLargeCentreWithVeryPatientCallersIsErlangC() {
        double traffic = 1950;
        ErlangC.Performance c = ErlangC.evaluate(2000, traffic, 180, 20);
        ErlangA.Performance a = ErlangA.evaluate(traffic / 180, 180, 1e9, 2000, 20);
        assertThat(a.probabilityOfWaiting()).isCloseTo(c.probabilityOfWaiting(), within(1e-5));
        assertThat(a.serviceLevel()).isCloseTo(c.serviceLevel(), within(1e-4));
        // and a one-agent centre
        ErlangC.Performance one = ErlangC.evaluate(1, 0.5, 180, 20);
        assertThat(one.probabilityOfWaiting()).isCloseTo(0.5, within(1e-12)); // M/M/1: P(wait) = ρ
        assertThat(ErlangA.evaluate(0.5 / 180, 180, 1e9, 1, 20).serviceLevel()).isCloseTo(one.serviceLevel(), within(1e-5));
    }

    @Test
    void erlangAMatchesTheBirthDeathChainDirectly() {
        double lambda = 2.0 / 60;
        double aht = 240;
        double patience = 120;
        int n = 7;
        // stationary distribution of M/M/n+M by its balance equations, truncated far out
        double[] pi = new double[400];
        pi[0] = 1;
        for (int k = 1; k < pi.length; k++) {
            double death = Math.min(k, n) / aht + Math.max(0, k - n) / patience;
            pi[k] = pi[k - 1] * lambda / death;
        }
        double total = 0;
        for (double v : pi) {
            total += v;
        }
        double waiting = 0;
        double queue = 0;
        for (int k = n; k < pi.length; k++) {
            waiting += pi[k] / total;
            queue += (k - n) * pi[k] / total;
        }
        ErlangA.Performance a = ErlangA.evaluate(lambda, aht, patience, n, 20);
        assertThat(a.probabilityOfWaiting()).isCloseTo(waiting, within(1e-10));
        assertThat(a.probabilityOfAbandon()).isCloseTo(queue / patience / lambda, within(1e-10));
    }

    @Test
    void erlangAServiceLevelMatchesASimulation() {
        double lambda = 1.0 / 10;
        double aht = 60;
        double patience = 45;
        int n = 6;
        double target = 15;
        SplittableRandom random = new SplittableRandom(42);
        PriorityQueue<Double> free = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            free.add(0.0);
        }
        double t = 0;
        int calls = 400_000;
        int inTime = 0;
        int waited = 0;
        int abandoned = 0;
        for (int i = 0; i < calls; i++) {
            t += -Math.log(1 - random.nextDouble()) / lambda;
            double start = Math.max(t, free.peek());
            double wait = start - t;
            double patienceOfCaller = -Math.log(1 - random.nextDouble()) * patience;
            if (wait > 0) {
                waited++;
            }
            if (wait > patienceOfCaller) {
                abandoned++;
                continue;
            }
            free.poll();
            free.add(start + -Math.log(1 - random.nextDouble()) * aht);
            if (wait <= target) {
                inTime++;
            }
        }
        ErlangA.Performance a = ErlangA.evaluate(lambda, aht, patience, n, target);
        assertThat(a.serviceLevel()).isCloseTo((double) inTime / calls, within(0.006));
        assertThat(a.probabilityOfWaiting()).isCloseTo((double) waited / calls, within(0.006));
        assertThat(a.probabilityOfAbandon()).isCloseTo((double) abandoned / calls, within(0.006));
    }

    @Test
    void overloadedCentreWithPatientCallersStaysFinite() {
        ErlangA.Performance a = ErlangA.evaluate(1.0, 180, 3600, 50, 20);
        assertThat(a.probabilityOfWaiting()).isCloseTo(1.0, within(1e-6));
        assertThat(a.probabilityOfAbandon()).isBetween(0.7, 0.75);
        assertThat(Double.isFinite(a.asaSeconds())).isTrue();
        assertThat(a.occupancy()).isLessThanOrEqualTo(1.0);
    }
}
