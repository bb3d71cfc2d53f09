package org.kept.console;

import java.util.Locale;
import org.kept.identity.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The one-screen ticket page: customer and history, facts and timeline, and the actions, side by side. */
@Controller
class TicketPageController {

    private final TicketScreen screen;

    TicketPageController(TicketScreen screen) {
        this.screen = screen;
    }

    @GetMapping("/console/tickets/{id}")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String ticket(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        screen.page(model, id, me, locale);
        return "console/ticket";
    }
}
