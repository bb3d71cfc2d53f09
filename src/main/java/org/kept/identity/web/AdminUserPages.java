package org.kept.identity.web;

import org.kept.shared.Flash;
import jakarta.validation.Valid;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.kept.identity.CurrentUser;
import org.kept.identity.internal.AdminStore;
import org.kept.identity.internal.AdminUser;
import org.kept.shared.IdempotentRequests.Outcome;
import org.kept.identity.internal.UserAdminDesk;
import org.kept.shared.CentreZone;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The people pages: a filtered list with a create form, and one person's page to edit, reset the password and
 * enable or disable. A refused form comes back with what was typed (never the password) and the reason beside
 * each field.
 */
@Controller
class AdminUserPages {

    private final UserAdminDesk admin;
    private final AdminStore directory;
    private final FormErrors errors;
    private final CentreZone zone;

    AdminUserPages(UserAdminDesk admin, AdminStore directory, FormErrors errors, CentreZone zone) {
        this.admin = admin;
        this.directory = directory;
        this.errors = errors;
        this.zone = zone;
    }

    @GetMapping("/admin/users")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String list(@RequestParam(required = false) String role, @RequestParam(required = false) Long team,
                @RequestParam(required = false) String q, Model model) {
        return listPage(model, role, team, q, AdminRequests.CreateUser.empty(), Map.of(), UUID.randomUUID().toString());
    }

    /**
     * The form carries a key made when it was shown, used as the Idempotency-Key: a double click or a resent
     * form opens the user it already made instead of failing on the now-taken username.
     */
    @PostMapping("/admin/users")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String create(@Valid @ModelAttribute("form") AdminRequests.CreateUser form, BindingResult result,
                  @RequestParam(required = false) String formKey, @AuthenticationPrincipal CurrentUser me,
                  Locale locale, Model model, RedirectAttributes redirect) {
        return errors.submit(result, locale, () -> {
            Outcome outcome = admin.createUser(form.toNewUser(), me, formKey);
            Flash.notice(redirect, errors.message("admin.user.created", locale, form.username()));
            return "redirect:/admin/users/" + outcome.id();
        }, reasons -> listPage(model, null, null, null, form.withoutPassword(), reasons, formKey));
    }

    private String listPage(Model model, String role, Long team, String q, AdminRequests.CreateUser form,
                            Map<String, String> formErrors, String formKey) {
        model.addAttribute("users", directory.users(role, team, q));
        model.addAttribute("max", AdminStore.MAX_USERS);
        model.addAttribute("filter", new Filter(role, team, q));
        model.addAttribute("roles", directory.roles());
        model.addAttribute("teams", directory.teams());
        model.addAttribute("form", form);
        model.addAttribute("errors", formErrors);
        model.addAttribute("formKey", formKey == null ? UUID.randomUUID().toString() : formKey);
        return "admin/users";
    }

    @GetMapping("/admin/users/{id}")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String show(@PathVariable long id, Model model) {
        AdminUser user = user(id);
        return userPage(model, user, AdminRequests.UpdateUser.of(user), Map.of());
    }

    @PostMapping("/admin/users/{id}")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String update(@PathVariable long id, @Valid @ModelAttribute("form") AdminRequests.UpdateUser form, BindingResult result,
                  @AuthenticationPrincipal CurrentUser me, Locale locale, Model model, RedirectAttributes redirect) {
        return apply(id, form, result, locale, model, redirect, () -> admin.updateUser(id, form.toChange(), me));
    }

    @PostMapping("/admin/users/{id}/password")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String resetPassword(@PathVariable long id, @Valid @ModelAttribute("password") AdminRequests.NewPassword password,
                         BindingResult result, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model,
                         RedirectAttributes redirect) {
        return apply(id, null, result, locale, model, redirect, () -> admin.resetPassword(id, password.password(), me));
    }

    @PostMapping("/admin/users/{id}/enabled")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, @AuthenticationPrincipal CurrentUser me,
                      Locale locale, Model model, RedirectAttributes redirect) {
        return apply(id, null, null, locale, model, redirect, () -> admin.setEnabled(id, enabled, me));
    }

    /** Runs one change of a person's page: back to the page with a notice, or the page again with the reasons. */
    private String apply(long id, AdminRequests.UpdateUser typed, BindingResult result, Locale locale, Model model,
                         RedirectAttributes redirect, Runnable change) {
        AdminUser user = user(id);
        AdminRequests.UpdateUser form = typed != null ? typed : AdminRequests.UpdateUser.of(user);
        return errors.submit(result, locale, () -> {
            change.run();
            Flash.notice(redirect, errors.message("admin.saved", locale));
            return "redirect:/admin/users/" + id;
        }, reasons -> userPage(model, user, form, reasons));
    }

    private String userPage(Model model, AdminUser user, AdminRequests.UpdateUser form, Map<String, String> formErrors) {
        model.addAttribute("user", user);
        model.addAttribute("form", form);
        model.addAttribute("roles", directory.roles());
        model.addAttribute("teams", directory.teams());
        model.addAttribute("errors", formErrors);
        model.addAttribute("zone", zone.zone());
        return "admin/user";
    }

    private AdminUser user(long id) {
        return directory.user(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The list's filters, echoed into the filter form. */
    record Filter(String role, Long team, String q) {
    }
}
