package org.kept.callback.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kept.callback.CallbackEntry;
import org.kept.callback.Callbacks;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.NewContact;
import org.kept.contact.Outbox;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.SystemAccount;
import org.kept.shared.KeptException;
import org.kept.shared.LocalText;
import org.kept.ticket.Channel;
import org.kept.ticket.Tickets;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Callback tasks (回电): opened once per ticket or number and reason while open, worked attempt by attempt; an outcome
 * closes the task (reached, wrong number), or plans the next attempt (no answer, call again at …) until the reason's
 * maximum of attempts is spent. Attempts and outcomes go on the ticket's timeline; every attempt is a call on the
 * contact register, and a click-to-call asks the PBX to dial through the contact outbox.
 */
@Service
public class CallbackDesk implements Callbacks {

    static final String SYSTEM = "kept-callback";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CallbackStore store;
    private final Tickets tickets;
    private final Contacts contacts;
    private final Outbox outbox;
    private final Directory directory;
    private final Customers customers;
    private final Clock clock;
    private final SystemAccount system;

    CallbackDesk(CallbackStore store, Tickets tickets, Contacts contacts, Outbox outbox, Directory directory,
                 Customers customers, Clock clock) {
        this.customers = customers;
        this.store = store;
        this.tickets = tickets;
        this.contacts = contacts;
        this.outbox = outbox;
        this.directory = directory;
        this.system = new SystemAccount(directory, SYSTEM, "Kept Callback", "CB",
                EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE));
        this.clock = clock;
    }

    /** Lists of the console: one's own, one's team's, and what is overdue. */
    public enum View {
        MINE, TEAM, OVERDUE
    }

    @Override
    @Transactional
    public long request(CallbackRequest request) {
        return open(request, null, null).id();
    }

    /** A task asked for: its id, and whether this request opened it (false: the same one was open already). */
    public record Opened(long id, boolean created) {
    }

    /**
     * Opens a task (or finds the open one), with the caller's wait in the queue when it comes from an abandoned call;
     * its team is the one asked for, else the ticket's (or its holder's), else {@code fallbackTeam} (the requester's).
     */
    @Transactional
    public Opened open(CallbackRequest r, Long waitSeconds, Long fallbackTeam) {
        if (r == null || r.reason() == null) {
            throw KeptException.invalid("callback.reason.required");
        }
        if (r.ticketId() == null && (r.number() == null || r.number().isBlank())) {
            throw KeptException.invalid("callback.target.required");
        }
        if (r.note() != null && r.note().length() > 1000) {
            throw KeptException.invalid("callback.note.tooLong");
        }
        Long customerId = r.customerId();
        String number = r.number();
        Long teamId = r.teamId();
        if (r.ticketId() != null) {
            var t = tickets.find(r.ticketId()).orElseThrow(() -> KeptException.notFound("ticket", r.ticketId()));
            customerId = customerId != null ? customerId : t.customerId();
            // the ticket's team, or its holder's team for a ticket someone holds outside any team queue
            teamId = teamId != null ? teamId : t.teamId() != null ? t.teamId() : t.assigneeId() == null ? null
                    : directory.user(t.assigneeId()).map(u -> u.teamId()).orElse(null);
            number = number != null && !number.isBlank() ? number : t.contactPhone();
        }
        teamId = teamId != null ? teamId : fallbackTeam;
        if ((number == null || number.isBlank()) && customerId != null) {
            number = customers.find(customerId).map(c -> c.primaryPhone()).orElse(null);
        }
        CallbackRequest filled = new CallbackRequest(r.reason(), r.ticketId(), customerId, number, teamId, r.dueBy(), r.note());
        ReasonRule rule = rule(r.reason());
        Instant now = clock.instant();
        Instant due = r.dueBy() != null ? r.dueBy() : now.plus(Duration.ofMinutes(rule.dueMinutes()));
        String key = r.reason().name() + "|" + (r.ticketId() != null ? "t" + r.ticketId() : "n" + number);
        CallbackStore.Opened opened = store.openOnce(key, filled, due, waitSeconds, now);
        if (opened.created()) {
            store.planAttempt(opened.id(), 1, due);
            if (r.ticketId() != null) {
                tickets.annotate(r.ticketId(), new CallbackEntry.Requested(opened.id(), r.reason(), due,
                        LocalText.of("callback.timeline.requested", LocalText.of("callback.reason." + r.reason()), due,
                                r.note() == null ? "" : r.note()).cut(1000).stored()), system());
            }
        }
        return new Opened(opened.id(), opened.created());
    }

    public CallbackTask get(long id) {
        return store.find(id).orElseThrow(() -> KeptException.notFound("callback", id));
    }

    /** The task for someone who may work it: its holder, its team, anyone for a task of no team, or a lead. */
    public CallbackTask getFor(long id, CurrentUser me) {
        CallbackTask t = get(id);
        if (!mayWork(t, me)) {
            throw KeptException.forbidden("callback.notYours");
        }
        return t;
    }

    static boolean mayWork(CallbackTask t, CurrentUser me) {
        return me.can(Permission.TICKET_ASSIGN_ANY) || t.teamId() == null || t.teamId().equals(me.teamId())
                || Long.valueOf(me.id()).equals(t.ownerId());
    }

    public List<CallbackAttempt> attempts(long taskId) {
        return store.attempts(taskId);
    }

    public ReasonRule rule(Callbacks.Reason reason) {
        return store.rule(reason).orElseThrow(() -> new IllegalStateException("no callback_reason row for " + reason));
    }

    public List<CallbackTask> list(View view, CurrentUser me, int limit) {
        Instant now = clock.instant();
        return switch (view) {
            case MINE -> store.openOf(me.id(), limit);
            case TEAM -> me.teamId() == null ? List.of() : store.openOfTeam(me.teamId(), limit);
            case OVERDUE -> me.can(Permission.TICKET_ASSIGN_ANY) ? store.overdue(null, now, limit)
                    : me.teamId() == null ? List.of() : store.overdue(me.teamId(), now, limit);
        };
    }

    /** How many tasks each list holds, for the tabs. */
    public Map<View, Long> counts(CurrentUser me) {
        Instant now = clock.instant();
        Map<View, Long> counts = new LinkedHashMap<>();
        counts.put(View.MINE, store.countOpenOf(me.id()));
        counts.put(View.TEAM, me.teamId() == null ? 0L : store.countOpenOfTeam(me.teamId()));
        counts.put(View.OVERDUE, me.can(Permission.TICKET_ASSIGN_ANY) ? store.countOverdue(null, now)
                : me.teamId() == null ? 0L : store.countOverdue(me.teamId(), now));
        return counts;
    }

    /**
     * Click-to-call: the open attempt becomes an outbound call on the contact register and a PBX originate in the
     * contact outbox (sent after commit). Dialling an attempt that is dialled already returns it as it is, so a
     * double click or a retried request rings the customer once.
     */
    @Transactional
    public CallbackAttempt dial(long taskId, Long attemptId, CurrentUser me) {
        CallbackTask t = getFor(taskId, me);
        if (attemptId != null) {
            CallbackAttempt given = ownAttempt(t, attemptId);
            if (given.dialledAt() != null) {
                return given;
            }
        }
        if (!t.open()) {
            throw KeptException.conflict("callback.closed");
        }
        if (t.number() == null) {
            throw KeptException.invalid("callback.noNumber");
        }
        CallbackAttempt current = current(t);
        if (attemptId != null && attemptId != current.id()) {
            throw KeptException.conflict("callback.stale");
        }
        if (current.dialledAt() != null) {
            return current;
        }
        Instant now = clock.instant();
        Contact call = callOf(t, current, me, now);
        String agent = me.agentNo() != null && !me.agentNo().isBlank() ? me.agentNo() : me.username();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", "originate");
        payload.put("agent", agent);
        payload.put("number", t.number());
        payload.put("callbackId", t.id());
        long outboxId = outbox.enqueue(Channel.PHONE, call.id(), JSON.writeValueAsString(payload));
        if (!store.dialled(current.id(), me.id(), outboxId, call.id(), now)) {
            throw KeptException.conflict("callback.stale");
        }
        store.own(t.id(), me.id());
        return store.attempt(current.id()).orElseThrow();
    }

    /**
     * Records what the open attempt came to. Naming an attempt that already has this outcome returns the task as it is
     * (a retried request); another outcome on it, or an attempt that is no longer the open one, is a 409.
     */
    @Transactional
    public CallbackTask record(long taskId, Long attemptId, CallbackAttempt.Outcome outcome, Instant callAgainAt,
                               String note, CurrentUser me) {
        CallbackTask t = getFor(taskId, me);
        if (outcome == null) {
            throw KeptException.invalid("callback.outcome.required");
        }
        Instant now = clock.instant();
        if (outcome == CallbackAttempt.Outcome.CALL_AGAIN && (callAgainAt == null || !callAgainAt.isAfter(now))) {
            throw KeptException.invalid("callback.callAgainAt.invalid");
        }
        if (note != null && note.length() > 1000) {
            throw KeptException.invalid("callback.note.tooLong");
        }
        if (attemptId != null) {
            CallbackAttempt given = ownAttempt(t, attemptId);
            if (given.done()) {
                if (given.outcome() == outcome) {
                    return t;
                }
                throw KeptException.conflict("callback.stale");
            }
        }
        if (!t.open()) {
            throw KeptException.conflict("callback.closed");
        }
        CallbackAttempt current = current(t);
        if (attemptId != null && attemptId != current.id()) {
            throw KeptException.conflict("callback.stale");
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (!store.record(current.id(), me.id(), outcome, callAgainAt, cleanNote, now)) {
            throw KeptException.conflict("callback.stale");
        }
        store.own(t.id(), me.id());
        Contact call = current.contactId() != null ? contacts.find(current.contactId()).orElse(null)
                : t.number() != null ? callOf(t, current, me, now) : null;
        if (call != null) {
            contacts.conclude(call.id(), now, outcome.name(), cleanNote, me);
        }
        ReasonRule rule = rule(t.reason());
        String closed = switch (outcome) {
            case REACHED -> "DONE";
            case WRONG_NUMBER -> "GAVE_UP";
            case NO_ANSWER, CALL_AGAIN -> current.seq() >= rule.maxAttempts() ? "GAVE_UP" : null;
        };
        Instant next = null;
        if (closed != null) {
            store.close(t.id(), closed, now);
        } else {
            next = outcome == CallbackAttempt.Outcome.CALL_AGAIN ? callAgainAt
                    : now.plus(Duration.ofMinutes(rule.retryMinutes()));
            store.planAttempt(t.id(), current.seq() + 1, next);
            store.reschedule(t.id(), next);
        }
        if (t.ticketId() != null) {
            tickets.annotate(t.ticketId(), new CallbackEntry.Attempted(t.id(), current.seq(), outcome.name(),
                    LocalText.of("callback.timeline.attempt", current.seq(), LocalText.of("callback.outcome." + outcome),
                            next == null ? LocalText.of("callback.timeline.noNext") : LocalText.of("callback.timeline.next", next),
                            cleanNote == null ? "" : cleanNote).cut(1000).stored()), me);
            if (closed != null) {
                tickets.annotate(t.ticketId(), new CallbackEntry.Closed(t.id(), closed,
                        LocalText.of("callback.timeline.closed." + closed, current.seq()).stored()), me);
            }
        }
        return get(t.id());
    }

    /** The attempt still to be made (every open task has one). */
    private CallbackAttempt current(CallbackTask t) {
        List<CallbackAttempt> all = store.attempts(t.id());
        return all.stream().filter(a -> !a.done()).reduce((a, b) -> b).orElseGet(() -> {
            long id = store.planAttempt(t.id(), all.size() + 1, clock.instant());
            return store.attempt(id).orElseThrow();
        });
    }

    private CallbackAttempt ownAttempt(CallbackTask t, long attemptId) {
        return store.attempt(attemptId).filter(a -> a.taskId() == t.id())
                .orElseThrow(() -> KeptException.notFound("callback-attempt", attemptId));
    }

    /** The attempt as an outbound call on the contact register (the same call however often it is asked for). */
    private Contact callOf(CallbackTask t, CallbackAttempt a, CurrentUser me, Instant now) {
        return contacts.record(new NewContact(Channel.PHONE, Direction.OUTBOUND, "callback-attempt-" + a.id(), t.number(),
                t.customerId(), t.ticketId(), me.id(), now, "callback #" + t.id() + " / " + a.seq()), me);
    }

    private CurrentUser system() {
        return system.get();
    }
}
