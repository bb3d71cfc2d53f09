package org.kept.survey.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.kept.survey.internal.SurveyAnswers;
import org.kept.survey.internal.SurveyStore;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customer's one-time survey page (no sign-in: the token in the link is the key). It asks the question and offers
 * the four answers with none chosen and no hint; after an answer, or once expired, it only says so.
 */
@Controller
class SurveyLinkPage {

    private final SurveyAnswers answers;

    SurveyLinkPage(SurveyAnswers answers) {
        this.answers = answers;
    }

    @GetMapping("/s/{token}")
    String show(@PathVariable String token, Model model, HttpServletResponse response) {
        SurveyStore.Survey survey = answers.byToken(token).orElse(null);
        if (survey == null) {
            response.setStatus(404);
            model.addAttribute("state", "UNKNOWN");
        } else if ("SENT".equals(survey.state())) {
            model.addAttribute("state", "OPEN");
        } else {
            response.setStatus(410);
            model.addAttribute("state", "ANSWERED".equals(survey.state()) ? "ALREADY_ANSWERED" : "EXPIRED");
        }
        model.addAttribute("token", token);
        return "survey/answer";
    }

    @PostMapping("/s/{token}")
    String answer(@PathVariable String token, @RequestParam(required = false) Integer choice, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("token", token);
        if (choice == null || choice < 1 || choice > 4) {
            response.setStatus(400);
            model.addAttribute("state", "OPEN");
            model.addAttribute("missing", true);
            return "survey/answer";
        }
        SurveyAnswers.Result result = answers.answerLink(token, choice, request.getRemoteAddr());
        switch (result) {
            case UNKNOWN -> response.setStatus(404);
            case EXPIRED, ALREADY_ANSWERED -> response.setStatus(410);
            default -> { }
        }
        model.addAttribute("state", result.name());
        return "survey/answer";
    }
}
