package org.kept.sla.web;

import org.kept.shared.Flash;
import java.time.Clock;
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

    SlaPages(EscalationBoard board, CommitmentDesk commitments, Directory directory,
             Problems problems, Clock clock, TicketSlaActions forms, PromiseRows rows) {
        this.rows = rows;
        this.forms = forms;
        this.board = board;
        this.commitments = commitments;
        this.directory = directory;
        this.problems = problems;
        this.clock = clock;
    }

    @GetMapping("/console/escalations")
    @PreAuthorize("hasAuthority('TICKET_ASSIGN_ANY')")
    String board(@RequestParam(required = false) Long team, @AuthenticationPrincipal CurrentUser me, Model model) {
        Long shown = team != null ? team : me.teamId();
        model.addAttribute("rows", board.next(shown != null && shown == 0 ? null : shown, 100, clock.instant()).stream()
                .map(r -> SlaMasking.of(r, me)).toList());
        model.addAttribute("teams", directory.teams());
        model.addAttribute("team", shown);
        model.addAttribute("names", new Holders(directory));
        return "sla/escalations";
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
