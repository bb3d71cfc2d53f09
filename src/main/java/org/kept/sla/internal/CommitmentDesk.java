package org.kept.sla.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.KeptException;
import org.kept.shared.StaleUpdateException;
import org.kept.sla.CommitmentView;
import org.kept.sla.Commitments;
import org.kept.sla.OnShift;
import org.kept.ticket.TicketChange;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
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
    static final String OPEN = "OPEN";
    static final String KEPT = "KEPT";
    static final String MISSED = "MISSED";
    private static final String COLUMNS = "c.id, c.ticket_id, t.number, c.owner_id, c.team_id, c.promise, c.due, c.state, "
            + "c.outcome, c.version";

    private final JdbcClient jdbc;
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

    CommitmentDesk(JdbcClient jdbc, Tickets tickets, Directory directory, Recipients recipients,
                   NotificationStore notifications, Escalator escalator, SystemActor system, SlaSettings settings,
                   ObjectProvider<OnShift> onShift, PlatformTransactionManager txManager, Clock clock) {
        this.jdbc = jdbc;
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
    public record Commitment(long id, long ticketId, String ticketNumber, Long ownerId, Long teamId, String promise,
                             Instant due, String state, String outcome, int version) {
        CommitmentView view() {
            return new CommitmentView(id, ticketId, ticketNumber, ownerId, teamId, promise, due, state);
        }
    }

    @Transactional
    public Commitment promise(long ticketId, String promise, Instant due, CurrentUser by) {
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
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into sla_commitment (ticket_id, owner_id, team_id, promise, due, state, reminded, next_at, created_by, "
                        + "created_at) values (?, ?, ?, ?, ?, 'OPEN', false, ?, ?, ?)")
                .params(ticketId, by.id(), team, promise.strip(), ClockStore.ts(due),
                        ClockStore.ts(remind.isAfter(now) ? remind : now), by.id(), ClockStore.ts(now))
                .update(key, "id");
        tickets.annotate(ticketId, new TicketChange.Commitment(OPEN, due.toString(), promise.strip()), by);
        return get(key.getKey().longValue());
    }

    public Commitment get(long id) {
        return jdbc.sql("select " + COLUMNS + " from sla_commitment c join ticket t on t.id = c.ticket_id where c.id = ?")
                .param(id).query(CommitmentDesk::row).optional().orElseThrow(() -> KeptException.notFound("commitment", id));
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
        Commitment c = get(id);
        if (expectedVersion != null && expectedVersion != c.version()) {
            throw new StaleUpdateException("commitment", id);
        }
        if (!c.state().equals(OPEN)) {
            throw KeptException.conflict("sla.commitment.settled", id, c.state());
        }
        if ((nextPromise == null) != (nextDue == null)) {
            throw KeptException.invalid("sla.commitment.next");
        }
        int rows = jdbc.sql("update sla_commitment set state = 'KEPT', outcome = ?, settled_at = ?, next_at = null, "
                        + "version = version + 1 where id = ? and state = 'OPEN' and version = ?")
                .params(outcome.strip(), ClockStore.ts(clock.instant()), id, c.version()).update();
        if (rows == 0) {
            throw new StaleUpdateException("commitment", id);
        }
        tickets.annotate(c.ticketId(), new TicketChange.Commitment(KEPT, c.due().toString(), outcome.strip()), by);
        if (nextPromise != null) {
            promise(c.ticketId(), nextPromise, nextDue, by);
        }
        return get(id);
    }

    /** This person's open promises, or a team's (including those fallen to it), soonest first. */
    public List<Commitment> open(Long ownerId, Long teamId, int limit) {
        String where = ownerId != null ? "c.owner_id = ?" : "c.team_id = ?";
        return jdbc.sql("select " + COLUMNS + " from sla_commitment c join ticket t on t.id = c.ticket_id where " + where
                        + " and c.state = 'OPEN' order by c.due, c.id limit ?")
                .params(ownerId != null ? ownerId : teamId, limit).query(CommitmentDesk::row).list();
    }

    public List<Commitment> ofTicket(long ticketId) {
        return jdbc.sql("select " + COLUMNS + " from sla_commitment c join ticket t on t.id = c.ticket_id where c.ticket_id = ? "
                + "order by c.id").param(ticketId).query(CommitmentDesk::row).list();
    }

    @Override
    public List<CommitmentView> openFor(long ownerId, Instant until) {
        return jdbc.sql("select " + COLUMNS + " from sla_commitment c join ticket t on t.id = c.ticket_id "
                        + "where c.owner_id = ? and c.state = 'OPEN' and c.due < ? order by c.due, c.id")
                .params(ownerId, ClockStore.ts(until)).query(CommitmentDesk::row).stream().map(Commitment::view).toList();
    }

    /** Reminders and misses due at {@code now}; each leased by compare-and-set on next_at, like the ticket clocks. */
    int runDue(Instant now, Collection<Long> onlyTickets) {
        String only = onlyTickets == null ? "" : onlyTickets.isEmpty() ? " and 1 = 0"
                : " and ticket_id in (" + onlyTickets.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
        List<Object[]> due = jdbc.sql("select id, next_at from sla_commitment where next_at <= ?" + only
                        + " order by next_at limit ?")
                .params(ClockStore.ts(now), settings.batch)
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getObject(2, OffsetDateTime.class)}).list();
        int acted = 0;
        for (Object[] d : due) {
            long id = (Long) d[0];
            Integer leased = tx.execute(s -> jdbc.sql("update sla_commitment set next_at = ? where id = ? and next_at = ?")
                    .params(ClockStore.ts(now.plus(settings.lease)), id, d[1]).update());
            if (leased == null || leased == 0) {
                continue;
            }
            try {
                acted += tx.execute(s -> act(id, now));
            } catch (RuntimeException e) {
                log.warn("Commitment {} failed; retried after the lease", id, e);
            }
        }
        return acted;
    }

    private int act(long id, Instant now) {
        Commitment c = get(id);
        if (!c.state().equals(OPEN)) {
            jdbc.sql("update sla_commitment set next_at = null where id = ?").param(id).update();
            return 0;
        }
        if (now.isBefore(c.due())) {
            jdbc.sql("update sla_commitment set reminded = true, next_at = ? where id = ?").params(ClockStore.ts(c.due()), id)
                    .update();
            remind(c, now);
            return 1;
        }
        jdbc.sql("update sla_commitment set state = 'MISSED', settled_at = ?, next_at = null, version = version + 1 "
                + "where id = ?").params(ClockStore.ts(now), id).update();
        tickets.annotate(c.ticketId(), new TicketChange.Commitment(MISSED, c.due().toString(), c.promise()), system.get());
        if (tickets.get(c.ticketId()).state().isActive()) {
            escalator.functional(c.ticketId(), Escalator.AGENT, "承诺未兑现 Commitment missed: " + c.promise(), null, system.get());
        }
        return 1;
    }

    /** Rosters stand in for the workforce module in tests that share one context; null puts the real one back. */
    void rosterForTests(OnShift roster) {
        this.rosterForTests = roster;
    }

    private volatile OnShift rosterForTests;

    private void remind(Commitment c, Instant now) {
        OnShift shift = rosterForTests != null ? rosterForTests : onShift.getIfAvailable();
        boolean present = c.ownerId() != null && directory.activeStaff(c.ownerId()).isPresent()
                && (shift == null || shift.isOnShift(c.ownerId(), now));
        String text = "承诺提醒 Promise due " + c.due() + " " + c.ticketNumber() + ": " + c.promise();
        if (present) {
            notifications.send(List.of(c.ownerId()), "COMMITMENT", c.ticketId(), text);
            return;
        }
        // nobody may be left holding a promise they cannot keep: it falls to the team
        jdbc.sql("update sla_commitment set owner_id = null, version = version + 1 where id = ?").param(c.id()).update();
        notifications.send(recipients.teamOf(c.teamId()), "COMMITMENT", c.ticketId(), "转交班组 To the team: " + text);
        tickets.annotate(c.ticketId(), new TicketChange.Commitment("FELL_TO_TEAM", c.due().toString(), c.promise()),
                system.get());
    }

    private static Commitment row(ResultSet rs, int i) throws SQLException {
        return new Commitment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, Long.class),
                rs.getObject(5, Long.class), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
                rs.getString(8), rs.getString(9), rs.getInt(10));
    }
}
