package org.kept.authority.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.kept.authority.AuthorityEntry;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.SystemAccount;
import org.kept.identity.UserView;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.kept.shared.LocalText;
import org.kept.shared.Money;
import org.kept.sla.Notifications;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Granting on a ticket (授权) and exception requests above one's limits (特例申请). A grant within every limit happens at
 * once; the totals it is checked against are summed while the agent's and the customer's tally rows are locked, so two
 * grants at once never both pass a limit. Above a limit the same form files a request that climbs the chain computed
 * from the limits; each approver of the current level approves or rejects with a comment, any rejection ends it, the
 * requester never decides their own, withdraws it instead of editing it, and a level that does not decide in time lets
 * it expire and tells the level above. Every step is on the ticket's timeline (and so in the audit log).
 */
@Service
public class GrantDesk implements org.kept.authority.Authorities {

    static final String SYSTEM = "kept-authority";

    private final GrantStore store;
    private final LimitDesk limits;
    private final Tickets tickets;
    private final Directory directory;
    private final Notifications notifications;
    private final CentreZone zone;
    private final Clock clock;
    private final Duration decisionTime;
    private final org.springframework.transaction.support.TransactionTemplate tx;
    private final SystemAccount system;
    private final org.kept.sla.Escalations escalations;
    private final org.springframework.context.ApplicationEventPublisher events;

