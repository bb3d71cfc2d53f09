package org.kept.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.kept.shared.KeptException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A refusal on a page: a whole error page for a navigation, an alert in place for an htmx request. Missing
 * permissions are not handled here; Spring Security answers those with 403.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
class PageErrors {

    private final Alerts alerts;

    PageErrors(Alerts alerts) {
        this.alerts = alerts;
    }

    @ExceptionHandler(KeptException.class)
    String refused(KeptException e, Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("message", alerts.refuse(e, locale, response));
        model.addAttribute("status", e.status().value());
        return Htmx.wantsFragment(request, response) ? "console/parts :: alert" : "console/error";
    }
}
