package org.kept.sla.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.kept.customer.CustomerSummary;
import org.kept.customer.Customers;
import org.kept.sla.PauseReason;
import org.kept.sla.SlaClocks;
import org.kept.sla.SlaEntry;
import org.kept.ticket.TicketChange;
import org.kept.ticket.TicketChanged;
import org.kept.ticket.TicketDeadlines;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps each ticket's clock: reacts to every ticket change in the ticket's own transaction (so a ticket is never saved
 * without its deadlines), recomputes the deadlines and the next action time, and serves them to the ticket API.
 */
@Component
public class ClockKeeper implements TicketDeadlines, SlaClocks {

    private final ClockStore clocks;
    private final PolicyStore policies;
    private final CalendarLookup calendars;
    private final Tickets tickets;
    private final Customers customers;
    private final Escalator escalator;
    private final SystemActor system;
    private final ExpediteStore expedites;
    private final Clock clock;
    private final org.kept.ticket.RepeatContacts repeats;

    ClockKeeper(org.kept.ticket.RepeatContacts repeats, ClockStore clocks, PolicyStore policies, CalendarLookup calendars, Tickets tickets, Customers customers,
                Escalator escalator, SystemActor system, ExpediteStore expedites, Clock clock) {
        this.clocks = clocks;
        this.policies = policies;
        this.calendars = calendars;
        this.tickets = tickets;
        this.customers = customers;
        this.escalator = escalator;
        this.system = system;
        this.expedites = expedites;
        this.clock = clock;
        this.repeats = repeats;
    }

    @EventListener
    void on(TicketChanged event) {
        TicketChange change = event.change();
        if (change instanceof TicketChange.NoteAdded || change instanceof TicketChange.Annotation) {
            // notes, and entries other modules write (this one's own included), never move a clock
            return;
        }
        Instant now = clock.instant();
        long id = event.ticketId();
        Optional<TicketClock> found;
        if (change instanceof TicketChange.Created) {
            // stored once, with its deadlines, by recompute (one insert instead of an insert and an update)
            found = Optional.of(TicketClock.start(id, now));
        } else {
            found = clocks.find(id);
        }
        if (found.isEmpty()) {
            return;
        }
        TicketClock c = found.get();
        // a creation brings the ticket and its customer along (read once, by the ticket module)
        TicketView t = event.ticket() != null ? event.ticket() : tickets.get(id);
        if (change instanceof TicketChange.Replied r && !r.byCustomer()) {
            c.replied(now);
        } else if (change instanceof TicketChange.StateChanged s) {
            stateChanged(c, s.to(), now);
        } else if (change instanceof TicketChange.MergedInto) {
            stateChanged(c, TicketState.CLOSED, now);
        }
        if (t.state().isActive()) {
            // a ticket just recorded has had no repeat contact yet: its one contact is the one that recorded it
            int contacts = c.fresh() ? org.kept.ticket.RepeatContacts.Counter.NONE.contacts() : contacts(t);
            escalator.rule(t, contacts).ifPresent(c::ruleAsks);
        }
        plan(c, t, now, event.customer());
    }

    /** Every contact about the ticket, the first one included, as the ticket module counts them. */
    private int contacts(TicketView t) {
        return repeats.counter(t.id()).contacts();
    }

    private void stateChanged(TicketClock c, TicketState to, Instant now) {
        if (to == TicketState.PENDING_CUSTOMER || !to.isActive()) {
            PauseReason reason = to == TicketState.PENDING_CUSTOMER ? PauseReason.WAITING_CUSTOMER : PauseReason.RESOLVED;
            if (c.pause(reason, now)) {
                tickets.annotate(c.ticketId(), new SlaEntry.ClockPaused(reason), system.get());
            }
        } else if (c.paused()) {
            long minutes = calendars.of(policy(c).calendarId()).minutesBetween(c.pausedSince(), now);
            TicketClock.Resumed pause = c.resume(now, minutes);
            clocks.addPause(c.ticketId(), pause);
            tickets.annotate(c.ticketId(), new SlaEntry.ClockResumed(pause.reason(), minutes), system.get());
        }
        if (!to.isActive()) {
            expedites.settle(c.ticketId(), now);
        }
    }

    private Policy policy(TicketClock c) {
        return Optional.ofNullable(c.policyId()).flatMap(policies::find)
                .orElseGet(() -> policies.ordered().stream().filter(Policy::isFallback).findFirst().orElseThrow());
    }

    /** Recomputes and stores one ticket's deadlines; the scheduler calls it after acting. */
    @Transactional
    public Optional<TicketClock> recompute(long ticketId) {
        Optional<TicketClock> c = clocks.find(ticketId);
        c.ifPresent(found -> recompute(found, tickets.get(ticketId), clock.instant()));
        return c;
    }

    void recompute(TicketClock c, TicketView t, Instant now) {
        plan(c, t, now, null);
    }

    /** Recomputes and stores; {@code customer} as already read, or null to read it. */
    private void plan(TicketClock c, TicketView t, Instant now, CustomerSummary customer) {
        if (!t.state().isActive() && !c.paused()) {
            c.pause(PauseReason.RESOLVED, now);
        }
        c.heldBy(t.teamId());
        List<DeadlineMath.Deadline> deadlines = deadlines(c, t, customer);
        Stream<Instant> planned = open(c, deadlines).map(DeadlineMath.Action::at);
        if (c.rulePending() != null) {
            planned = Stream.concat(planned, Stream.of(now));
        }
        c.plan(deadlines, planned.min(Comparator.naturalOrder()).orElse(null));
        clocks.save(c);
    }

