package org.kept.identity.web;

import org.kept.shared.Flash;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.kept.identity.internal.AdminStore;
import org.kept.identity.internal.UserAdminDesk;
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
 * The role × permission grid. Each role's row is saved on its own, so changing one role never rewrites another
 * that a colleague changed meanwhile.
 */
@Controller
class AdminRolePages {

    private final UserAdminDesk admin;
    private final AdminStore directory;
    private final FormErrors errors;

    AdminRolePages(UserAdminDesk admin, AdminStore directory, FormErrors errors) {
        this.admin = admin;
        this.directory = directory;
        this.errors = errors;
    }

    @GetMapping("/admin/roles")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String grid(Model model) {
        return page(model, Map.of(), Map.of());
    }

    /** No checkbox ticked sends no parameter at all: that is a role with no permissions, not a missing field. */
    @PostMapping("/admin/roles/{code}")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String save(@PathVariable String code, @RequestParam(required = false) Set<Permission> permissions,
                @AuthenticationPrincipal CurrentUser me, Locale locale, Model model, RedirectAttributes redirect) {
        Set<Permission> wanted = permissions == null ? EnumSet.noneOf(Permission.class) : permissions;
        return errors.submit(null, locale, () -> {
            admin.setPermissions(code, wanted, me);
            Flash.notice(redirect, errors.message("admin.role.saved", locale, code));
            return "redirect:/admin/roles";
        }, reasons -> page(model, Map.of(code, wanted), Map.of(code, reasons.values().iterator().next())));
    }

    /** {@code typed} holds a refused row's ticks, so the admin sees what they asked for beside the reason. */
    private String page(Model model, Map<String, Set<Permission>> typed, Map<String, String> roleErrors) {
        model.addAttribute("roles", directory.roles());
        model.addAttribute("permissions", Permission.values());
        model.addAttribute("typed", typed);
        model.addAttribute("roleErrors", roleErrors);
        return "admin/roles";
    }
}
