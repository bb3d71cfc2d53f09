package org.kept.sla.internal;

import java.util.List;
import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.kept.shared.Masking;
import org.kept.identity.UserView;
import org.kept.shared.KeptException;
import org.kept.shared.LocalText;
import org.kept.sla.SlaEntry;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.kept.ticket.TimelineEntry;
import org.springframework.stereotype.Component;

/**
 * Escalation (升级). Functional: the ticket moves up one tier of the administrator's ladder (seeded: agent → team lead
 * (组长) → major-complaints group (重大投诉组)), keeping its whole timeline, with a handover note so nobody starts again.
 * Hierarchical: the leads are told, the ticket stays where it is.
 */
@Component
public class Escalator implements org.kept.sla.Escalations {

    /** The level every ticket starts at: whoever holds it. */
    static final int AGENT = 0;

    private final Tickets tickets;
    private final Recipients recipients;
    private final NotificationStore notifications;
    private final SystemActor system;
    private final ClockStore clocks;
    private final EscalationRules rules;

    Escalator(Tickets tickets, Recipients recipients, NotificationStore notifications, SystemActor system, ClockStore clocks,
              EscalationRules rules) {
        this.tickets = tickets;
        this.recipients = recipients;
        this.notifications = notifications;
        this.system = system;
        this.clocks = clocks;
        this.rules = rules;
    }

    /** What the administrator's escalation rules ask for this ticket: the first rule that holds. */
    Optional<PendingRule> rule(TicketView t, int contacts) {
        return rules.first(t, contacts);
    }

    /**
     * Moves the ticket to the tier {@code atLeast} or the next one, whichever is higher; at the top tier it tells the
     * group's leads instead. Returns the tier the ticket is at afterwards.
     */
    public int functional(long ticketId, int atLeast, String reason, String note, CurrentUser by) {
        TicketView t = tickets.get(ticketId);
        if (!t.state().isActive()) {
            throw KeptException.conflict("sla.escalation.closed", t.number());
        }
        return functional(t, clocks.find(ticketId).map(TicketClock::escalationLevel).orElse(AGENT), atLeast, reason, note, by);
    }

    /**
     * {@link #functional(long, int, String, String, CurrentUser)} for an active ticket and its escalation level as the
     * caller has just read them in this transaction (the scheduler), so they are not read again.
     */
    int functional(TicketView t, int from, int atLeast, String reason, String note, CurrentUser by) {
        long ticketId = t.id();
        EscalationTiers tiers = rules.tiers();
        if (from >= tiers.top()) {
            hierarchical(t, withNote(reason, note), by);
            return from;
        }
        int target = Math.min(tiers.top(), Math.max(atLeast, from + 1));
        Long team = null;
        Long holder = null;
        while (team == null) {
            EscalationTier tier = tiers.at(target);
            if (tier.holder() == EscalationTier.Holder.TEAM) {
                team = tier.teamId();
                if (recipients.team(team).isEmpty()) {
                    throw KeptException.conflict("sla.escalation.noTeam", team);
                }
            } else {
                Optional<UserView> lead = recipients.leadOf(t.teamId(), t.assigneeId());
                if (lead.isPresent()) {
                    team = t.teamId();
                    holder = lead.get().id();
                } else if (target < tiers.top()) {
                    // a team without a lead passes the ticket to the tier above
                    target++;
                } else {
                    hierarchical(t, withNote(reason, note), by);
                    return from;
                }
            }
        }
        // the tier is recorded before the move, so the clock the move replans is already at it and does not ask again
        // for the rule this escalation fulfils (the scheduler then need not plan the clock a second time)
        clocks.escalatedTo(ticketId, target);
        TicketView moved = tickets.assign(t, team, holder, system.get());
        tickets.annotate(moved, new SlaEntry.Escalated(recipients.holderName(t), recipients.holderName(moved),
                handover(t, reason, note)), by);
        notifications.send(recipients.holderOf(moved), "ESCALATION", ticketId,
                LocalText.of("sla.note.escalated", t.number(), withNote(reason, note)));
        return target;
    }

    @Override
    public java.util.OptionalInt escalate(long ticketId, String reason, CurrentUser by) {
        TicketView t = tickets.get(ticketId);
        if (!t.state().isActive()) {
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(functional(t, clocks.find(ticketId).map(TicketClock::escalationLevel).orElse(AGENT),
                AGENT, reason, null, by));
    }

    /** Tells the ticket's team leads (and its holder) without moving it. */
    public void hierarchical(long ticketId, String reason, CurrentUser by) {
        hierarchical(tickets.get(ticketId), reason, by);
    }

    /** {@link #hierarchical(long, String, CurrentUser)} for a ticket the caller has just read. */
    void hierarchical(TicketView t, String reason, CurrentUser by) {
        long ticketId = t.id();
        List<Long> leads = recipients.leadsOf(t.teamId());
        notifications.send(leads, "ESCALATION", ticketId, LocalText.of("sla.note.attention", t.number(), reason));
        String holder = recipients.holderName(t);
        tickets.annotate(t, new SlaEntry.Escalated(holder, holder, LocalText.of("sla.entry.leadNotified", reason).stored()), by);
    }

    /** What the next holder needs to know without asking the customer again: the case in a few lines. */
    private String handover(TicketView t, String reason, String note) {
        List<TimelineEntry> timeline = tickets.timeline(t.id());
        long replies = timeline.stream().filter(e -> e.kind().equals("REPLY")).count();
        long customer = timeline.stream().filter(e -> e.kind().equals("CUSTOMER_REPLY")).count();
        long notes = timeline.stream().filter(e -> e.kind().equals("NOTE")).count();
        String last = timeline.stream().filter(e -> e.kind().equals("CUSTOMER_REPLY")).reduce((a, b) -> b)
                // masked before it is cut: a number cut in two no longer looks like one and would pass the mask
                // the page applies; the whole message stays on the timeline for those who may see it
                .map(e -> Masking.cut(Masking.inText(e.body()), 200)).orElse("-");
        // stored as a message key and arguments: the next holder reads it in their own language
        LocalText text = LocalText.of("sla.entry.handover", reason, recipients.holderName(t), t.number(),
                LocalText.of("ticket.type." + t.type()), t.priority(), LocalText.of("ticket.state." + t.state()),
                t.subject(), replies, customer, notes, last);
        if (note != null && !note.isBlank()) {
            text = LocalText.of("sla.entry.twoLines", text, LocalText.of("sla.entry.handoverNote", note.strip()));
        }
        return text.stored();
    }

    /** The reason with the note someone wrote, as one text in the reader's language. */
    private static String withNote(String reason, String note) {
        return note == null ? reason : LocalText.of("sla.reason.withNote", reason, note).stored();
    }
}
