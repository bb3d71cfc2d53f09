package org.kept.sla.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.sla.Notification;
import org.kept.sla.Notifications;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own in-app notifications. */
@RestController
@Tag(name = "sla")
class NotificationController {

    private final Notifications inbox;
    private final NotificationTexts texts;

    NotificationController(Notifications inbox, NotificationTexts texts) {
        this.inbox = inbox;
        this.texts = texts;
    }

    @GetMapping("/api/v1/notifications")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "My notifications, newest first (unread=true for the unread ones)")
    List<Notification> mine(@RequestParam(defaultValue = "false") boolean unread,
                            @AuthenticationPrincipal CurrentUser me, Locale locale) {
        return inbox.of(me.id(), unread, 100).stream().map(n -> texts.shown(n, me, locale)).toList();
    }

    @PostMapping("/api/v1/notifications/read")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "Mark all my notifications read; answers how many were unread")
    Map<String, Object> readAll(@AuthenticationPrincipal CurrentUser me) {
        return Map.of("read", inbox.markAllRead(me.id()));
    }

    @PostMapping("/api/v1/notifications/{id}/read")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "Mark one of my notifications read")
    Map<String, Object> read(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        if (!inbox.markRead(id, me.id())) {
            throw KeptException.notFound("notification", id);
        }
        return Map.of("id", id, "read", true);
    }
}
