package org.kept.sla.web;

import org.kept.shared.Flash;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.kept.identity.CurrentUser;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.kept.shared.Problems;
import org.kept.sla.internal.CommitmentDesk;
import org.kept.sla.internal.Escalator;
import org.kept.sla.internal.ExpediteDesk;
import org.kept.sla.internal.PromiseTimes;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The ticket page's expedite, escalate and promise forms: act, then back to the ticket with the outcome or the reason. */
@Controller
class TicketSlaActions {

    private final ExpediteDesk expedite;
    private final Escalator escalator;
    private final CommitmentDesk commitments;
    private final Problems problems;
    private final CentreZone zone;
    private final PromiseTimes times;

    TicketSlaActions(ExpediteDesk expedite, Escalator escalator, CommitmentDesk commitments, Problems problems,
                     CentreZone zone, PromiseTimes times) {
        this.times = times;
        this.expedite = expedite;
        this.escalator = escalator;
        this.commitments = commitments;
        this.problems = problems;
        this.zone = zone;
    }

    @PostMapping("/console/tickets/{id}/expedite")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String expedite(@PathVariable long id, @RequestParam(required = false) String reason, @RequestParam(required = false) String formKey,
                    @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        String key = formKey == null || formKey.isBlank() ? UUID.randomUUID().toString() : formKey;
        return act(id, locale, redirect, "sla.expedite.done", () -> expedite.expedite(id, reason, me, key));
    }

    @PostMapping("/console/tickets/{id}/escalate")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String escalate(@PathVariable long id, @RequestParam(required = false) String note,
                    @RequestParam(defaultValue = "FUNCTIONAL") String kind, @AuthenticationPrincipal CurrentUser me,
                    Locale locale, RedirectAttributes redirect) {
        return act(id, locale, redirect, "sla.escalate.done", () -> {
            if (note == null || note.isBlank() || note.length() > 2000) {
                throw KeptException.invalid("sla.escalate.note");
            }
            if (kind.equals("HIERARCHICAL")) {
                escalator.hierarchical(id, note.strip(), me);
            } else {
                escalator.functional(id, 0, "人工升级 By hand: " + me.displayName(), note.strip(), me);
            }
            return null;
        });
    }

    /** A refused promise comes back with what was typed still in the form, beside the reason. */
    @PostMapping("/console/tickets/{id}/commitments")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String promise(@PathVariable long id, @RequestParam(required = false) String promise,
                   @RequestParam(required = false) String due, @RequestParam(defaultValue = "false") boolean callBack,
                   @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        try {
            commitments.promise(id, promise, local(due), callBack, me);
            Flash.notice(redirect, problems.message("sla.commitment.done", locale));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
            redirect.addFlashAttribute("promiseText", promise);
            redirect.addFlashAttribute("promiseDue", due);
            redirect.addFlashAttribute("promiseCallBack", callBack);
        }
        return "redirect:/console/tickets/" + id;
    }

    /** Quick picks for the promise's time, within the team's business calendar; the form loads them with htmx. */
    @GetMapping("/console/tickets/{id}/promise-times")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String promiseTimes(@PathVariable long id, Model model) {
        DateTimeFormatter field = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        model.addAttribute("picks", times.picks(id).stream().map(p -> new PickView(p.kind(), p.tomorrow(),
                p.at().atZone(zone.zone()), field.format(p.at().atZone(zone.zone())))).toList());
        return "sla/panels :: picks";
    }

    /** A quick pick as the form shows it: the label's parts and the value for the datetime-local field. */
    record PickView(String kind, boolean tomorrow, ZonedDateTime at, String value) {
    }

    /** A datetime-local field, read in the centre's time zone. */
    java.time.Instant local(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDateTime.parse(value).atZone(zone.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw KeptException.invalid("sla.commitment.due");
        }
    }

    private String act(long id, Locale locale, RedirectAttributes redirect, String done, Supplier<Object> action) {
        try {
            action.get();
            Flash.notice(redirect, problems.message(done, locale));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        // the ticket page opens the tab of the form used, so what happened shows beside it
        redirect.addFlashAttribute("tab", done.startsWith("sla.commitment") ? "promise" : done.split("\\.")[1]);
        return "redirect:/console/tickets/" + id;
    }
}
