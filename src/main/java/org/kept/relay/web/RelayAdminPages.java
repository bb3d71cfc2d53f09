package org.kept.relay.web;

import java.util.Locale;
import org.kept.identity.CurrentUser;
import org.kept.relay.internal.SeriousPriorities;
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

/**
 * The administrators' page of the serious priorities: under which ticket priorities the major-complaints group may
 * restrict a counterparty's platform account. Every change is audited by {@link SeriousPriorities}.
 */
@Controller
@PreAuthorize("hasAuthority('RELAY_ADMIN')")
class RelayAdminPages {

    private final SeriousPriorities serious;
    private final Problems problems;

    RelayAdminPages(SeriousPriorities serious, Problems problems) {
        this.serious = serious;
        this.problems = problems;
    }

    @GetMapping("/admin/relay/serious")
    String page(Model model) {
        var rows = serious.list();
        model.addAttribute("serious", rows);
        model.addAttribute("choices", serious.all().stream().filter(p -> !rows.contains(p)).toList());
        return "relay/serious";
    }

    @PostMapping("/admin/relay/serious")
    String add(@RequestParam(required = false) String priority, @AuthenticationPrincipal CurrentUser me, Locale locale,
               RedirectAttributes redirect) {
        try {
            boolean added = serious.add(priority, me);
            Flash.notice(redirect, problems.message(added ? "relay.serious.added" : "relay.serious.already", locale, priority));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/admin/relay/serious";
    }

    @PostMapping("/admin/relay/serious/{priority}/remove")
    String remove(@PathVariable String priority, @AuthenticationPrincipal CurrentUser me, Locale locale,
                  RedirectAttributes redirect) {
        try {
            boolean removed = serious.remove(priority, me);
            Flash.notice(redirect, problems.message(removed ? "relay.serious.removed" : "relay.serious.absent", locale, priority));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/admin/relay/serious";
    }
}
