package org.kept.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.kept.contact.Direction;
import org.kept.customer.Customer;
import org.kept.phone.CallHistory;
import org.kept.phone.HistoricCall;
import org.kept.shared.CentreZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo centre's past five weeks of hotline calls (about 1,500 on a weekday, on {@link DemoCurve}), with abandoned
 * calls that grow at the peaks. Written after Kept is ready, in the background, through the phone module's history
 * import: the people and tickets are there to sign in and work with, the call records follow within seconds.
 */
@Component
class DemoCalls {

    private static final Logger log = LoggerFactory.getLogger(DemoCalls.class);
    /** The PBX the demo's past calls came from. */
    static final String INTEGRATION = "demo-history";
    static final int WEEKS = 5;
    /** Calls on a normal weekday. */
    static final int WEEKDAY = 1500;

    private final CallHistory history;
    private final Clock clock;
    private final CentreZone zone;
    private volatile CompletableFuture<Integer> written = CompletableFuture.completedFuture(0);

    DemoCalls(CallHistory history, Clock clock, CentreZone zone) {
        this.history = history;
        this.clock = clock;
        this.zone = zone;
    }

    /** How many calls the background seeding wrote, once it finished. */
    CompletableFuture<Integer> written() {
        return written;
    }

    /** Starts writing the history on its own thread. */
    void seedInBackground(Map<String, Long> users, List<Customer> register) {
        written = CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            List<HistoricCall> calls = generate(users, register);
            log.info("Demo call history: writing {} calls in the background; Kept is ready meanwhile", calls.size());
            int n = history.importRecords(INTEGRATION, calls);
            log.info("Demo call history: {} calls over {} weeks written in {} ms", n, WEEKS,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return n;
        }, runnable -> {
            Thread thread = new Thread(runnable, "demo-calls");
            thread.setDaemon(true);
            thread.start();
        });
        written.exceptionally(e -> {
            log.warn("Demo call history could not be written", e);
            return 0;
        });
    }

    List<HistoricCall> generate(Map<String, Long> users, List<Customer> register) {
        Random random = new Random(20261203);
        Instant now = clock.instant();
        DemoCurve curve = DemoCurve.of(now, zone.zone());
        List<String> agents = users.keySet().stream().filter(u -> u.startsWith("agent") || "outsourced".equals(u)).sorted().toList();
        LocalDate today = LocalDate.ofInstant(now, zone.zone());
        List<HistoricCall> out = new ArrayList<>();
        for (LocalDate day = today.minusWeeks(WEEKS); !day.isAfter(today); day = day.plusDays(1)) {
            double dayLoad = curve.day(day);
            for (int hour = 0; hour < 24; hour++) {
                Instant from = day.atTime(hour, 0).atZone(zone.zone()).toInstant();
                if (!from.plusSeconds(3600).isBefore(now)) {
                    break;
                }
                double expected = WEEKDAY * dayLoad * DemoCurve.HOURS[hour] / DemoCurve.HOUR_SUM;
                int n = (int) Math.round(expected * (0.9 + 0.2 * random.nextDouble()));
                // busier hours wait longer and lose more callers
                double busy = curve.at(from);
                for (int i = 0; i < n; i++) {
                    Instant start = from.plusMillis((long) (random.nextDouble() * 3_600_000));
                    String callId = "hist-" + day + "-" + hour + "-" + i;
                    boolean known = random.nextInt(5) == 0;
                    Customer customer = known ? register.get(random.nextInt(register.size())) : null;
                    String number = known ? customer.phones().get(0)
                            : "+86" + (130 + random.nextInt(60)) + String.format("%08d", random.nextInt(100_000_000));
                    int queue = 5 + (int) (random.nextDouble() * 40 * (1 + 2 * busy));
                    boolean abandoned = random.nextDouble() < 0.03 + 0.08 * busy;
                    if (abandoned) {
                        out.add(new HistoricCall(callId, Direction.INBOUND, number, "+864008008000", known ? customer.id() : null,
                                "hotline", null, null, start, null, start.plusSeconds(queue + 20), 0, 0, "cancel", "caller"));
                        continue;
                    }
                    String agent = agents.get(random.nextInt(agents.size()));
                    int ring = 3 + random.nextInt(8);
                    Instant answered = start.plusSeconds(queue + ring);
                    int hold = random.nextInt(4) == 0 ? random.nextInt(90) : 0;
                    int talk = 60 + (int) (-Math.log(1 - random.nextDouble()) * 220);
                    out.add(new HistoricCall(callId, Direction.INBOUND, number, "+864008008000", known ? customer.id() : null,
                            "hotline", users.get(agent), agent, start, answered, answered.plusSeconds(talk + hold), ring, hold,
                            "normalClearing", random.nextBoolean() ? "caller" : "agent"));
                }
            }
        }
        return out;
    }
}
