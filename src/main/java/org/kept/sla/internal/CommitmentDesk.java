package org.kept.sla.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.KeptException;
import org.kept.shared.StaleUpdateException;
import org.kept.shared.LocalText;
import org.kept.sla.CommitmentDue;
import org.kept.sla.CommitmentState;
import org.kept.sla.CommitmentView;
import org.kept.sla.Commitments;
import org.kept.sla.OnShift;
import org.kept.sla.SlaEntry;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 承诺: "we will call you back by 15:00 tomorrow". A promise has an owner, a reminder before it is due (to the team when
 * the owner is off shift), and an outcome: kept (a progress call with a new time counts, and starts the next promise)
 * or missed, which escalates the ticket.
 */
@Service
public class CommitmentDesk implements Commitments {

    private static final Logger log = LoggerFactory.getLogger(CommitmentDesk.class);

    private final CommitmentStore store;
    private final Tickets tickets;
    private final Directory directory;
    private final Recipients recipients;
    private final NotificationStore notifications;
    private final Escalator escalator;
    private final SystemActor system;
    private final SlaSettings settings;
    private final ObjectProvider<OnShift> onShift;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CommitmentDesk(CommitmentStore store, Tickets tickets, Directory directory, Recipients recipients,
                   NotificationStore notifications, Escalator escalator, SystemActor system, SlaSettings settings,
                   ObjectProvider<OnShift> onShift, PlatformTransactionManager txManager, Clock clock,
                   ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
        this.tickets = tickets;
        this.directory = directory;
        this.recipients = recipients;
        this.notifications = notifications;
        this.escalator = escalator;
        this.system = system;
        this.settings = settings;
        this.onShift = onShift;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    /** A commitment with its outcome and version, as the API shows it. */
    /** {@code callBack}: the promise is a call to the customer, so a callback task opens when its reminder falls due. */
    public record Commitment(long id, long ticketId, String ticketNumber, Long ownerId, Long teamId, String promise,
                             Instant due, CommitmentState state, String outcome, int version, boolean callBack) {
        CommitmentView view() {
            return new CommitmentView(id, ticketId, ticketNumber, ownerId, teamId, promise, due, state);
        }

        boolean open() {
            return state == CommitmentState.OPEN;
        }
    }

    @Transactional
    public Commitment promise(long ticketId, String promise, Instant due, CurrentUser by) {
        return promise(ticketId, promise, due, false, by);
    }

    /** A promise; {@code callBack} when it is to call the customer (a callback task opens when it falls due). */
    @Transactional
    public Commitment promise(long ticketId, String promise, Instant due, boolean callBack, CurrentUser by) {
        if (promise == null || promise.isBlank() || promise.length() > 500) {
            throw KeptException.invalid("sla.commitment.promise", 500);
        }
        Instant now = clock.instant();
        if (due == null || !due.isAfter(now)) {
            throw KeptException.invalid("sla.commitment.due");
        }
        TicketView t = tickets.get(ticketId);
        if (!t.state().isActive()) {
            throw KeptException.conflict("sla.commitment.closed", t.number(), t.state());
        }
        Long team = by.teamId() != null ? by.teamId() : t.teamId();
        Instant remind = due.minus(settings.reminderLead);
        long id = store.insert(ticketId, t.number(), by.id(), team, promise.strip(), due, callBack,
                remind.isAfter(now) ? remind : now, now);
        tickets.annotate(ticketId, new SlaEntry.Commitment(SlaEntry.Commitment.Step.OPEN, due, promise.strip()), by);
        return get(id);
    }

    public Commitment get(long id) {
        return store.find(id).orElseThrow(() -> KeptException.notFound("commitment", id));
    }

    /**
     * Kept, with what was done. With {@code nextPromise} and {@code nextDue} (a progress call that agreed a new time) the
     * next promise starts at once, owned by the same person.
     */
    @Transactional
    public Commitment keep(long id, String outcome, Integer expectedVersion, String nextPromise, Instant nextDue,
                           CurrentUser by) {
        if (outcome == null || outcome.isBlank() || outcome.length() > 1000) {
            throw KeptException.invalid("sla.commitment.outcome", 1000);
        }
        if (expectedVersion == null) {
            // settling names the version read, so two people keeping one promise never both succeed unseen
            throw new KeptException(HttpStatus.PRECONDITION_REQUIRED, "sla.commitment.versionRequired");
        }
        Commitment c = get(id);
        mayWrite(c, by);
        if (expectedVersion != c.version()) {
            throw new StaleUpdateException("commitment", id);
        }
        if (!c.open()) {
            throw KeptException.conflict("sla.commitment.settled", id, c.state());
        }
        if ((nextPromise == null) != (nextDue == null)) {
            throw KeptException.invalid("sla.commitment.next");
        }
        if (!store.settle(id, CommitmentState.KEPT, outcome.strip(), clock.instant(), c.version())) {
            throw new StaleUpdateException("commitment", id);
        }
        tickets.annotate(c.ticketId(), new SlaEntry.Commitment(SlaEntry.Commitment.Step.KEPT, c.due(), outcome.strip()), by);
        if (nextPromise != null) {
            promise(c.ticketId(), nextPromise, nextDue, c.callBack(), by);
        }
        return get(id);
    }

    /**
     * Who may write a promise: its owner, and the people of the teams it belongs to (the owner's team, its lead
     * included, the team it fell to, and the ticket's team). Anyone else is refused, whatever their role.
     */
    private void mayWrite(Commitment c, CurrentUser by) {
        if (c.ownerId() != null && c.ownerId() == by.id()) {
            return;
        }
        Long mine = by.teamId();
        if (mine != null && (mine.equals(c.teamId()) || mine.equals(tickets.get(c.ticketId()).teamId())
                || (c.ownerId() != null && directory.user(c.ownerId()).map(u -> mine.equals(u.teamId())).orElse(false)))) {
            return;
        }
        throw KeptException.forbidden("sla.commitment.notYours", c.id());
    }

    /**
     * 承诺随工单走: the ticket's open promises follow it to its new holder (the person, or the team when it went to the
     * queue), each recorded on the timeline; a reminder not yet sent, or already sent to the previous holder, is due
     * again so it reaches the new one. Promises already with that holder stay as they are.
     */
    @Transactional
    public List<Commitment> follow(long ticketId, Long ownerId, Long teamId) {
        Instant now = clock.instant();
        List<Commitment> moved = new java.util.ArrayList<>();
        for (Commitment c : store.openOn(List.of(ticketId))) {
            Long team = teamId != null ? teamId : c.teamId();
            if (java.util.Objects.equals(c.ownerId(), ownerId) && (ownerId != null || java.util.Objects.equals(c.teamId(), team))) {
                continue;
            }
            Instant remind = c.due().minus(settings.reminderLead);
            if (store.move(c.id(), ownerId, team, remind.isAfter(now) ? remind : now, c.version())) {
                tickets.annotate(ticketId, new SlaEntry.CommitmentMoved(holder(c.teamId(), c.ownerId()), holder(team, ownerId),
                        c.promise()), system.get());
                moved.add(get(c.id()));
            }
        }
        return moved;
    }

    /** Dropped with a reason (the ticket closed and the promise no longer applies); never silently. */
    @Transactional
    public Commitment cancel(long id, String reason, CurrentUser by) {
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw KeptException.invalid("sla.commitment.cancelReason", 1000);
        }
        Commitment c = get(id);
        mayWrite(c, by);
        if (!c.open()) {
            throw KeptException.conflict("sla.commitment.settled", id, c.state());
        }
        if (!store.settle(id, CommitmentState.CANCELLED, reason.strip(), clock.instant(), c.version())) {
            throw new StaleUpdateException("commitment", id);
        }
        tickets.annotate(c.ticketId(), new SlaEntry.Commitment(SlaEntry.Commitment.Step.CANCELLED, c.due(), reason.strip()), by);
        return get(id);
    }

