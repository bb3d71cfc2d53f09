package org.kept.calendar.internal;

import org.kept.calendar.CalendarDefinition;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kept.calendar.BusinessCalendar;
import org.kept.calendar.CalendarChanged;
import org.kept.calendar.Calendars;
import org.kept.identity.CurrentUser;
import org.kept.shared.CentreZone;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.KeptException;
import org.kept.shared.StaleUpdateException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The calendars of the centre: create, change, list, and the {@link Calendars} other modules compute deadlines with.
 * Compiled calendars are kept per id and version. The stored version is read again at most once a second per
 * calendar ({@link #RECHECK_NANOS}): a change made here is seen at once, one made on another instance within a second.
 * Before, every lookup read the version, one query per policy on every ticket change.
 */
@Service
public class CalendarDesk implements Calendars {

    /** The id of the built-in round-the-clock calendar; stored calendars start at 1. */
    public static final long ROUND_THE_CLOCK_ID = 0;

    private final CalendarStore store;
    private final IdempotentRequests idempotency;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final WorkingTime roundTheClock;
    private final Map<Long, Compiled> compiled = new ConcurrentHashMap<>();

    /** How long a compiled calendar is used before its stored version is checked again. */
    static final long RECHECK_NANOS = 1_000_000_000L;

    private record Compiled(int version, WorkingTime calendar, long checkedAt) {
    }

    CalendarDesk(CalendarStore store, IdempotentRequests idempotency, ApplicationEventPublisher events, Clock clock,
                 CentreZone centre) {
        this.store = store;
        this.idempotency = idempotency;
        this.events = events;
        this.clock = clock;
        this.roundTheClock = new WorkingTime(ROUND_THE_CLOCK_ID,
                new CalendarDefinition("24×7", centre.zone(), true, List.of(), List.of(), List.of()));
    }

    @Override
    public Optional<BusinessCalendar> find(long id) {
        if (id == ROUND_THE_CLOCK_ID) {
            return Optional.of(roundTheClock);
        }
        long now = System.nanoTime();
        Compiled known = compiled.get(id);
        if (known != null && now - known.checkedAt() < RECHECK_NANOS) {
            return Optional.of(known.calendar());
        }
        Optional<Integer> version = store.version(id);
        if (version.isEmpty()) {
            compiled.remove(id);
            return Optional.empty();
        }
        if (known != null && known.version() == version.get()) {
            compiled.put(id, new Compiled(known.version(), known.calendar(), now));
            return Optional.of(known.calendar());
        }
        return store.find(id).map(stored -> {
            WorkingTime calendar = compile(stored.id(), stored.definition());
            compiled.put(id, new Compiled(stored.version(), calendar, now));
            return calendar;
        });
    }

    @Override
    public BusinessCalendar roundTheClock() {
        return roundTheClock;
    }

    /** The arithmetic of a definition not (yet) stored: the admin page previews deadlines with it before saving. */
    public BusinessCalendar preview(CalendarDefinition definition) {
        return compile(0, definition);
    }

    public List<StoredCalendar> list() {
        return store.list();
    }

    public StoredCalendar get(long id) {
        return store.find(id).orElseThrow(() -> KeptException.notFound("calendar", id));
    }

    @Override
    // no transaction here: IdempotentRequests.once runs the create in its own, so a racing retry gets the first result
    public IdempotentRequests.Outcome create(CalendarDefinition definition, CurrentUser actor, String idempotencyKey) {
        compile(0, definition);
        return idempotency.once(actor.id(), idempotencyKey, "calendar.create", fingerprint(definition), () -> {
            long id = store.insert(definition, now());
            events.publishEvent(new CalendarChanged(id, actor.username(), "calendar.create", describe(definition)));
            return id;
        });
    }

    @Transactional
    public StoredCalendar update(long id, CalendarDefinition definition, int version, CurrentUser actor) {
        StoredCalendar before = get(id);
        compile(id, definition);
        if (!store.update(id, definition, version, now())) {
            throw new StaleUpdateException("calendar", before.definition().name());
        }
        forgetAfterCommit(id);
        events.publishEvent(new CalendarChanged(id, actor.username(), "calendar.update",
                describe(before.definition()) + " -> " + describe(definition)));
        return get(id);
    }

    /** A lookup racing with this change could cache the old version again before it commits: forget it after too. */
    private void forgetAfterCommit(long id) {
        compiled.remove(id);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    compiled.remove(id);
                }
            });
        }
    }

    private static WorkingTime compile(long id, CalendarDefinition definition) {
        try {
            return new WorkingTime(id, definition);
        } catch (IllegalArgumentException e) {
            throw KeptException.invalid("calendar.noWorkingTime");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static String fingerprint(CalendarDefinition d) {
        return d.toString();
    }

    private static String describe(CalendarDefinition d) {
        return d.name() + " (" + d.zone().getId() + (d.roundTheClock() ? ", 24x7" : ", " + d.weeklyHours().size()
                + " periods") + ", " + d.holidays().size() + " holidays, " + d.workingDays().size() + " make-up days)";
    }
}
