package org.kept.disclosure.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.kept.disclosure.internal.AgencyDesk;
import org.kept.disclosure.internal.ChecklistItem;
import org.kept.disclosure.internal.Codes;
import org.kept.identity.CurrentUser;
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
 * The administrators' page of the disclosure checklist: the rows of each request type in their order, a new row, a
 * row's texts and place changed, a row deactivated or brought back. Rows are never deleted (reviewed requests point
 * at them). A refused form is shown again with what was typed and each refused field's reason.
 */
@Controller
@PreAuthorize("hasAuthority('DISCLOSURE_ADMIN')")
class ChecklistAdminPages {

    private final AgencyDesk desk;
    private final Problems problems;

    ChecklistAdminPages(AgencyDesk desk, Problems problems) {
        this.desk = desk;
        this.problems = problems;
    }

    @GetMapping("/admin/disclosure/checklist")
    String page(Model model) {
        return show(model, Map.of(), Map.of(), null);
    }

    @PostMapping("/admin/disclosure/checklist")
    String add(@RequestParam Map<String, String> form, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model,
               RedirectAttributes redirect, HttpServletResponse response) {
        try {
            var i = desk.addItem(new ChecklistItem(upper(form.get("requestType")), upper(form.get("code")),
                    text(form.get("labelZh")), text(form.get("labelEn")), kind(form.get("documentKind")),
                    "on".equals(form.get("deferrable")) || "true".equals(form.get("deferrable")), position(form.get("position")),
                    true), me);
            Flash.notice(redirect, problems.message("disclosure.checklist.added", locale, i.requestType() + "/" + i.code()));
            return "redirect:/admin/disclosure/checklist";
        } catch (KeptException e) {
            return refused(e, "new", form, locale, model, response);
        }
    }

    @PostMapping("/admin/disclosure/checklist/{type}/{code}")
    String edit(@PathVariable String type, @PathVariable String code, @RequestParam Map<String, String> form,
                @AuthenticationPrincipal CurrentUser me, Locale locale, Model model, RedirectAttributes redirect,
                HttpServletResponse response) {
        try {
            desk.editItem(type, code, form.get("labelZh"), form.get("labelEn"), kind(form.get("documentKind")),
                    "on".equals(form.get("deferrable")) || "true".equals(form.get("deferrable")), position(form.get("position")), me);
            Flash.notice(redirect, problems.message("disclosure.checklist.saved", locale, type + "/" + code));
            return "redirect:/admin/disclosure/checklist";
        } catch (KeptException e) {
            return refused(e, type + "/" + code, form, locale, model, response);
        }
    }

    @PostMapping("/admin/disclosure/checklist/{type}/{code}/active")
    String active(@PathVariable String type, @PathVariable String code, @RequestParam(defaultValue = "false") boolean active,
                  @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        try {
            desk.setActive(type, code, active, me);
            Flash.notice(redirect, problems.message(active ? "disclosure.checklist.activated" : "disclosure.checklist.deactivated",
                    locale, type + "/" + code));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/admin/disclosure/checklist";
    }

    private String refused(KeptException e, String which, Map<String, String> form, Locale locale, Model model,
                           HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("alert", problems.sentence(e, locale));
        return show(model, Map.of(which, problems.fieldSentences(e, locale)), Map.of(which, form), which);
    }

    /** The rows by request type in their order; {@code wrong} and {@code typed} hold a refused form's reasons and values. */
    private String show(Model model, Map<String, Map<String, String>> wrong, Map<String, Map<String, String>> typed,
                        String refused) {
        Map<String, List<ChecklistItem>> byType = desk.checklist().stream()
                .collect(Collectors.groupingBy(ChecklistItem::requestType, LinkedHashMap::new, Collectors.toList()));
        model.addAttribute("byType", byType);
        model.addAttribute("documentKinds", Codes.DocumentKind.values());
        model.addAttribute("wrong", wrong);
        model.addAttribute("typed", typed);
        model.addAttribute("refused", refused);
        return "disclosure/checklist";
    }

    private static String upper(String s) {
        return s == null ? null : s.strip().toUpperCase(Locale.ROOT);
    }

    private static String text(String s) {
        return s == null ? null : s.strip();
    }

    private static String kind(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The row's place; an unreadable number is a place out of range, refused with the field's reason. */
    private static int position(String s) {
        if (s == null || s.isBlank()) {
            return 100;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