    /** "Hotline / Li Na", as the ticket's own assignment entries name holders. */
    private String holder(Long teamId, Long ownerId) {
        String team = teamId == null ? "-" : directory.team(teamId).map(t -> t.name()).orElse("#" + teamId);
        String person = ownerId == null ? "-" : directory.user(ownerId).map(u -> u.displayName()).orElse("#" + ownerId);
        return team + " / " + person;
    }

    public List<Commitment> openOnTicket(long ticketId) {
        return store.openOn(List.of(ticketId));
    }

    /** This person's open promises, or a team's (including those fallen to it), soonest first. */
    public List<Commitment> open(Long ownerId, Long teamId, int limit) {
        return store.open(ownerId, teamId, limit);
    }

    public List<Commitment> ofTicket(long ticketId) {
        return store.ofTicket(ticketId);
    }

    @Override
    public List<CommitmentView> openFor(long ownerId, Instant until) {
        return store.openBefore(ownerId, until).stream().map(Commitment::view).toList();
    }

    @Override
    public List<CommitmentView> openOn(Collection<Long> ticketIds) {
        return store.openOn(ticketIds).stream().map(Commitment::view).toList();
    }

    /** Reminders and misses due at {@code now}; each leased by compare-and-set on next_at, like the ticket clocks. */
    int runDue(Instant now, Collection<Long> onlyTickets) {
        int acted = 0;
        for (CommitmentStore.Due d : store.due(now, settings.batch, onlyTickets)) {
            if (!Boolean.TRUE.equals(tx.execute(s -> store.lease(d, now.plus(settings.lease))))) {
                continue;
            }
            try {
                acted += tx.execute(s -> act(d.id(), now));
            } catch (RuntimeException e) {
                log.warn("Commitment {} failed; retried after the lease", d.id(), e);
            }
        }
        return acted;
    }

