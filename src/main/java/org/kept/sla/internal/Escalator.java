package org.kept.sla.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.sla.SlaEntry;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.kept.ticket.TimelineEntry;
import org.springframework.stereotype.Component;

/**
 * Escalation (升级). Functional: the ticket moves up one tier, agent → team lead (组长) → major-complaints group
 * (重大投诉组), keeping its whole timeline, with a handover note so nobody starts again. Hierarchical: the leads are told,
 * the ticket stays where it is.
 */
@Component
public class Escalator {

    static final String MAJOR_COMPLAINTS = "major-complaints";
    static final int AGENT = 0;
    static final int LEAD = 1;
    static final int MAJOR = 2;

    private final Tickets tickets;
    private final Recipients recipients;
    private final NotificationStore notifications;
    private final SystemActor system;
    private final ClockStore clocks;
    private final SlaSettings settings;

    Escalator(Tickets tickets, Recipients recipients, NotificationStore notifications, SystemActor system, ClockStore clocks,
              SlaSettings settings) {
        this.tickets = tickets;
        this.recipients = recipients;
        this.notifications = notifications;
        this.system = system;
        this.clocks = clocks;
        this.settings = settings;
    }

    /** What the rules ask for: serious words go to the major-complaints group; urgency and repeat contacts to the lead. */
    Optional<String> rule(TicketView t, int contacts) {
        String text = (t.subject() + " " + t.description()).toLowerCase(Locale.ROOT);
        Optional<String> word = settings.keywords.stream().filter(k -> text.contains(k.toLowerCase(Locale.ROOT))).findFirst();
        if (word.isPresent()) {
            return Optional.of(MAJOR + ":keyword " + word.get());
        }
        // repeat contacts raise the priority too: name the cause, not its effect
        if (contacts >= settings.repeatContacts) {
            return Optional.of(LEAD + ":contacted " + contacts + " times");
        }
        if (t.priority() == Priority.P1) {
            return Optional.of(LEAD + ":priority P1");
        }
        return Optional.empty();
    }

    static int levelOf(String rule) {
        return Integer.parseInt(rule.substring(0, rule.indexOf(':')));
    }

    static String reasonOf(String rule) {
        return rule.substring(rule.indexOf(':') + 1);
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
        int from = clocks.find(ticketId).map(TicketClock::escalationLevel).orElse(AGENT);
        if (from >= MAJOR) {
            hierarchical(ticketId, reason + (note == null ? "" : " — " + note), by);
            return from;
        }
        int target = Math.min(MAJOR, Math.max(atLeast, from + 1));
        Optional<org.kept.identity.UserView> lead = target == LEAD ? recipients.leadOf(t.teamId(), t.assigneeId()) : Optional.empty();
        if (target == LEAD && lead.isEmpty()) {
            target = MAJOR;
        }
        TicketView moved;
        if (target == LEAD) {
            moved = tickets.assign(ticketId, t.teamId(), lead.get().id(), t.version(), system.get());
        } else {
            long major = recipients.teamByCode(MAJOR_COMPLAINTS)
                    .orElseThrow(() -> KeptException.conflict("sla.escalation.noTeam", MAJOR_COMPLAINTS));
            moved = tickets.assign(ticketId, major, null, t.version(), system.get());
        }
        tickets.annotate(ticketId, new SlaEntry.Escalated(recipients.holderName(t), recipients.holderName(moved),
                handover(t, reason, note)), by);
        int level = target;
        clocks.find(ticketId).ifPresent(c -> {
            c.escalatedTo(level);
            clocks.save(c);
        });
        notifications.send(recipients.holderOf(moved), "ESCALATION", ticketId,
                "升级 Escalated " + t.number() + ": " + reason + (note == null ? "" : " — " + note));
        return target;
    }

    /** Tells the ticket's team leads (and its holder) without moving it. */
    public void hierarchical(long ticketId, String reason, CurrentUser by) {
        TicketView t = tickets.get(ticketId);
        List<Long> leads = recipients.leadsOf(t.teamId());
        notifications.send(leads, "ESCALATION", ticketId, "请关注 Attention " + t.number() + ": " + reason);
        String holder = recipients.holderName(t);
        tickets.annotate(ticketId, new SlaEntry.Escalated(holder, holder, "通知组长 Lead notified: " + reason), by);
    }

    /** What the next holder needs to know without asking the customer again: the case in a few lines. */
    private String handover(TicketView t, String reason, String note) {
        List<TimelineEntry> timeline = tickets.timeline(t.id());
        long replies = timeline.stream().filter(e -> e.kind().equals("REPLY")).count();
        long customer = timeline.stream().filter(e -> e.kind().equals("CUSTOMER_REPLY")).count();
        long notes = timeline.stream().filter(e -> e.kind().equals("NOTE")).count();
        String last = timeline.stream().filter(e -> e.kind().equals("CUSTOMER_REPLY")).reduce((a, b) -> b)
                .map(e -> e.body().length() > 200 ? e.body().substring(0, 200) + "…" : e.body()).orElse("-");
        StringBuilder s = new StringBuilder();
        s.append("交接 Handover — 原因 Reason: ").append(reason).append('\n');
        s.append("原处理 Was with: ").append(recipients.holderName(t)).append('\n');
        s.append("工单 Ticket: ").append(t.number()).append(' ').append(t.type()).append(' ').append(t.priority())
                .append(' ').append(t.state()).append(" — ").append(t.subject()).append('\n');
        s.append("已回复 Replies: ").append(replies).append(", 客户来信 Customer messages: ").append(customer)
                .append(", 备注 Notes: ").append(notes).append('\n');
        s.append("客户最近来信 Last from customer: ").append(last);
        if (note != null && !note.isBlank()) {
            s.append('\n').append("说明 Note: ").append(note.strip());
        }
        return s.toString();
    }
}
