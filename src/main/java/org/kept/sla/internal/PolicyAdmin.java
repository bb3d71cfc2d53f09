package org.kept.sla.internal;

import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.AuditableEvent;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.KeptException;
import org.kept.ticket.Tickets;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administers SLA policies: checks each one, keeps a fallback (a policy without a condition) at all times, and
 * recomputes nothing eagerly: running clocks pick the new rules up at their next change.
 */
@Service
public class PolicyAdmin {

    static final int MAX_MINUTES = 525_600;

    private final PolicyStore store;
    private final CalendarLookup calendars;
    private final Directory directory;
    private final Tickets tickets;
    private final IdempotentRequests idempotency;
    private final ApplicationEventPublisher events;

    PolicyAdmin(PolicyStore store, CalendarLookup calendars, Directory directory, Tickets tickets,
                IdempotentRequests idempotency, ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.calendars = calendars;
        this.directory = directory;
        this.tickets = tickets;
        this.idempotency = idempotency;
    }

    public List<Policy> list() {
        return store.ordered();
    }

    public Policy get(long id) {
        return store.find(id).orElseThrow(() -> KeptException.notFound("sla-policy", id));
    }

    /** Creates; with an idempotency key a retried request gives the same policy. Returns it and whether it was a replay. */
    public IdempotentRequests.Outcome create(Policy p, CurrentUser by, String key) {
        checked(p);
        return idempotency.once(by.id(), key, "sla.policy.create", p.toString(), () -> {
            long id = store.insert(p);
            audit(by, "sla.policy.create", id, terms(p));
            return id;
        });
    }

    @Transactional
    public Policy update(long id, Policy p, int expectedVersion, CurrentUser by) {
        Policy before = get(id);
        checked(p);
        store.update(withId(p, id), expectedVersion);
        keepFallback();
        audit(by, "sla.policy.update", id, terms(before) + " -> " + terms(p));
        return get(id);
    }

    @Transactional
    public void delete(long id, int expectedVersion, CurrentUser by) {
        Policy before = get(id);
        store.delete(id, expectedVersion);
        keepFallback();
        audit(by, "sla.policy.delete", id, terms(before));
    }

    /** What an auditor needs to see of a policy: its name, what it matches and its targets. */
    private static String terms(Policy p) {
        return p.name() + " [position " + p.position() + ", type " + p.type() + ", category " + p.category() + ", priority "
                + p.priority() + ", channel " + p.channel() + ", team " + p.teamId() + ", tier " + p.tier() + ", calendar "
                + p.calendarId() + "] first " + p.firstResponseMinutes() + " next " + p.nextUpdateMinutes() + " resolve "
                + p.resolutionMinutes() + " min, warn " + p.warnPercent() + "%, expedite " + p.expeditePercent() + "%";
    }

    private void audit(CurrentUser by, String action, long id, String details) {
        events.publishEvent(new PolicyChanged(by.username(), action, "sla-policy:" + id, details));
    }

    /** An SLA policy was created, changed or deleted; the audit log records who did it and the terms. */
    record PolicyChanged(String actor, String action, String subject, String details) implements AuditableEvent {
    }

    private void keepFallback() {
        if (store.ordered().stream().noneMatch(Policy::isFallback)) {
            // thrown inside the transaction: the change that would leave tickets without a policy is undone
            throw KeptException.conflict("sla.policy.fallback");
        }
    }

    private void checked(Policy p) {
        if (p.name() == null || p.name().isBlank() || p.name().length() > 100) {
            throw KeptException.invalid("sla.policy.name", 100);
        }
        minutes("firstResponseMinutes", p.firstResponseMinutes());
        minutes("resolutionMinutes", p.resolutionMinutes());
        if (p.nextUpdateMinutes() != null) {
            minutes("nextUpdateMinutes", p.nextUpdateMinutes());
        }
        if (p.warnPercent() < 1 || p.warnPercent() > 99) {
            throw KeptException.invalid("sla.policy.percent", "warnPercent");
        }
        if (p.expeditePercent() < 1 || p.expeditePercent() > 99) {
            throw KeptException.invalid("sla.policy.percent", "expeditePercent");
        }
        if (p.position() < 0 || p.position() > 1_000_000) {
            throw KeptException.invalid("sla.policy.position");
        }
        if (p.calendarId() != null && !calendars.exists(p.calendarId())) {
            throw KeptException.invalid("sla.policy.calendar", p.calendarId());
        }
        if (p.teamId() != null && directory.team(p.teamId()).isEmpty()) {
            throw KeptException.invalid("error.ticket.team", p.teamId());
        }
        if (p.category() != null && tickets.categories().stream().noneMatch(c -> c.code().equals(p.category()))) {
            throw KeptException.invalid("error.ticket.category", p.category());
        }
    }

    private static void minutes(String field, int minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw KeptException.invalid("sla.policy.minutes", field, MAX_MINUTES);
        }
    }

    private static Policy withId(Policy p, long id) {
        return new Policy(id, p.name(), p.position(), p.type(), p.category(), p.priority(), p.channel(), p.teamId(), p.tier(),
                p.calendarId(), p.firstResponseMinutes(), p.nextUpdateMinutes(), p.resolutionMinutes(), p.warnPercent(),
                p.expeditePercent(), p.version());
    }
}
