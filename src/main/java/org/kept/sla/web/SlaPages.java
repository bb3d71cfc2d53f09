package org.kept.sla.web;

import org.kept.shared.Flash;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kept.shared.Elapsed;
import org.kept.sla.Assignees;
import org.kept.sla.internal.EscalationAdmin;
import org.kept.ticket.Tickets;
import java.util.Locale;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.KeptException;
import org.kept.shared.Problems;
import org.kept.sla.internal.CommitmentDesk;
import org.kept.sla.internal.EscalationBoard;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The leads' escalation board and one's promises (notifications: {@link NotificationPages}). */
@Controller
class SlaPages {

    private final EscalationBoard board;
    private final CommitmentDesk commitments;
    private final Directory directory;
    private final Problems problems;
    private final Clock clock;
    private final TicketSlaActions forms;
    private final PromiseRows rows;
    private final EscalationAdmin escalations;
    private final Assignees assignees;
    private final Tickets tickets;

    SlaPages(EscalationBoard board, CommitmentDesk commitments, Directory directory,
             Problems problems, Clock clock, TicketSlaActions forms, PromiseRows rows, EscalationAdmin escalations,
             Assignees assignees, Tickets tickets) {
        this.rows = rows;
        this.escalations = escalations;
        this.assignees = assignees;
        this.tickets = tickets;
        this.forms = forms;
        this.board = board;
        this.commitments = commitments;
        this.directory = directory;
        this.problems = problems;
        this.clock = clock;
    }

    @GetMapping("/console/escalations")
    @PreAuthorize("hasAuthority('TICKET_ASSIGN_ANY')")
    String board(@RequestParam(required = false) Long team, @AuthenticationPrincipal CurrentUser me, Locale locale,
                 Model model) {
        Long shown = team != null ? team : me.teamId();
        Instant now = clock.instant();
        var tiers = escalations.tiers();
        boolean zh = "zh".equals(locale.getLanguage());
        Map<Long, List<Assignees.Assignee>> takers = new HashMap<>();
        List<BoardLine> lines = board.next(shown != null && shown == 0 ? null : shown, 100, now).stream()
                .map(r -> SlaMasking.of(r, me))
                .map(r -> {
                    var tier = r.escalationLevel() < tiers.tiers().size() ? tiers.at(r.escalationLevel()) : null;
                    return new BoardLine(r, org.kept.ticket.Priority.ofRank(r.priority()),
                            Elapsed.between(r.createdAt(), now), Elapsed.between(r.waitingSince(), now),
                            tier == null ? "#" + r.escalationLevel() : zh ? tier.nameZh() : tier.nameEn(),
                            r.overdueAt(now) && r.escalationLevel() == 0,
                            takers.computeIfAbsent(r.teamId() == null ? -1L : r.teamId(),
                                    k -> assignees.of(k == -1L ? null : k)));
                }).toList();
        model.addAttribute("overdue", lines.stream().filter(l -> l.row().overdueAt(now)).toList());
        model.addAttribute("upcoming", lines.stream().filter(l -> !l.row().overdueAt(now)).toList());
        model.addAttribute("teams", directory.teams());
        model.addAttribute("team", shown);
        model.addAttribute("names", new Holders(directory));
        return "sla/escalations";
    }

    /**
     * A line of the board as a lead reads it: the ticket's age and the time since the centre last spoke in the same
     * words as the queue, the tier by its name on the ladder (flagged when a breach has not moved it), and the people
     * of the ticket's team who could take it over.
     */
    record BoardLine(EscalationBoard.Row row, org.kept.ticket.Priority priority, Elapsed age, Elapsed sinceUpdate, String tier, boolean notEscalated,
                     List<Assignees.Assignee> takers) {
    }

    /** Reassigns a ticket from the board to someone of its team; back to the board with what happened. */
    @PostMapping("/console/escalations/{id}/assign")
    @PreAuthorize("hasAuthority('TICKET_ASSIGN_ANY') and hasAuthority('TICKET_WRITE')")
    String reassign(@PathVariable long id, @RequestParam(required = false) Long assignee,
                    @RequestParam(required = false) Long team, @AuthenticationPrincipal CurrentUser me, Locale locale,
                    RedirectAttributes redirect) {
        try {
            if (assignee == null) {
                throw KeptException.invalid("sla.board.assignee");
            }
            // the lead acts on the ticket as it is now: the board is a moment old and the choice is the lead's anyway
            var t = tickets.get(id);
            tickets.assign(id, null, assignee, t.version(), me);
            Flash.notice(redirect, problems.message("sla.board.reassigned", locale, t.number(),
                    directory.user(assignee).map(u -> u.displayName()).orElse("#" + assignee)));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/console/escalations" + (team == null ? "" : "?team=" + team);
    }

    @GetMapping("/console/commitments")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String commitments(@RequestParam(defaultValue = "true") boolean mine, @AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("mine", mine);
        model.addAttribute("rows", rows.of((mine || me.teamId() == null ? commitments.open(me.id(), null, 200)
                : commitments.open(null, me.teamId(), 200)).stream().map(c -> SlaMasking.of(c, me)).toList(), me));
        return "sla/commitments";
    }

    @PostMapping("/console/commitments/{id}/kept")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String kept(@PathVariable long id, @RequestParam(required = false) String outcome,
                @RequestParam(required = false) Integer version,
                @RequestParam(required = false) String nextPromise, @RequestParam(required = false) String nextDue,
                @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        try {
            String next = nextPromise == null || nextPromise.isBlank() ? null : nextPromise;
            commitments.keep(id, outcome, version, next, next == null ? null : forms.local(nextDue), me);
            Flash.notice(redirect, problems.message("sla.commitment.keptDone", locale));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/console/commitments";
    }

    /** Names of teams and people for the board. */
    record Holders(Directory directory) {
        public String team(Long id) {
            return id == null ? "—" : directory.team(id).map(t -> t.name()).orElse("#" + id);
        }

        public String person(Long id) {
            return id == null ? "—" : directory.user(id).map(u -> u.displayName()).orElse("#" + id);
        }
    }
}
