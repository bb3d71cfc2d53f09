package org.kept.routing.web;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.kept.identity.CurrentUser;
import org.kept.routing.internal.PresenceAdmin;
import org.kept.routing.internal.ReasonCode;
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

/** Administrators' pages for the not-ready reason codes and the customer tiers' bounded queue jumps. */
@Controller
@PreAuthorize("hasAuthority('ROUTING_ADMIN')")
class RoutingAdminPages {

    private final PresenceAdmin admin;
    private final Problems problems;

    RoutingAdminPages(PresenceAdmin admin, Problems problems) {
        this.admin = admin;
        this.problems = problems;
    }

    // --- reason codes ---

    @GetMapping("/admin/routing/reasons")
    String reasons(@RequestParam(required = false) String edit, Model model) {
        var reasons = admin.reasons();
        Set<String> inHistory = new LinkedHashSet<>();
        reasons.stream().map(ReasonCode::code).filter(admin::inHistory).forEach(inHistory::add);
        model.addAttribute("reasons", reasons);
        model.addAttribute("inHistory", inHistory);
        model.addAttribute("editing", edit == null ? null
                : reasons.stream().filter(r -> r.code().equals(edit)).findFirst().orElse(null));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", null);
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", java.util.Map.of());
        }
        return "routing/reasons";
    }

    @PostMapping("/admin/routing/reasons")
    String saveReason(@RequestParam(defaultValue = "false") boolean creating, @RequestParam(defaultValue = "") String code,
                      @RequestParam(defaultValue = "") String nameZh, @RequestParam(defaultValue = "") String nameEn,
                      @RequestParam(defaultValue = "") String position, @RequestParam(defaultValue = "false") boolean active,
                      @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        int at;
        try {
            at = Integer.parseInt(position.strip());
        } catch (NumberFormatException e) {
            at = -1;  // reported with the other fields
        }
        ReasonCode typed = new ReasonCode(code, nameZh, nameEn, at, active);
        try {
            ReasonCode saved = admin.saveReason(typed, creating, me);
            Flash.notice(redirect, problems.message("routingadmin.reasons.saved", locale, saved.code()));
            return "redirect:/admin/routing/reasons";
        } catch (KeptException e) {
            // every wrong field at once: all in the alert, and each beside its input
            var fields = problems.fieldSentences(e, locale);
            Flash.alert(redirect, fields.isEmpty() ? problems.sentence(e, locale) : String.join(" ", fields.values()));
            redirect.addFlashAttribute("errors", fields);
            redirect.addFlashAttribute("form", typed);
            return creating ? "redirect:/admin/routing/reasons" : "redirect:/admin/routing/reasons?edit=" + code;
        }
    }

    @PostMapping("/admin/routing/reasons/{code}/active")
    String setActive(@PathVariable String code, @RequestParam boolean active, @AuthenticationPrincipal CurrentUser me,
                     Locale locale, RedirectAttributes redirect) {
        try {
            admin.setActive(code, active, me);
            Flash.notice(redirect, problems.message(active ? "routingadmin.reasons.activated" : "routingadmin.reasons.deactivated",
                    locale, code));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/admin/routing/reasons";
    }

    @PostMapping("/admin/routing/reasons/{code}/delete")
    String delete(@PathVariable String code, @AuthenticationPrincipal CurrentUser me, Locale locale,
                  RedirectAttributes redirect) {
        try {
            admin.deleteReason(code, me);
            Flash.notice(redirect, problems.message("routingadmin.reasons.deleted", locale, code));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/admin/routing/reasons";
    }

    // --- tiers' jumps ---

    @GetMapping("/admin/routing/tiers")
    String tiers(Model model) {
        var jumps = admin.tierJumps();
        model.addAttribute("jumps", jumps);
        model.addAttribute("baseline", PresenceAdmin.BASELINE);
        model.addAttribute("max", PresenceAdmin.MAX_JUMP_SECONDS);
        model.addAttribute("largest", jumps.values().stream().mapToInt(Integer::intValue).max().orElse(0));
        return "routing/tiers";
    }

    @PostMapping("/admin/routing/tiers/{tier}")
    String saveTier(@PathVariable String tier, @RequestParam(defaultValue = "") String jumpSeconds,
                    @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        Integer seconds;
        try {
            seconds = Integer.valueOf(jumpSeconds.strip());
        } catch (NumberFormatException e) {
            seconds = null;  // "a number of seconds from 0 to 600"
        }
        try {
            admin.saveTierJump(tier, seconds, me);
            Flash.notice(redirect, problems.message("routingadmin.tiers.saved", locale, tier, seconds));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/admin/routing/tiers";
    }
}
