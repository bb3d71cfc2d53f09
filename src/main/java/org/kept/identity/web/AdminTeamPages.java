package org.kept.identity.web;

import org.kept.shared.Flash;
import jakarta.validation.Valid;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.kept.identity.CurrentUser;
import org.kept.identity.internal.AdminStore;
import org.kept.identity.internal.UserAdminDesk;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The teams page: every team with its head count, a rename form per row and a create form. */
@Controller
class AdminTeamPages {

    private final UserAdminDesk admin;
    private final AdminStore directory;
    private final FormErrors errors;

    AdminTeamPages(UserAdminDesk admin, AdminStore directory, FormErrors errors) {
        this.admin = admin;
        this.directory = directory;
        this.errors = errors;
    }

    @GetMapping("/admin/teams")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String list(Model model) {
        return page(model, new AdminRequests.CreateTeam(null, null), Map.of(), null, null, UUID.randomUUID().toString());
    }

    @PostMapping("/admin/teams")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String create(@Valid @ModelAttribute("form") AdminRequests.CreateTeam form, BindingResult result,
                  @RequestParam(required = false) String formKey, @AuthenticationPrincipal CurrentUser me,
                  Locale locale, Model model, RedirectAttributes redirect) {
        return errors.submit(result, locale, () -> {
            admin.createTeam(form.code(), form.name(), me, formKey);
            Flash.notice(redirect, errors.message("admin.team.created", locale, form.name()));
            return "redirect:/admin/teams";
        }, reasons -> page(model, form, reasons, null, null, formKey));
    }

    @PostMapping("/admin/teams/{id}")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String rename(@PathVariable long id, @Valid @ModelAttribute("rename") AdminRequests.RenameTeam rename,
                  BindingResult result, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model,
                  RedirectAttributes redirect) {
        return errors.submit(result, locale, () -> {
            admin.renameTeam(id, rename.name(), me);
            Flash.notice(redirect, errors.message("admin.saved", locale));
            return "redirect:/admin/teams";
        }, reasons -> page(model, new AdminRequests.CreateTeam(null, null), reasons, id, rename.name(), null));
    }

    /** {@code renameId} and {@code renameTyped} keep a refused rename in its row with what was typed. */
    private String page(Model model, AdminRequests.CreateTeam form, Map<String, String> formErrors, Long renameId,
                        String renameTyped, String formKey) {
        model.addAttribute("teams", directory.teams());
        model.addAttribute("form", form);
        model.addAttribute("errors", renameId == null ? formErrors : Map.of());
        model.addAttribute("renameErrors", renameId == null ? Map.of() : Map.of(renameId, formErrors.values().iterator().next()));
        model.addAttribute("renameTyped", renameId == null ? Map.of() : Map.of(renameId, renameTyped == null ? "" : renameTyped));
        model.addAttribute("formKey", formKey == null ? UUID.randomUUID().toString() : formKey);
        return "admin/teams";
    }
}
