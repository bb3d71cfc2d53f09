package org.kept.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of an API call into a problem document. What a client sent wrong is a 4xx with a
 * sentence it can show; only our own faults are a 500, and those never echo internals.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE) // before PageRefusals, which answers every other controller
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);
    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    private final Problems problems;
    private final DatabaseOutage outage;

    ApiProblemAdvice(Problems problems, DatabaseOutage outage) {
        this.problems = problems;
        this.outage = outage;
    }

    @ExceptionHandler(KeptException.class)
    ResponseEntity<ProblemDetail> kept(KeptException e, Locale locale) {
        ProblemDetail problem = problems.of(e, locale);
        if (e.retryAfterSeconds() != null) {
            return ResponseEntity.status(problem.getStatus()).contentType(PROBLEM)
                    .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds().toString()).body(problem);
        }
        return respond(problem);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> denied(RuntimeException e, Locale locale) {
        return respond(problems.of(HttpStatus.FORBIDDEN, "error.forbidden", locale));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> stale(OptimisticLockingFailureException e, Locale locale) {
        return respond(problems.of(HttpStatus.CONFLICT, "error.stale", locale, "", ""));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e, Locale locale) {
        if (isDataException(e)) {
            // SQL state class 22: a value the client sent does not fit (too long, out of range, a NUL character)
            log.info("Rejected a value the database cannot store: {}", e.getMostSpecificCause().getMessage());
            return respond(problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "error.data", locale));
        }
        log.info("Rejected write that breaks a constraint: {}", e.getMostSpecificCause().getMessage());
        return respond(problems.of(HttpStatus.CONFLICT, "error.integrity", locale));
    }

    private static boolean isDataException(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().startsWith("22");
            }
        }
        return false;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraint(ConstraintViolationException e, Locale locale) {
        ProblemDetail problem = problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "error.validation", locale);
        problem.setProperty("errors", e.getConstraintViolations().stream()
                .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage())).toList());
        return respond(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, Locale locale) {
        return respond(problems.of(HttpStatus.BAD_REQUEST, "error.parameter", locale, e.getName(), String.valueOf(e.getValue())));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, Locale locale, HttpServletRequest request) {
        if (DatabaseAway.is(e)) {
            // not our fault and not the client's: say when to come back, and log the outage once, not per request
            outage.noticed(e);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(PROBLEM)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS))
                    .body(problems.of(HttpStatus.SERVICE_UNAVAILABLE, "error.databaseAway", locale));
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "error.internal", locale));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return problem(problems.of(HttpStatus.BAD_REQUEST, "error.unreadable", request.getLocale()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "error.validation", request.getLocale());
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream().map(f -> {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("field", f.getField());
            error.put("message", problems.message(f.getDefaultMessage(), request.getLocale()));
            return error;
        }).toList();
        problem.setProperty("errors", errors);
        return problem(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        return problem(problems.of(HttpStatus.BAD_REQUEST, "error.parameters", request.getLocale()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        // Spring's own 4xx (405, 415, missing parameter...): keep the status, give the detail in the caller's language
        ProblemDetail problem = problems.of(statusCode, "error.http." + statusCode.value(), request.getLocale());
        return ResponseEntity.status(statusCode).headers(headers).contentType(PROBLEM).body(problem);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(PROBLEM).body(problem);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(PROBLEM).body(problem);
    }
}
