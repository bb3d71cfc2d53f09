package org.kept.aftersales.internal;

import java.util.EnumSet;
import org.kept.aftersales.AftersalesAudited;
import org.kept.aftersales.AftersalesEntry;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.SystemAccount;
import org.kept.shared.LocalText;
import org.kept.ticket.Tickets;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Every move of a refund or a case, written once in the transaction that made it: on the ticket's timeline (which
 * audits it) when there is a ticket, straight into the audit log when there is none. A move nobody in particular
 * made (a provider's answer, the worker's query) is signed by the module's own account.
 */
@Component
class AftersalesTrail {

    static final String SYSTEM = "kept-aftersales";

    private final Tickets tickets;
    private final ApplicationEventPublisher events;
    private final SystemAccount system;

    AftersalesTrail(Tickets tickets, Directory directory, ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.events = events;
        this.system = new SystemAccount(directory, SYSTEM, "Kept After-sales", "AS",
                EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE));
    }

    /** A refund reached its state from {@code from} (null: it was just made). */
    void refund(Refund r, RefundState from, CurrentUser by) {
        String to = r.state().name();
        String body = LocalText.of("aftersales.timeline.refund." + to, r.refundNo(), r.amount().toString(),
                r.failure() == null ? "" : r.failure()).cut(1000).stored();
        write(r.ticketId(), new AftersalesEntry.RefundMoved(r.refundNo(), from == null ? null : from.name(), to, body),
                "refund." + to, "refund:" + r.refundNo(), by);
    }

    /** A case was opened, its return received, or it was closed. */
    void aCase(long caseId, Long ticketId, AftersalesCase.Kind kind, String orderNo, AftersalesCase.State state, String note,
               CurrentUser by) {
        String body = LocalText.of("aftersales.timeline.case." + state.name(), caseId, LocalText.of("aftersales.case.kind." + kind),
                orderNo, note == null ? "" : note).cut(1000).stored();
        write(ticketId, new AftersalesEntry.CaseMoved(caseId, kind.name(), state.name(), body),
                "aftersales.case." + state.name(), "aftersales-case:" + caseId, by);
    }

    void pickup(Pickup p, Long ticketId, CurrentUser by) {
        String body = LocalText.of("aftersales.timeline.pickup", p.caseId(), p.windowStart()).stored();
        write(ticketId, new AftersalesEntry.PickupScheduled(p.caseId(), String.valueOf(p.windowStart()), body),
                "aftersales.pickup", "aftersales-case:" + p.caseId(), by);
    }

    private void write(Long ticketId, AftersalesEntry entry, String action, String subject, CurrentUser by) {
        CurrentUser actor = by == null ? system.get() : by;
        if (ticketId != null) {
            tickets.annotate(ticketId, entry, actor);
        } else {
            events.publishEvent(new AftersalesAudited(actor.username(), action, subject,
                    (entry.oldValue() == null ? "" : entry.oldValue() + " → ") + entry.newValue()));
        }
    }
}
