package org.kept.identity.web;

import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page, and where each role lands after signing in. */
@Controller
class LoginPages {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal CurrentUser me) {
        if (me.isCustomer()) {
            return "redirect:/portal";
        }
        if (me.can(Permission.TICKET_READ) && !me.can(Permission.USER_ADMIN)) {
            return "redirect:/console";
        }
        if (me.can(Permission.USER_ADMIN)) {
            return "redirect:/admin/users";
        }
        return "home";
    }
}
