package org.kept.workforce.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.kept.shared.KeptException;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A refusal on a workforce page (a sheet one may not see, a roster that does not exist) as the console's error page. */
@ControllerAdvice(assignableTypes = {PlannerPages.class, RosterPages.class, HandoverPages.class})
class PageRefusals {

    private final MessageSource messages;

    PageRefusals(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(KeptException.class)
    String refused(KeptException e, Locale locale, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        Object[] args = e.args();
        if ("error.notFound".equals(e.messageKey()) && args.length > 0) {
            args[0] = messages.getMessage("workforce.what." + args[0].toString().replace(' ', '.'), null, args[0].toString(), locale);
        }
        model.addAttribute("message", messages.getMessage(e.messageKey(), args, e.messageKey(), locale));
        return "console/error";
    }

    /** The refusal as a sentence in the caller's language, for a page that shows it in place. */
    static String text(MessageSource messages, KeptException e, Locale locale) {
        return messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale);
    }
}
