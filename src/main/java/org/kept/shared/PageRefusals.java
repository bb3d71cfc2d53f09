package org.kept.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A refusal on a page, for every module's pages: a whole error page for a navigation, an alert in place for an htmx
 * request, the reason in the reader's language. API controllers are answered by {@link ApiProblemAdvice} first.
 * Missing permissions are not handled here; Spring Security answers those with 403.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class PageRefusals {

    /** Response header telling kept.js to show this error answer in place (htmx drops 4xx bodies otherwise). */
    public static final String SHOW_ERROR = "Kept-Error";

    private final Problems problems;

    PageRefusals(Problems problems) {
        this.problems = problems;
    }

    /** The refusal as a sentence for a page that shows it where the person works. */
    public String sentence(KeptException e, Locale locale) {
        // on a page the other person's change is shown right away, so the advice differs from the API's "reload"
        return e instanceof StaleUpdateException ? problems.message("console.stale", locale, e.args()) : problems.sentence(e, locale);
    }

    /** Sets the refusal's status on the answer and returns the sentence to show in place. */
    public String refuse(KeptException e, Locale locale, HttpServletResponse response) {
        response.setStatus(e.status().value());
        response.setHeader(SHOW_ERROR, "true");
        if (e.retryAfterSeconds() != null) {
            response.setHeader("Retry-After", e.retryAfterSeconds().toString());
        }
        return sentence(e, locale);
    }

    @ExceptionHandler(KeptException.class)
    String refused(KeptException e, Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("message", refuse(e, locale, response));
        model.addAttribute("status", e.status().value());
        return Htmx.wantsFragment(request, response) ? "console/parts :: alert" : "console/error";
    }
}
