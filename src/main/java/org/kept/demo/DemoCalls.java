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
import org.kept.callback.CallbackHistory;
import org.kept.callback.Callbacks;
import org.kept.contact.Direction;
import org.kept.customer.Customer;
import org.kept.phone.CallHistory;
import org.kept.phone.HistoricCall;
import org.kept.shared.CentreZone;
import org.kept.survey.SurveyHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo centre's past five weeks of hotline calls (about 1,500 on a weekday, on {@link DemoCurve}), with abandoned
 * calls that grow at the peaks. Written after Kept is ready, in the background, through the phone module's history
 * import: the people and tickets are there to sign in and work with, the call records follow within seconds. Then,
 * on the same thread, what followed them: a callback task for each abandoned call (reached, no answer and tried
 * again, asked to call again later, now and then a wrong number; the last day's still open) through the callback
 * module's history import, and the resolved tickets' survey answers (with the callbacks an answer 3 or 4 asks for)
 * through the survey module's.
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
    private final CallbackHistory callbacks;
    private final SurveyHistory surveys;
    private final Clock clock;
    private final CentreZone zone;
    private volatile CompletableFuture<Integer> written = CompletableFuture.completedFuture(0);
    private volatile CompletableFuture<int[]> followUps = CompletableFuture.completedFuture(new int[2]);

    DemoCalls(CallHistory history, CallbackHistory callbacks, SurveyHistory surveys, Clock clock, CentreZone zone) {
        this.history = history;
        this.callbacks = callbacks;
        this.surveys = surveys;
        this.clock = clock;
        this.zone = zone;
    }

    /** How many calls the background seeding wrote, once it finished. */
    CompletableFuture<Integer> written() {
        return written;
    }

    /** How many callback tasks and survey answers the background seeding wrote after the calls, once it finished. */
    CompletableFuture<int[]> followUps() {
        return followUps;
    }

    /** Starts writing the history on its own thread: the calls, then the callbacks and survey answers. */
    void seedInBackground(Map<String, Long> users, List<Customer> register, Long hotline,
                          List<SurveyHistory.HistoricSurvey> answered) {
        CompletableFuture<int[]> after = new CompletableFuture<>();
        followUps = after;
        written = CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            List<HistoricCall> calls = generate(users, register);
            log.info("Demo call history: writing {} calls in the background; Kept is ready meanwhile", calls.size());
            int n = history.importRecords(INTEGRATION, calls);
            log.info("Demo call history: {} calls over {} weeks written in {} ms", n, WEEKS,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            try {
                long next = System.nanoTime();
                List<CallbackHistory.HistoricCallback> tasks = callbacks(calls, answered, users, hotline);
                int t = this.callbacks.importHistoric(tasks);
                int s = surveys.importAnswered(answered);
                log.info("Demo follow-ups: {} callback tasks and {} survey answers written in {} ms", t, s,
                        Duration.ofNanos(System.nanoTime() - next).toMillis());
                after.complete(new int[] {t, s});
            } catch (RuntimeException e) {
                after.completeExceptionally(e);
                throw e;
            }
            return n;
        }, runnable -> {
            Thread thread = new Thread(runnable, "demo-calls");
            thread.setDaemon(true);
            thread.start();
        });
        written.exceptionally(e -> {
            log.warn("Demo call history could not be written", e);
            after.completeExceptionally(e);
            return 0;
        });
    }

    /**
     * A callback task for each abandoned call (due half an hour after it), worked by an agent: most reached at the
     * first or second try, some not answering three times (given up), some asking to be called again later, a few
     * wrong numbers; those of the last day still open. Each survey answer 3 or 4 has its callback too.
     */
    List<CallbackHistory.HistoricCallback> callbacks(List<HistoricCall> calls, List<SurveyHistory.HistoricSurvey> answered,
                                                     Map<String, Long> users, Long hotline) {
        Random random = new Random(20261205);
        Instant now = clock.instant();
        List<Long> agents = users.entrySet().stream().filter(u -> u.getKey().startsWith("agent")).map(Map.Entry::getValue)
                .sorted().toList();
        List<CallbackHistory.HistoricCallback> out = new ArrayList<>();
        java.util.Set<String> open = new java.util.HashSet<>();
        for (HistoricCall call : calls) {
            if (call.answeredAt() != null || !"cancel".equals(call.cause())) {
                continue;
            }
            Instant created = call.endedAt();
            long wait = Duration.between(call.startedAt(), call.endedAt()).toSeconds();
            out.add(task(Callbacks.Reason.ABANDONED_CALL, null, call.customerId(), call.number(), hotline, wait, created,
                    created.plus(Duration.ofMinutes(30)), now, agents, random, open));
        }
        for (SurveyHistory.HistoricSurvey s : answered) {
            if (s.answer() >= 3) {
                Callbacks.Reason reason = s.answer() == 4 ? Callbacks.Reason.SURVEY_NOT_SOLVED : Callbacks.Reason.SURVEY_UNHAPPY;
                out.add(task(reason, s.ticketId(), s.customerId(), null, s.teamId(), null, s.answeredAt(),
                        s.answeredAt().plus(Duration.ofHours(4)), now, agents, random, open));
            }
        }
        out.sort(java.util.Comparator.comparing(CallbackHistory.HistoricCallback::createdAt));
        return out;
    }

    private static CallbackHistory.HistoricCallback task(Callbacks.Reason reason, Long ticketId, Long customerId, String number,
                                                          Long team, Long wait, Instant created, Instant due, Instant now,
                                                          List<Long> agents, Random random, java.util.Set<String> open) {
        String key = ticketId != null ? "t" + ticketId : "n" + number;
        if (due.isAfter(now.minus(Duration.ofHours(20))) && open.add(reason + key)) {
            return new CallbackHistory.HistoricCallback(reason, ticketId, customerId, number, team, wait, created, due,
                    "OPEN", null, List.of());  // the last day's: still to be called back
        }
        List<CallbackHistory.Attempt> attempts = new ArrayList<>();
        Instant at = due.minus(Duration.ofMinutes(random.nextInt(25)));
        long agent = agents.get(random.nextInt(agents.size()));
        String state = null;
        for (int seq = 1; seq <= 3 && state == null; seq++) {
            Instant dialled = at.plusSeconds(30 + random.nextInt(600));
            Instant recorded = dialled.plusSeconds(40 + random.nextInt(300));
            if (recorded.isAfter(now)) {
                break;
            }
            int roll = random.nextInt(100);
            if (roll < 62) {
                attempts.add(new CallbackHistory.Attempt(at, agent, dialled, "REACHED", null, null, recorded));
                state = "DONE";
            } else if (roll < 85) {
                attempts.add(new CallbackHistory.Attempt(at, agent, dialled, "NO_ANSWER", null, null, recorded));
                at = recorded.plus(Duration.ofMinutes(60));
                if (seq == 3) {
                    state = "GAVE_UP";
                }
            } else if (roll < 96) {
                Instant again = recorded.plus(Duration.ofHours(2 + random.nextInt(22)));
                attempts.add(new CallbackHistory.Attempt(at, agent, dialled, "CALL_AGAIN", again, "客户在忙，约定稍后回电", recorded));
                at = again;
            } else {
                attempts.add(new CallbackHistory.Attempt(at, agent, dialled, "WRONG_NUMBER", null, null, recorded));
                state = "DONE";
            }
            if (at.isAfter(now)) {
                break;
            }
        }
        if (state == null && open.add(reason + key)) {
            // asked to call again at a time still ahead: the next try is planned
            attempts.add(new CallbackHistory.Attempt(at, agent, null, null, null, null, null));
            return new CallbackHistory.HistoricCallback(reason, ticketId, customerId, number, team, wait, created, at, "OPEN",
                    null, attempts);
        }
        if (state == null) {
            state = "GAVE_UP";
        }
        Instant closed = attempts.isEmpty() ? due : attempts.get(attempts.size() - 1).recordedAt();
        return new CallbackHistory.HistoricCallback(reason, ticketId, customerId, number, team, wait, created, due, state,
                closed.isAfter(now) ? now : closed, attempts);
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