    GrantDesk(GrantStore store, LimitDesk limits, Tickets tickets, Directory directory, Notifications notifications,
              CentreZone zone, Clock clock, @Value("${kept.authority.decision-time:PT4H}") Duration decisionTime,
              org.springframework.transaction.PlatformTransactionManager transactions,
              org.kept.sla.Escalations escalations, org.springframework.context.ApplicationEventPublisher events) {
        this.escalations = escalations;
        this.events = events;
        this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.store = store;
        this.limits = limits;
        this.tickets = tickets;
        this.directory = directory;
        this.system = new SystemAccount(directory, SYSTEM, "Kept Authority", "AU",
                EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE));
        this.notifications = notifications;
        this.zone = zone;
        this.clock = clock;
        this.decisionTime = decisionTime;
    }

    /** What the agent asks for on a ticket; {@code evidence} is needed only when it becomes an exception request. */
    public record GrantForm(String action, Money amount, String reason, String evidence) {
    }

    /** Granted at once, or filed as an exception request: exactly one of the two. */
    public record Outcome(Grant grant, ExceptionRequest request) {
    }

    public Duration decisionTime() {
        return decisionTime;
    }

    @Override
    @Transactional
    public Answer grantOrRequest(Ask ask, CurrentUser by) {
        Outcome o = grantOrRequest(ask.ticketId(), new GrantForm(ask.action(), ask.amount(), ask.reason(), ask.evidence()), by);
        return o.grant() != null ? new Answer(o.grant().id(), null) : new Answer(null, o.request().id());
    }

    @Transactional
    public Outcome grantOrRequest(long ticketId, GrantForm form, CurrentUser me) {
        ActionKind action = check(form);
        TicketView ticket = tickets.get(ticketId);
        Long customer = ticket.customerId() == 0 ? null : ticket.customerId();
        Money amount = form.amount();
        store.lockTallies(me.id(), customer);
        Limit.Totals totals = totals(me.id(), customer, action.code(), amount.currency());
        Optional<Limit> mine = limits.effective(me.id(), me.role(), action.code(), amount.currency());
        Limit.Breach breach = mine.map(l -> l.check(amount.minor(), totals)).orElse(Limit.Breach.NO_LIMIT);
        Instant now = clock.instant();
        String reason = form.reason().strip();
        if (breach == Limit.Breach.NONE) {
            long id = store.insertGrant(ticket.id(), customer, me.id(), me.teamId(), action.code(), amount, reason, null, now);
            tickets.annotate(ticket, new AuthorityEntry.Granted(id, action.code(), amount.toString(), null,
                    LocalText.of("authority.timeline.granted", names(action), amount.toString(), reason).cut(1000).stored()), me);
            return new Outcome(store.grant(id).orElseThrow(), null);
        }
        if (form.evidence() == null || form.evidence().isBlank()) {
            throw KeptException.invalid(List.of(new KeptException.Field("evidence", "authority.evidence.required." + breach,
                    mine.map(l -> l.perCaseMoney().toString()).orElse("0"))));
        }
        List<Level> chain = ApprovalChain.compute(limits.ladder(), me.role(),
                role -> limits.roleLimit(role, action.code(), amount.currency()),
                level -> !approvers(level, me.id(), me.teamId()).isEmpty(), amount.minor(), totals);
        if (chain.isEmpty()) {
            throw KeptException.invalid("authority.noApprover", amount.toString());
        }
        long id = store.insertRequest(ticket.id(), customer, me.id(), me.teamId(), action.code(), amount, reason,
                form.evidence().strip(), chain, now, now.plus(decisionTime));
        String levels = String.join(">", chain.stream().map(Level::role).toList());
        tickets.annotate(ticket, new AuthorityEntry.Requested(id, action.code(), amount.toString(), levels,
                LocalText.of("authority.timeline.requested", names(action), amount.toString(), reason,
                        String.join(" → ", chain.stream().map(l -> l.nameZh() + " / " + l.nameEn()).toList()),
                        form.evidence().strip()).cut(1000).stored()), me);
        notifyApprovers(chain.get(0), me.id(), me.teamId(), ticket.id(),
                LocalText.of("authority.notify.waiting", ticket.number(), names(action), amount.toString()));
        return new Outcome(null, request(id));
    }

    private ActionKind check(GrantForm form) {
        List<KeptException.Field> wrong = new ArrayList<>();
        ActionKind action = null;
        if (form.action() == null || form.action().isBlank()) {
            wrong.add(new KeptException.Field("action", "authority.action.required"));
        } else {
            action = limits.actions().stream().filter(a -> a.active() && a.code().equals(form.action())).findFirst().orElse(null);
            if (action == null) {
                wrong.add(new KeptException.Field("action", "authority.action.unknown", form.action()));
            }
        }
        if (form.amount() == null || !form.amount().isPositive()) {
            wrong.add(new KeptException.Field("amount", "authority.amount.invalid"));
        }
        if (form.reason() == null || form.reason().isBlank() || form.reason().length() > 1000) {
            wrong.add(new KeptException.Field("reason", "authority.reason.required"));
        }
        if (form.evidence() != null && form.evidence().length() > 4000) {
            wrong.add(new KeptException.Field("evidence", "authority.evidence.tooLong"));
        }
        if (!wrong.isEmpty()) {
            throw KeptException.invalid(wrong);
        }
        return action;
    }

    /** Totals of the centre's day so far (agent) and of the last 30 days (customer), for one action and currency. */
    public Limit.Totals totals(long agentId, Long customerId, String action, String currency) {
        Instant now = clock.instant();
        ZoneId z = zone.zone();
        Instant dayStart = LocalDate.ofInstant(now, z).atStartOfDay(z).toInstant();
        return store.totals(agentId, customerId, action, currency, dayStart, now.minus(Duration.ofDays(30)));
    }

    public enum Decision {
        APPROVE, REJECT
    }

    @Transactional
    public ExceptionRequest decide(long id, Decision decision, String comment, CurrentUser me) {
        ExceptionRequest r = request(id);
        if (r.requesterId() == me.id()) {
            throw KeptException.forbidden("authority.self");
        }
        if (decision == null) {
            throw KeptException.invalid("authority.decision.required");
        }
        String stepState = decision == Decision.APPROVE ? "APPROVED" : "REJECTED";
        // the same decision by the same person again (a retry, a double click) answers with the request as it is
        if (r.chain().stream().anyMatch(s -> Long.valueOf(me.id()).equals(s.decidedBy()) && stepState.equals(s.state()))) {
            return r;
        }
        if (!r.pending()) {
            throw KeptException.conflict("authority.ended", r.state().name());
        }
        ExceptionRequest.Step step = r.current();
        if (!mayDecide(step, me)) {
            throw KeptException.forbidden("authority.notYourStep", step.name(java.util.Locale.ENGLISH));
        }
        if (comment == null || comment.isBlank() || comment.length() > 1000) {
            throw KeptException.invalid(List.of(new KeptException.Field("comment", "authority.comment.required")));
        }
        Instant now = clock.instant();
        String note = comment.strip();
        if (!store.decideStep(id, step.seq(), stepState, me.id(), me.displayName(), note, now)) {
            throw KeptException.conflict("authority.stale");
        }
        TicketView ticket = tickets.get(r.ticketId());
        ActionKind action = limits.action(r.action());
        tickets.annotate(ticket, new AuthorityEntry.Decided(id, step.seq(), stepState,
                LocalText.of("authority.timeline.decided." + stepState, step.nameZh() + " / " + step.nameEn(),
                        names(action), r.amount().toString(), note).cut(1000).stored()), me);
        if (decision == Decision.REJECT) {
            store.end(id, step.seq(), ExceptionRequest.State.REJECTED, note, now);
            events.publishEvent(new org.kept.authority.AuthorityRequestEnded(id, r.ticketId(), r.action(), "REJECTED", null));
            notifications.send(List.of(r.requesterId()), "AUTHORITY_REJECTED", r.ticketId(),
                    LocalText.of("authority.notify.rejected", ticket.number(), names(action), r.amount().toString(), note).cut(200));
        } else if (step.seq() >= r.steps()) {
            store.end(id, step.seq(), ExceptionRequest.State.APPROVED, note, now);
            store.lockTallies(r.requesterId(), r.customerId());
            long grant = store.insertGrant(r.ticketId(), r.customerId(), r.requesterId(), r.requesterTeamId(), r.action(),
                    r.amount(), r.reason(), id, now);
            tickets.annotate(ticket, new AuthorityEntry.Granted(grant, r.action(), r.amount().toString(), id,
                    LocalText.of("authority.timeline.grantedApproved", names(action), r.amount().toString(), r.reason(),
                            me.displayName()).cut(1000).stored()), me);
            events.publishEvent(new org.kept.authority.AuthorityRequestEnded(id, r.ticketId(), r.action(), "APPROVED", grant));
            notifications.send(List.of(r.requesterId()), "AUTHORITY_APPROVED", r.ticketId(),
                    LocalText.of("authority.notify.approved", ticket.number(), names(action), r.amount().toString()));
        } else {
            store.advance(id, step.seq(), now.plus(decisionTime));
            ExceptionRequest.Step next = r.chain().get(step.seq());
            notifyStep(next, r, ticket.number(), LocalText.of("authority.notify.waiting", ticket.number(), names(action),
                    r.amount().toString()));
        }
        return request(id);
    }

    @Transactional
    public ExceptionRequest withdraw(long id, String reason, CurrentUser me) {
        ExceptionRequest r = request(id);
        if (r.requesterId() != me.id()) {
            throw KeptException.forbidden("authority.notRequester");
        }
        if (r.state() == ExceptionRequest.State.WITHDRAWN) {
            return r;
        }
        if (!r.pending()) {
            throw KeptException.conflict("authority.ended", r.state().name());
        }
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw KeptException.invalid(List.of(new KeptException.Field("reason", "authority.withdraw.reasonRequired")));
        }
        if (!store.end(id, r.step(), ExceptionRequest.State.WITHDRAWN, reason.strip(), clock.instant())) {
            throw KeptException.conflict("authority.stale");
        }
        tickets.annotate(r.ticketId(), new AuthorityEntry.Ended(id, "WITHDRAWN", LocalText.of("authority.timeline.withdrawn",
                names(limits.action(r.action())), r.amount().toString(), reason.strip()).cut(1000).stored()), me);
        events.publishEvent(new org.kept.authority.AuthorityRequestEnded(id, r.ticketId(), r.action(), "WITHDRAWN", null));
        return request(id);
    }

    /**
     * Ends every pending request whose level let its time run out by {@code now}: EXPIRED on the ticket, and the
     * next level up the ladder (or, at the top, the requester alone) is told. Safe on several instances: each
     * request ends once (compare-and-set). Returns how many expired here.
     */
    public int expireDue(Instant now) {
        int expired = 0;
        for (long id : store.due(now, 200)) {
            if (expireOne(id, now)) {
                expired++;
            }
        }
        return expired;
    }

    private boolean expireOne(long id, Instant now) {
        return Boolean.TRUE.equals(tx.execute(s -> expireInTransaction(id, now)));
    }

    private boolean expireInTransaction(long id, Instant now) {
        ExceptionRequest r = request(id);
        if (!r.pending() || r.stepDueAt() == null || r.stepDueAt().isAfter(now)) {
            return false;
        }
        ExceptionRequest.Step step = r.current();
        if (!store.end(id, r.step(), ExceptionRequest.State.EXPIRED, "expired", now)) {
            return false;
        }
        TicketView ticket = tickets.get(r.ticketId());
        ActionKind action = limits.action(r.action());
        tickets.annotate(ticket, new AuthorityEntry.Ended(id, "EXPIRED", LocalText.of("authority.timeline.expired",
                names(action), r.amount().toString(), step.nameZh() + " / " + step.nameEn()).stored()), system());
        List<Long> told = new ArrayList<>();
        told.add(r.requesterId());
        limits.ladder().stream().filter(l -> l.position() > step.levelPosition())
                .map(l -> approvers(l, r.requesterId(), r.requesterTeamId()))
                .filter(list -> !list.isEmpty()).findFirst()
                .ifPresent(list -> list.forEach(u -> told.add(u.id())));
        notifications.send(told, "AUTHORITY_EXPIRED", r.ticketId(),
                LocalText.of("authority.notify.expired", ticket.number(), names(action), r.amount().toString(),
                        step.nameZh() + " / " + step.nameEn()));
        events.publishEvent(new org.kept.authority.AuthorityRequestEnded(id, r.ticketId(), r.action(), "EXPIRED", null));
        escalate(ticket, r, action, step);
        return true;
    }

    /**
     * The expiry escalates under the SLA: the ticket climbs one tier of the escalation ladder (its timeline says so).
     * A ladder that cannot take it (a tier's team without members) is logged; the expiry itself stands.
     */
    private void escalate(TicketView ticket, ExceptionRequest r, ActionKind action, ExceptionRequest.Step step) {
        if (!ticket.state().isActive()) {
            return;
        }
        try {
            escalations.escalate(ticket.id(), LocalText.of("authority.reason.expired", names(action),
                    r.amount().toString(), step.nameZh() + " / " + step.nameEn()).stored(), system());
        } catch (KeptException cannot) {
            org.slf4j.LoggerFactory.getLogger(GrantDesk.class).warn("ticket {}: expired request {} not escalated: {}",
                    ticket.number(), r.id(), cannot.getMessage());
        }
    }

    public ExceptionRequest request(long id) {
        return store.request(id).orElseThrow(() -> KeptException.notFound("authority-request", id));
    }

    public List<ExceptionRequest> requestsOfTicket(long ticketId) {
        return store.requestsOfTicket(ticketId);
    }

    public Grant grant(long id) {
        return store.grant(id).orElseThrow(() -> KeptException.notFound("authority-grant", id));
    }

    public List<Grant> grantsOfTicket(long ticketId) {
        return store.grantsOfTicket(ticketId);
    }

    /** Requests waiting for this person's decision: at their level (and team, for a team's level), never their own. */
    public List<ExceptionRequest> waitingFor(CurrentUser me) {
        if (!me.can(Permission.AUTHORITY_APPROVE)) {
            return List.of();
        }
        return store.waitingFor(me.role(), me.teamId(), me.id(), 200);
    }

    public List<ExceptionRequest> requestsOf(CurrentUser me) {
        return store.requestsOf(me.id(), 100);
    }

    /** Whether this person may decide the step: the level's role, its team for a team's level, and the right to approve. */
    public static boolean mayDecide(ExceptionRequest.Step step, CurrentUser me) {
        return me.can(Permission.AUTHORITY_APPROVE) && step.role().equals(me.role())
                && (step.teamId() == null || step.teamId().equals(me.teamId()));
    }

    /** Whether this person may see the request: its requester, anyone who decided or may decide a step, a manager. */
    public static boolean maySee(ExceptionRequest r, CurrentUser me) {
        return r.requesterId() == me.id() || me.can(Permission.AUTHORITY_ADMIN) || r.chain().stream().anyMatch(s ->
                Long.valueOf(me.id()).equals(s.decidedBy()) || mayDecide(s, me));
    }

    private List<UserView> approvers(Level level, long requesterId, Long requesterTeam) {
        return directory.staffWith(Permission.AUTHORITY_APPROVE).stream()
                .filter(u -> u.id() != requesterId && u.role().equals(level.role()))
                .filter(u -> !level.sameTeam() || (requesterTeam != null && requesterTeam.equals(u.teamId())))
                .toList();
    }

    private void notifyApprovers(Level level, long requesterId, Long team, long ticketId, LocalText body) {
        notifications.send(approvers(level, requesterId, team).stream().map(UserView::id).toList(), "AUTHORITY_WAITING",
                ticketId, body);
    }

    private void notifyStep(ExceptionRequest.Step step, ExceptionRequest r, String number, LocalText body) {
        notifyApprovers(new Level(step.levelPosition(), step.role(), step.teamId() != null, step.nameZh(), step.nameEn()),
                r.requesterId(), step.teamId() != null ? step.teamId() : r.requesterTeamId(), r.ticketId(), body);
    }

    private static String names(ActionKind a) {
        return a.nameZh() + " / " + a.nameEn();
    }

    private CurrentUser system() {
        return system.get();
    }
}
