package org.kept.protection.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Locale;
import org.kept.identity.CurrentUser;
import org.kept.protection.internal.Records;
import org.kept.protection.internal.RestrictionDesk;
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
 * The restricted party's appeal (申诉): on the portal for a signed-in customer, or through the token in the automatic
 * message (no sign-in: the token is the key, and it opens only that restriction's appeal).
 */
@Controller
class AppealPages {

    private final RestrictionDesk restrictions;
    private final Problems problems;
    private final Clock clock;

    AppealPages(RestrictionDesk restrictions, Problems problems, Clock clock) {
        this.restrictions = restrictions;
        this.problems = problems;
        this.clock = clock;
    }

    @GetMapping("/portal/appeals")
    @PreAuthorize("hasAuthority('PORTAL')")
    String portal(@AuthenticationPrincipal CurrentUser me, Model model) {
        var now = clock.instant();
        model.addAttribute("restrictions", me.customerId() == null ? java.util.List.of()
                : restrictions.ofCustomer(me.customerId()).stream().filter(r -> !"PENDING".equals(r.state())
                        && !"REFUSED".equals(r.state()))
                .map(r -> ProtectionJson.of(r, java.util.List.of(), now)).toList());
        return "protection/portal";
    }

    @PostMapping("/portal/appeals")
    @PreAuthorize("hasAuthority('PORTAL')")
    String appeal(@RequestParam long restrictionId, @RequestParam(required = false) String text,
                  @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        try {
            restrictions.appealAsCustomer(restrictionId, text, me);
            Flash.notice(redirect, problems.message("protection.appealed", locale));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/portal/appeals";
    }

    @GetMapping("/appeal/{token}")
    String byToken(@PathVariable String token, Model model, HttpServletResponse response) {
        Records.Restriction r = restrictions.byAppealToken(token).orElse(null);
        if (r == null) {
            response.setStatus(404);
        }
        model.addAttribute("restriction", r == null ? null : ProtectionJson.of(r, java.util.List.of(), clock.instant()));
        model.addAttribute("token", token);
        return "protection/appeal";
    }

    @PostMapping("/appeal/{token}")
    String appealByToken(@PathVariable String token, @RequestParam(required = false) String text, Locale locale, Model model,
                         HttpServletResponse response) {
        Records.Restriction r = restrictions.byAppealToken(token).orElse(null);
        model.addAttribute("token", token);
        if (r == null) {
            response.setStatus(404);
            model.addAttribute("restriction", null);
            return "protection/appeal";
        }
        model.addAttribute("restriction", ProtectionJson.of(r, java.util.List.of(), clock.instant()));
        try {
            restrictions.appealFor(r, r.customerId(), text, "appeal-link");
            model.addAttribute("notice", problems.message("protection.appealed", locale));
        } catch (KeptException e) {
            response.setStatus(e.status().value());
            model.addAttribute("alert", problems.sentence(e, locale));
        }
        return "protection/appeal";
    }
}
