package org.kept.sla.web;

import java.util.Locale;
import org.kept.identity.CurrentUser;
import org.kept.shared.Flash;
import org.kept.shared.Problems;
import org.kept.sla.Notifications;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One's notifications (站内通知), each in the reader's language and the centre's time, and the bell that counts them. */
@Controller
class NotificationPages {

    private final Notifications notifications;
    private final NotificationTexts texts;
    private final Problems problems;

    NotificationPages(Notifications notifications, NotificationTexts texts, Problems problems) {
        this.notifications = notifications;
        this.texts = texts;
        this.problems = problems;
    }

    @GetMapping("/console/notifications")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String notifications(@AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        model.addAttribute("rows", notifications.of(me.id(), false, 100).stream()
                .map(n -> texts.shown(n, me, locale)).toList());
        return "sla/notifications";
    }

    @PostMapping("/console/notifications/{id}/read")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String read(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        notifications.markRead(id, me.id());
        return "redirect:/console/notifications";
    }

    @PostMapping("/console/notifications/read-all")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String readAll(@AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        int read = notifications.markAllRead(me.id());
        Flash.notice(redirect, problems.message("sla.notifications.allRead", locale, read));
        return "redirect:/console/notifications";
    }

    /** The bell's count, fetched by htmx when a page loads and every half minute. */
    @GetMapping("/console/notifications/count")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String count(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("unread", notifications.unread(me.id()));
        return "sla/bell :: count";
    }
}
