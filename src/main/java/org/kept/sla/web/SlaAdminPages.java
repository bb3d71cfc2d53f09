package org.kept.sla.web;

import org.kept.shared.Flash;
import java.util.Locale;
import java.util.UUID;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.KeptException;
import org.kept.shared.Problems;
import org.kept.sla.internal.Policy;
import org.kept.sla.internal.PolicyAdmin;
import org.kept.ticket.Channel;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketType;
import org.kept.ticket.Tickets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** /admin/sla: the policies in match order, a form to add or change one, and delete (never the last fallback). */
@Controller
class SlaAdminPages {

    private final PolicyAdmin admin;
    private final Directory directory;
    private final Tickets tickets;
    private final Problems problems;
    private final EscalationPages escalation;

    SlaAdminPages(PolicyAdmin admin, Directory directory, Tickets tickets, Problems problems, EscalationPages escalation) {
        this.admin = admin;
        this.directory = directory;
        this.tickets = tickets;
        this.problems = problems;
        this.escalation = escalation;
    }

    @GetMapping("/admin/sla")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    String page(@RequestParam(required = false) Long edit, @RequestParam(required = false) Long editRule, Model model) {
        escalation.addTo(model, editRule);
        Policy editing = edit == null ? null : admin.get(edit);
        return page(model, editing == null ? null : editing.id(), editing == null ? blank() : form(editing), null);
    }

    @PostMapping("/admin/sla")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    String save(@ModelAttribute("form") SlaRequests.PolicyBody form, @RequestParam(required = false) Long id,
                @RequestParam(required = false) String formKey, @AuthenticationPrincipal CurrentUser me, Locale locale,
                Model model, RedirectAttributes redirect) {
        try {
            if (id == null) {
                admin.create(form.policy(), me, formKey);
            } else {
                admin.update(id, form.policy(), form.version() == null ? -1 : form.version(), me);
            }
            Flash.notice(redirect, problems.message("admin.saved", locale));
            return "redirect:/admin/sla";
        } catch (KeptException e) {
            return page(model, id, form, problems.sentence(e, locale));
        }
    }

    @PostMapping("/admin/sla/{id}/delete")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    String delete(@PathVariable long id, @RequestParam int version, @AuthenticationPrincipal CurrentUser me, Locale locale,
                  RedirectAttributes redirect) {
        try {
            admin.delete(id, version, me);
            Flash.notice(redirect, problems.message("admin.saved", locale));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/admin/sla";
    }

    private String page(Model model, Long editing, SlaRequests.PolicyBody form, String alert) {
        model.addAttribute("policies", admin.list());
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        if (alert != null || !model.containsAttribute("alert")) {
            model.addAttribute("alert", alert);  // a refusal flashed by a redirect stays
        }
        if (!model.containsAttribute("escalationRules")) {
            escalation.addTo(model, null);
        }
        model.addAttribute("formKey", UUID.randomUUID().toString());
        model.addAttribute("teams", directory.teams());
        model.addAttribute("categories", tickets.categories());
        model.addAttribute("types", TicketType.values());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("tiers", CustomerTier.values());
        model.addAttribute("names", new SlaPages.Holders(directory));
        return "sla/admin";
    }

    private static SlaRequests.PolicyBody blank() {
        return new SlaRequests.PolicyBody(null, 100, null, null, null, null, null, null, null, 240, 1440, 4320, 80, 50, 0);
    }

    private static SlaRequests.PolicyBody form(Policy p) {
        return new SlaRequests.PolicyBody(p.name(), p.position(), p.type(), p.category(), p.priority(), p.channel(), p.teamId(),
                p.tier(), p.calendarId(), p.firstResponseMinutes(), p.nextUpdateMinutes(), p.resolutionMinutes(),
                p.warnPercent(), p.expeditePercent(), p.version());
    }
}