    private int act(long id, Instant now) {
        Commitment c = get(id);
        if (!c.open()) {
            store.nothingDue(id);
            return 0;
        }
        if (now.isBefore(c.due())) {
            store.reminded(id, c.due());
            remind(c, now);
            if (c.callBack()) {
                Commitment held = get(id);  // the reminder may have let it fall to the team
                events.publishEvent(new CommitmentDue(id, held.ticketId(), held.ownerId(), held.teamId(), held.promise(),
                        held.due()));
            }
            return 1;
        }
        if (!store.settle(id, CommitmentState.MISSED, null, now, c.version())) {
            return 0;
        }
        tickets.annotate(c.ticketId(), new SlaEntry.Commitment(SlaEntry.Commitment.Step.MISSED, c.due(), c.promise()),
                system.get());
        if (tickets.get(c.ticketId()).state().isActive()) {
            escalator.functional(c.ticketId(), Escalator.AGENT, LocalText.of("sla.reason.promiseMissed", c.promise()).stored(), null, system.get());
        }
        return 1;
    }

    private void remind(Commitment c, Instant now) {
        OnShift shift = onShift.getIfAvailable();
        boolean present = c.ownerId() != null && directory.activeStaff(c.ownerId()).isPresent()
                && (shift == null || shift.isOnShift(c.ownerId(), now));
        LocalText text = LocalText.of("sla.note.promiseDue", c.ticketNumber(), c.due(), c.promise());
        if (c.ownerId() == null) {
            // already the team's (it followed its ticket to the queue): remind the team, nothing falls anywhere
            notifications.send(recipients.teamOf(c.teamId()), "COMMITMENT", c.ticketId(), LocalText.of("sla.note.promiseToTeam", text));
            return;
        }
        if (present) {
            notifications.send(List.of(c.ownerId()), "COMMITMENT", c.ticketId(), text);
            return;
        }
        // nobody may be left holding a promise they cannot keep: it falls to the team
        store.fallToTeam(c.id());
        notifications.send(recipients.teamOf(c.teamId()), "COMMITMENT", c.ticketId(), LocalText.of("sla.note.promiseToTeam", text));
        tickets.annotate(c.ticketId(), new SlaEntry.Commitment(SlaEntry.Commitment.Step.FELL_TO_TEAM, c.due(), c.promise()),
                system.get());
    }
}
