package org.kept.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.kept.shared.KeptException;
import org.kept.shared.Problems;
import org.kept.shared.StaleUpdateException;
import org.springframework.stereotype.Component;

/** Turns a refused action into a sentence the person can act on, in their language, shown where they work. */
@Component
class Alerts {

    /** Response header telling kept.js to show this error answer in place (htmx drops 4xx bodies otherwise). */
    static final String SHOW_ERROR = "Kept-Error";

    private final Problems problems;

    Alerts(Problems problems) {
        this.problems = problems;
    }

    String message(KeptException e, Locale locale) {
        // on a page the other person's change is shown right away, so the advice differs from the API's "reload"
        String key = e instanceof StaleUpdateException ? "console.stale" : e.messageKey();
        return problems.message(key, locale, e.args());
    }

    /** Sets the refusal's status on the answer and returns the sentence to show. */
    String refuse(KeptException e, Locale locale, HttpServletResponse response) {
        response.setStatus(e.status().value());
        response.setHeader(SHOW_ERROR, "true");
        return message(e, locale);
    }
}
