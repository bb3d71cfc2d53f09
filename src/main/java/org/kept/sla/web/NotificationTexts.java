package org.kept.sla.web;

import java.util.Locale;
import org.kept.identity.CurrentUser;
import org.kept.shared.CentreZone;
import org.kept.shared.LocalText;
import org.kept.sla.Notification;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** A notification as its reader reads it: in their language, masked for their rights, times in the centre's zone. */
@Component
class NotificationTexts {

    private final MessageSource messages;
    private final CentreZone zone;

    NotificationTexts(MessageSource messages, CentreZone zone) {
        this.messages = messages;
        this.zone = zone;
    }

    Notification shown(Notification n, CurrentUser reader, Locale locale) {
        Notification rendered = new Notification(n.id(), n.kind(), n.ticketId(),
                LocalText.render(n.body(), messages, locale, zone.zone()), n.createdAt(), n.readAt());
        return SlaMasking.of(rendered, reader);
    }
}
