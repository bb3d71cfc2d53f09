package org.kept.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 503 written outside any controller (Kept still starting, the database away while a filter needed it): a problem
 * document with {@code Retry-After} for the API, the same sentence on a plain page (or in place for htmx) for people.
 * Nothing here touches the database or a template, so it works when they cannot.
 */
@Component
class Unavailable {

    private final Problems problems;
    private final JsonMapper json;

    Unavailable(Problems problems, JsonMapper json) {
        this.problems = problems;
        this.json = json;
    }

    void answer(HttpServletRequest request, HttpServletResponse response, String messageKey) throws IOException {
        Locale locale = RequestContextUtils.getLocale(request);
        response.resetBuffer();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (wantsJson(request)) {
            ProblemDetail problem = problems.of(HttpStatus.SERVICE_UNAVAILABLE, messageKey, locale);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        String title = HtmlUtils.htmlEscape(problems.message("title.503", locale));
        String sentence = HtmlUtils.htmlEscape(problems.message(messageKey, locale));
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        String alert = "<p class=\"alert error\" role=\"alert\">" + sentence + "</p>";
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader(PageRefusals.SHOW_ERROR, "true");
            response.getWriter().write(alert);
            return;
        }
        // a page that was only being read tries again by itself; a form that was sent is never sent again unasked
        String refresh = "GET".equals(request.getMethod())
                ? "<meta http-equiv=\"refresh\" content=\"" + DatabaseOutage.RETRY_AFTER_SECONDS + "\">" : "";
        response.getWriter().write("<!DOCTYPE html><html lang=\"" + HtmlUtils.htmlEscape(locale.toLanguageTag())
                + "\"><head><meta charset=\"utf-8\">" + refresh + "<title>" + title + " · Kept</title><link rel=\"stylesheet\" href=\"" + request.getContextPath()
                + "/css/kept.css\"></head><body><main class=\"page\"><h1>" + title + "</h1>" + alert + "</main></body></html>");
    }

    /** The API always; elsewhere a caller that asks for JSON and not for HTML (a script polling a page's address). */
    private static boolean wantsJson(HttpServletRequest request) {
        String accept = String.join(",", java.util.Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || (accept.contains("json") && !accept.contains("text/html"));
    }
}
