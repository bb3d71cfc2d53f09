package org.kept.knowledge.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.kept.shared.KeptException;
import org.kept.shared.Problems;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A refusal on a knowledge or help page: the same error page as the console's, with the reason in the reader's language. */
@ControllerAdvice(assignableTypes = {KnowledgePages.class, KnowledgeUpkeepPages.class})
class KnowledgePageErrors {

    private final Problems problems;

    KnowledgePageErrors(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(KeptException.class)
    String refused(KeptException e, Locale locale, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("message", problems.message(e.messageKey(), locale, e.args()));
        model.addAttribute("status", e.status().value());
        return "console/error";
    }
}
