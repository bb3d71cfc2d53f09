package org.kept.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An API address that exists for no controller (unknown path, wrong method) fails before any controller is chosen, so
 * {@link ApiProblemAdvice} never sees it. Under {@code /api/} this still answers with a problem document; anywhere else
 * it leaves the failure to the usual error page.
 */
@RestControllerAdvice
class ApiFallbackAdvice {

    private final Problems problems;

    ApiFallbackAdvice(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class, HttpRequestMethodNotSupportedException.class,
            HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<ProblemDetail> noEndpoint(Exception e, HttpServletRequest request, Locale locale) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/") || !(e instanceof ErrorResponse error)) {
            throw e;
        }
        ProblemDetail problem = problems.of(error.getStatusCode(), "error.http." + error.getStatusCode().value(), locale);
        return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
