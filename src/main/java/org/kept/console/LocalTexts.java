package org.kept.console;

import java.util.Locale;
import java.time.ZoneId;
import org.kept.shared.CentreZone;
import org.kept.shared.LocalText;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Renders text the centre stored as a message key and arguments in the reader's language; older text as written. */
@Component
class LocalTexts {

    private final MessageSource messages;
    private final ZoneId zone;

    LocalTexts(MessageSource messages, CentreZone zone) {
        this.messages = messages;
        this.zone = zone.zone();
    }

    String text(String stored, Locale locale) {
        return LocalText.render(stored, messages, locale, zone);
    }
}
