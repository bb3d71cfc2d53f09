package org.kept.callback.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.kept.callback.internal.CallbackAttempt;
import org.kept.callback.internal.CallbackDesk;
import org.kept.callback.internal.CallbackTask;
import org.kept.identity.CurrentUser;
import org.kept.shared.CentreZone;
import org.kept.shared.Flash;
import org.kept.shared.KeptException;
import org.kept.shared.Problems;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The callback lists (mine, team, overdue) and the callback screen with script, case history and click-to-call. */
@Controller
class CallbackPages {

    private final CallbackDesk desk;
    private final CaseHistory history;
    private final Problems problems;
    private final CentreZone zone;
    private final Clock clock;

    CallbackPages(CallbackDesk desk, CaseHistory history, Problems problems, CentreZone zone, Clock clock) {
        this.desk = desk;
        this.history = history;
        this.problems = problems;
        this.zone = zone;
        this.clock = clock;
    }

    @GetMapping("/console/callbacks")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String list(@RequestParam(defaultValue = "MINE") CallbackDesk.View view, @AuthenticationPrincipal CurrentUser me,
                Model model) {
        Instant now = clock.instant();
        model.addAttribute("view", view);
        model.addAttribute("counts", desk.counts(me));
        model.addAttribute("tasks", desk.list(view, me, 200).stream().map(t -> CallbackJson.of(t, me, now)).toList());
        return "callback/list";
    }

    @GetMapping("/console/callbacks/{id}")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String screen(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        CallbackTask task = desk.getFor(id, me);
        List<CallbackAttempt> attempts = desk.attempts(id);
        model.addAttribute("task", CallbackJson.of(task, me, clock.instant()));
        model.addAttribute("attempts", attempts.stream().map(a -> CallbackJson.of(a, me)).toList());
        model.addAttribute("current", task.open() ? attempts.stream().filter(a -> !a.done()).reduce((a, b) -> b)
                .orElse(null) : null);
        model.addAttribute("maxAttempts", desk.rule(task.reason()).maxAttempts());
        model.addAttribute("outcomes", CallbackAttempt.Outcome.values());
        history.fill(task, me, locale, model);
        return "callback/screen";
    }

    @PostMapping("/console/callbacks/{id}/dial")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String dial(@PathVariable long id, @RequestParam(required = false) Long attempt,
                @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        try {
            desk.dial(id, attempt, me);
            Flash.notice(redirect, problems.message("callback.dialQueued", locale));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/console/callbacks/" + id;
    }

    @PostMapping("/console/callbacks/{id}/outcome")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String outcome(@PathVariable long id, @RequestParam(required = false) Long attempt,
                   @RequestParam(required = false) CallbackAttempt.Outcome outcome,
                   @RequestParam(required = false) String callAgainAt, @RequestParam(required = false) String note,
                   @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        try {
            CallbackTask t = desk.record(id, attempt, outcome, local(callAgainAt), note, me);
            Flash.notice(redirect, problems.message(t.open() ? "callback.recordedNext" : "callback.recordedClosed." + t.state(),
                    locale));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/console/callbacks/" + id;
    }

    /** A datetime-local field's value, read in the centre's zone. */
    private Instant local(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).atZone(zone.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw KeptException.invalid("callback.callAgainAt.invalid");
        }
    }
}
