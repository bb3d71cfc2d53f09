package org.kept.sla.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.kept.shared.DatabaseAway;
import org.kept.shared.DatabaseOutage;
import org.kept.shared.LocalText;
import org.kept.sla.SlaEntry;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acts on warnings, breaches, rule escalations and commitments when they fall due. All its state is in the database
 * (the next_at columns), so it acts on time after a restart; each ticket is leased by compare-and-set on next_at and
 * each action is recorded by a unique row before it is taken, so instances sharing one database act exactly once.
 */
@Component
public class SlaScheduler {

    private static final Logger log = LoggerFactory.getLogger(SlaScheduler.class);

    private final ClockStore clocks;
    private final ClockKeeper keeper;
    private final Escalator escalator;
    private final Tickets tickets;
    private final NotificationStore notifications;
    private final Recipients recipients;
    private final ExpediteStore expedites;
    private final CommitmentDesk commitments;
    private final SystemActor system;
    private final SlaSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean enabled;
    private final java.util.concurrent.ExecutorService workers;
    private final DatabaseOutage outage;

    SlaScheduler(ClockStore clocks, ClockKeeper keeper, Escalator escalator, Tickets tickets, NotificationStore notifications,
                 Recipients recipients, ExpediteStore expedites, CommitmentDesk commitments, SystemActor system,
                 SlaSettings settings, PlatformTransactionManager txManager, Clock clock,
                 @Value("${kept.sla.poller-enabled:true}") boolean enabled,
                 @Value("${kept.sla.workers:4}") int workers, DatabaseOutage outage) {
        this.outage = outage;
        // tickets are leased one by one and each acted on in its own transaction, so several can be worked at once
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.workers = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "sla-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.clocks = clocks;
        this.keeper = keeper;
        this.escalator = escalator;
        this.tickets = tickets;
        this.notifications = notifications;
        this.recipients = recipients;
        this.expedites = expedites;
        this.commitments = commitments;
        this.system = system;
        this.settings = settings;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${kept.sla.poll-interval:PT0.25S}", initialDelayString = "${kept.sla.poll-delay:PT5S}")
    void poll() {
        if (!enabled) {
            return;
        }
        try {
            // a full batch means more may be due: go again at once instead of after the poll interval
            for (int round = 0; round < 50 && pass(clock.instant(), null).due() == settings.batch; round++) {
                log.debug("SLA batch full; polling again");
            }
        } catch (RuntimeException e) {
            failed(e, "SLA poll failed; it runs again shortly");
        }
    }

    /** Acts on everything due at {@code now}; returns the number of actions taken. */
    public int runDue(Instant now) {
        return runDue(now, null);
    }

    /** Like {@link #runDue(Instant)}, limited to these tickets (tests sharing a database use it). */
    public int runDue(Instant now, Collection<Long> onlyTickets) {
        return pass(now, onlyTickets).acted();
    }

    /** One pass: how many tickets were due (up to a batch) and how many actions were taken. */
    private record Pass(int due, int acted) {
    }

    private Pass pass(Instant now, Collection<Long> onlyTickets) {
        List<ClockStore.Due> due = clocks.due(now, settings.batch, onlyTickets);
        List<java.util.concurrent.Future<Integer>> work = new java.util.ArrayList<>();
        for (ClockStore.Due d : due) {
            work.add(workers.submit(() -> leaseAndAct(d, now)));
        }
        int acted = 0;
        for (java.util.concurrent.Future<Integer> f : work) {
            try {
                acted += f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("SLA work failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Pass(due.size(), acted);
            }
        }
        return new Pass(due.size(), acted + commitments.runDue(now, onlyTickets));
    }

    private int leaseAndAct(ClockStore.Due due, Instant now) {
        Boolean mine = tx.execute(s -> clocks.lease(due, now.plus(settings.lease)));
        if (!Boolean.TRUE.equals(mine)) {
            return 0;
        }
        try {
            return tx.execute(s -> act(due.ticketId(), now));
        } catch (RuntimeException e) {
            // the lease runs out and this ticket comes round again
            failed(e, "SLA action on ticket " + due.ticketId() + " failed; retried after the lease");
            return 0;
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    private int act(long ticketId, Instant now) {
        int acted = 0;
        TicketClock c = clocks.find(ticketId).orElseThrow();
        TicketView t = tickets.get(ticketId);
        PendingRule rule = c.rulePending();
        if (rule != null) {
            boolean moved = false;
            if (t.state().isActive() && clocks.takeRule(ticketId, rule)) {
                int from = c.escalationLevel();
                moved = escalator.functional(t, from, rule.level(),
                        LocalText.of("sla.reason.rule", rule.reason()).stored(), null, system.get()) > from;
                acted++;
            }
            // the escalation moved the ticket and saved its clock, or another instance took the rule: as they are now
            c = clocks.find(ticketId).orElseThrow();
            if (moved && c.nextAt() != null && c.nextAt().isAfter(now)) {
                // the move planned the clock in this transaction, from the moved ticket, and nothing falls due before
                // its next action: planning it again would read the customer, pauses and actions for the same answer
                return acted;
            }
            t = tickets.get(ticketId);
        }
        boolean performed = false;
        ClockKeeper.Reading reading = keeper.read(c, t);
        for (DeadlineMath.Action a : reading.due(now)) {
            if (!clocks.claimEvent(ticketId, a.clock(), a.kind(), a.deadline(), now)) {
                continue;
            }
            perform(ticketId, a, now);
            acted++;
            performed = true;
        }
        if (performed) {
            keeper.recompute(ticketId);
        } else {
            // nothing changed since the clock and the ticket were read in this transaction: no need to read them again
            keeper.recompute(c, t, now, reading);
        }
        return acted;
    }

    private void perform(long ticketId, DeadlineMath.Action a, Instant now) {
        TicketView t = tickets.get(ticketId);
        if (a.kind().equals(DeadlineMath.WARNING)) {
            tickets.annotate(ticketId, new SlaEntry.Deadline(a.clock(), a.deadline(), false), system.get());
            notifications.send(recipients.holderOf(t), "SLA_WARNING", ticketId, LocalText.of("sla.note.dueSoon",
                    t.number(), LocalText.of("sla.clock." + a.clock()), a.deadline()));
            return;
        }
        tickets.annotate(ticketId, new SlaEntry.Deadline(a.clock(), a.deadline(), true), system.get());
        String reason = LocalText.of("sla.reason.breach", LocalText.of("sla.clock." + a.clock()),
                a.deadline()).stored();
        if (a.clock().equals(DeadlineMath.RESOLUTION)) {
            expedites.missed(ticketId, now);
            escalator.functional(ticketId, Escalator.AGENT, reason, null, system.get());
        } else {
            escalator.hierarchical(ticketId, reason, system.get());
        }
    }

    /** A database that is away is the outage's one log line (the poll runs four times a second); anything else in full. */
    private void failed(RuntimeException e, String what) {
        if (DatabaseAway.is(e)) {
            outage.noticed(e);
        } else {
            log.warn(what, e);
        }
    }
}
