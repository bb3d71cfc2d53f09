package org.kept.relay.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.SystemAccount;
import org.kept.relay.RelayAudited;
import org.kept.relay.RelayEntry;
import org.kept.shared.KeptException;
import org.kept.shared.LocalText;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * 平台处置: while a serious case is open (its priority is one of the rows of {@code relay_serious_priority}), whoever
 * holds COUNTERPARTY_RESTRICT restricts the counterparty's platform account with a reason and an end; it is lifted by
 * hand, when the case ends, or when its end comes. Every step is on the ticket and in the audit log.
 */
@Component
public class PartyActions {

    /** The longest restriction one can place; a longer one is a decision for the platform's own process. */
    static final Duration LONGEST = Duration.ofDays(90);

    private final RelayStore store;
    private final PlatformAccounts platform;
    private final Tickets tickets;
    private final ApplicationEventPublisher events;
    private final SystemAccount system;
    private final Clock clock;

    PartyActions(RelayStore store, PlatformAccounts platform, Tickets tickets, ApplicationEventPublisher events,
                    Directory directory, Clock clock) {
        this.store = store;
        this.platform = platform;
        this.tickets = tickets;
        this.events = events;
        this.system = new SystemAccount(directory, RelayDesk.SYSTEM, "Kept Relay", "RL",
                EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE));
        this.clock = clock;
    }

    /** Whether this ticket is a case on which a restriction may be placed now. */
    public boolean restrictable(TicketView ticket) {
        return ticket.state().isActive() && store.serious(ticket.priority().name());
    }

    @Transactional
    public Restriction restrict(long ticketId, long counterpartyId, String reason, Instant until, CurrentUser by) {
        if (!by.can(Permission.COUNTERPARTY_RESTRICT)) {
            throw KeptException.forbidden("relay.restrict.notAllowed");
        }
        TicketView ticket = tickets.get(ticketId);
        Counterparty party = store.counterparty(counterpartyId).filter(c -> c.ticketId() == ticketId)
                .orElseThrow(() -> KeptException.notFound("counterparty", counterpartyId));
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw KeptException.invalid(List.of(new KeptException.Field("reason", "relay.error.restrictReason")));
        }
        Instant now = clock.instant();
        if (until == null || !until.isAfter(now) || until.isAfter(now.plus(LONGEST))) {
            throw KeptException.invalid(List.of(new KeptException.Field("until", "relay.error.until")));
        }
        if (!restrictable(ticket)) {
            throw KeptException.conflict("relay.restrict.notSerious");
        }
        var active = store.activeRestriction(counterpartyId);
        if (active.isPresent()) {
            return active.get();
        }
        String ref;
        try {
            ref = platform.restrict(party.accountRef(), reason.strip(), until, ticket.number());
        } catch (PlatformAccounts.PlatformRefused e) {
            throw new KeptException(HttpStatus.BAD_GATEWAY, "relay.platform.refused", e.getMessage());
        }
        long id = store.insertRestriction(ticketId, counterpartyId, reason.strip(), ref, until, by.id(), now);
        tickets.annotate(ticket, new RelayEntry.Restricted(id, until.toString(), LocalText.of("relay.timeline.restricted",
                party.role(), party.accountRef(), until.toString(), reason.strip()).cut(1000).stored()), by);
        events.publishEvent(new RelayAudited(by.username(), "counterparty.restrict", "ticket:" + ticket.number(),
                "restriction " + id + " account " + party.accountRef() + " until " + until + ": " + reason.strip()));
        return store.restriction(id).orElseThrow();
    }

    /** Lifts by hand; false when the platform did not answer (the scheduled pass tries again). */
    public boolean lift(long restrictionId, String note, CurrentUser by) {
        if (!by.can(Permission.COUNTERPARTY_RESTRICT)) {
            throw KeptException.forbidden("relay.restrict.notAllowed");
        }
        Restriction r = restriction(restrictionId);
        if (r.state().equals("LIFTED")) {
            return true;
        }
        return lift(r, "BY_HAND", note == null || note.isBlank() ? null : note.strip(), by);
    }

    public Restriction restriction(long id) {
        return store.restriction(id).orElseThrow(() -> KeptException.notFound("restriction", id));
    }

    public List<Restriction> restrictions(long ticketId) {
        return store.restrictions(ticketId);
    }

    void caseEnded(long ticketId) {
        store.markLifting(ticketId, "CASE_CLOSED");
    }

    /** Lifts what is marked or past its end; answers how many were lifted. */
    public int liftDue() {
        int done = 0;
        for (Restriction r : store.liftDue(clock.instant(), 100)) {
            String reason = r.state().equals("LIFTING") && r.liftReason() != null ? r.liftReason() : "EXPIRED";
            if (lift(r, reason, null, system.get())) {
                done++;
            }
        }
        return done;
    }

    private boolean lift(Restriction r, String reason, String note, CurrentUser by) {
        Counterparty party = store.counterparty(r.counterpartyId()).orElseThrow();
        if (!platform.lift(party.accountRef(), r.platformRef())) {
            return false;
        }
        if (store.lifted(r.id(), reason, note, by.id(), clock.instant())) {
            tickets.annotate(r.ticketId(), new RelayEntry.Lifted(r.id(), reason, LocalText.of("relay.timeline.lifted." + reason,
                    party.accountRef(), note == null ? "" : note).cut(1000).stored()), by);
            events.publishEvent(new RelayAudited(by.username(), "counterparty.lift", "relay-restriction:" + r.id(),
                    reason + " account " + party.accountRef() + (note == null ? "" : ": " + note)));
        }
        return true;
    }
}
