package org.kept.sla.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.shared.Problems;
import org.kept.sla.internal.EscalationAdmin;
import org.kept.sla.internal.EscalationRule;
import org.kept.sla.internal.EscalationTier;
import org.kept.ticket.Priority;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The escalation section of /admin/sla: the ladder (one form for all its levels) and the rules in match order with a
 * form to add or change one. Refusals come back to the page as its alert.
 */
@Controller
class EscalationPages {

    private final EscalationAdmin admin;
    private final Problems problems;

    EscalationPages(EscalationAdmin admin, Problems problems) {
        this.admin = admin;
        this.problems = problems;
    }

    /** The rule form: keywords as one text, separated by commas or new lines. */
    record RuleForm(String name, Integer position, Boolean enabled, String keywords, Priority priority, Integer minContacts,
                    String category, CustomerTier customerTier, Integer tier, Integer version) {
        EscalationRule rule() {
            List<String> words = keywords == null || keywords.isBlank() ? null
                    : Arrays.stream(keywords.split("[,，、;；\\r\\n]+")).map(String::strip).toList();
            return new EscalationRule(0, name, position == null ? 100 : position, enabled == null || enabled,
                    EscalationRule.conditions(words, priority, minContacts,
                            category == null || category.isBlank() ? null : category, customerTier),
                    tier == null ? -1 : tier, version == null ? 0 : version);
        }

        static RuleForm of(EscalationRule r) {
            return new RuleForm(r.name(), r.position(), r.enabled(), r.keywords() == null ? "" : String.join(", ", r.keywords()),
                    r.priority(), r.minContacts(), r.category(), r.customerTier(), r.tier(), r.version());
        }
    }

    /** What the section shows, added to the SLA admin page's model. */
    void addTo(Model model, Long editRule) {
        EscalationRule editing = editRule == null ? null : admin.rule(editRule);
        model.addAttribute("escalationRules", admin.rules());
        model.addAttribute("escalationTiers", admin.tiers());
        model.addAttribute("holders", EscalationTier.Holder.values());
        model.addAttribute("editingRule", editing == null ? null : editing.id());
        model.addAttribute("ruleForm", editing == null
                ? new RuleForm(null, 100, true, "", null, null, null, null, 1, 0) : RuleForm.of(editing));
        model.addAttribute("ruleFormKey", UUID.randomUUID().toString());
    }

    @PostMapping("/admin/sla/escalation-rules")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    String saveRule(@ModelAttribute RuleForm form, @RequestParam(required = false) Long id,
                    @RequestParam(required = false) String formKey, @AuthenticationPrincipal CurrentUser me, Locale locale,
                    RedirectAttributes redirect) {
        return done(redirect, locale, () -> {
            if (id == null) {
                admin.create(form.rule(), me, formKey);
            } else {
                admin.update(id, form.rule(), form.version() == null ? -1 : form.version(), me);
            }
        });
    }

    @PostMapping("/admin/sla/escalation-rules/{id}/delete")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    String deleteRule(@PathVariable long id, @RequestParam int version, @AuthenticationPrincipal CurrentUser me,
                      Locale locale, RedirectAttributes redirect) {
        return done(redirect, locale, () -> admin.delete(id, version, me));
    }

    /** One row per level in order; a row whose names are both cleared is dropped (so the top level can be removed). */
    @PostMapping("/admin/sla/escalation-tiers")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    String saveTiers(@RequestParam MultiValueMap<String, String> params, @RequestParam int version,
                     @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        return done(redirect, locale, () -> admin.replaceTiers(tiers(params), version, me));
    }

    private static List<EscalationTier> tiers(MultiValueMap<String, String> params) {
        List<String> zh = params.getOrDefault("nameZh", List.of());
        List<String> en = params.getOrDefault("nameEn", List.of());
        List<String> holder = params.getOrDefault("holder", List.of());
        List<String> team = params.getOrDefault("teamId", List.of());
        List<EscalationTier> tiers = new ArrayList<>();
        for (int row = 0; row < zh.size(); row++) {
            if (zh.get(row).isBlank() && at(en, row).isBlank()) {
                continue;
            }
            EscalationTier.Holder h;
            Long teamId;
            try {
                h = EscalationTier.Holder.valueOf(at(holder, row));
                teamId = at(team, row).isBlank() ? null : Long.valueOf(at(team, row));
            } catch (IllegalArgumentException e) {
                throw KeptException.invalid("sla.tier.holder");
            }
            tiers.add(new EscalationTier(tiers.size(), zh.get(row), at(en, row), h, teamId));
        }
        return tiers;
    }

    private static String at(List<String> values, int i) {
        return i < values.size() && values.get(i) != null ? values.get(i) : "";
    }

    private String done(RedirectAttributes redirect, Locale locale, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("notice", problems.message("admin.saved", locale));
        } catch (KeptException e) {
            redirect.addFlashAttribute("alert", problems.message(e.messageKey(), locale, e.args()));
        }
        return "redirect:/admin/sla#escalation";
    }
}