    /** The actions due at {@code now} that nobody has taken yet. */
    List<DeadlineMath.Action> dueActions(TicketClock c, TicketView t, Instant now) {
        return open(c, deadlines(c, t, null)).filter(a -> !a.at().isAfter(now)).toList();
    }

    /**
     * A clock's deadlines and the actions already taken, read once: the scheduler finds what is due and, when it took
     * none of it, plans the clock from the same reading instead of reading the customer, pauses and events again.
     */
    record Reading(List<DeadlineMath.Deadline> deadlines, Set<String> done) {

        List<DeadlineMath.Action> due(Instant now) {
            return DeadlineMath.actions(deadlines).stream()
                    .filter(a -> !done.contains(ClockStore.key(a.clock(), a.kind(), a.deadline())) && !a.at().isAfter(now))
                    .toList();
        }
    }

    Reading read(TicketClock c, TicketView t) {
        List<DeadlineMath.Deadline> deadlines = deadlines(c, t, null);
        return new Reading(deadlines, done(c));
    }

    /**
     * Like {@link #recompute(TicketClock, TicketView, Instant)} from a reading of this clock and ticket, taken in this
     * transaction with nothing done to them since.
     */
    void recompute(TicketClock c, TicketView t, Instant now, Reading reading) {
        if (!t.state().isActive() && !c.paused()) {
            // pausing moves the deadlines: computed afresh
            recompute(c, t, now);
            return;
        }
        c.heldBy(t.teamId());
        Stream<Instant> planned = DeadlineMath.actions(reading.deadlines()).stream()
                .filter(a -> !reading.done().contains(ClockStore.key(a.clock(), a.kind(), a.deadline())))
                .map(DeadlineMath.Action::at);
        if (c.rulePending() != null) {
            planned = Stream.concat(planned, Stream.of(now));
        }
        c.plan(reading.deadlines(), planned.min(Comparator.naturalOrder()).orElse(null));
        clocks.save(c);
    }

    /** The running deadlines under the matching policies (sets the clock's policy ids). */
    private List<DeadlineMath.Deadline> deadlines(TicketClock c, TicketView t, CustomerSummary known) {
        CustomerSummary customer = known != null && known.id() == t.customerId() ? known
                : customers.summaries(List.of(t.customerId())).get(t.customerId());
        PolicyMatch match = PolicyMatch.of(policies.ordered(), new Policy.Facts(t.type(), t.category(), t.priority(),
                t.channel(), t.teamId(), customer == null ? null : customer.tier()));
        c.governedBy(match.tiered().id(), match.baseline().id());
        List<DeadlineMath.Pause> pauses = c.fresh() ? List.of() : clocks.pauses(c.ticketId());
        return DeadlineMath.earliest(match.both().stream()
                .map(p -> DeadlineMath.deadlines(c, p, calendars.of(p.calendarId()), pauses)).toList());
    }

    /** Warnings and breaches of these deadlines not taken yet. */
    private Stream<DeadlineMath.Action> open(TicketClock c, List<DeadlineMath.Deadline> deadlines) {
        Set<String> done = done(c);
        return DeadlineMath.actions(deadlines).stream()
                .filter(a -> !done.contains(ClockStore.key(a.clock(), a.kind(), a.deadline())));
    }

    private Set<String> done(TicketClock c) {
        return c.fresh() ? Set.of() : clocks.events(c.ticketId());
    }

    @Override
    public Optional<Deadlines> of(long ticketId) {
        return clocks.find(ticketId).map(TicketClock::shown);
    }

    @Override
    public java.util.Map<Long, Deadlines> ofAll(java.util.Collection<Long> ticketIds) {
        java.util.Map<Long, Deadlines> all = new java.util.HashMap<>();
        clocks.findAll(ticketIds).forEach(c -> all.put(c.ticketId(), c.shown()));
        return all;
    }

    /** Starts clocks for active tickets recorded before this module (or by bulk loads), oldest first. */
    @Override
    @Transactional
    public int startMissing() {
        List<Long> ids = withoutClock(10_000);
        Instant now = clock.instant();
        for (long id : ids) {
            TicketView t = tickets.get(id);
            clocks.insert(id, t.createdAt().toInstant());
            TicketClock c = clocks.find(id).orElseThrow();
            if (t.state() == TicketState.PENDING_CUSTOMER) {
                c.pause(PauseReason.WAITING_CUSTOMER, now);
            } else if (t.state() != TicketState.NEW) {
                // it was worked on; when is not known, so the first response counts as given when it was recorded
                c.replied(t.updatedAt().toInstant());
            }
            recompute(c, t, now);
            // deadlines that passed before the clock existed show as overdue; they do not set off a storm of
            // escalations for history nobody was measured against
            for (DeadlineMath.Action a : dueActions(c, t, now)) {
                clocks.claimEvent(id, a.clock(), a.kind(), a.deadline(), now);
            }
            recompute(c, t, now);
        }
        return ids.size();
    }

    /** Active tickets without a clock, oldest first, read a page of the ticket module's ids at a time. */
    private List<Long> withoutClock(int limit) {
        List<Long> missing = new java.util.ArrayList<>();
        long after = 0;
        while (missing.size() < limit) {
            List<Long> page = tickets.activeIds(after, 1_000);
            if (page.isEmpty()) {
                break;
            }
            Set<Long> started = clocks.withClock(page);
            page.stream().filter(id -> !started.contains(id)).limit(limit - missing.size()).forEach(missing::add);
            after = page.get(page.size() - 1);
        }
        return missing;
    }
}
