package org.kept.identity.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.kept.shared.KeptException;
import org.kept.shared.Problems;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * Turns what was wrong with a submitted admin form into one sentence per field, in the reader's language, so the
 * page can put each message next to its input. Anything not tied to a field goes under {@code form}.
 */
@Component
class FormErrors {

    static final String FORM = "form";

    /** Which input a service refusal is about, by its message key. */
    private static final Map<String, String> FIELD_OF = Map.ofEntries(
            Map.entry("error.user.username", "username"), Map.entry("error.user.exists", "username"),
            Map.entry("error.user.displayName", "displayName"), Map.entry("error.user.agentNo", "agentNo"),
            Map.entry("error.role.invalid", "role"), Map.entry("error.user.self.role", "role"),
            Map.entry("error.user.team", "teamId"), Map.entry("error.user.customer.required", "customerId"),
            Map.entry("error.user.customer.staff", "customerId"), Map.entry("error.user.customer.unknown", "customerId"),
            Map.entry("error.user.customer.linked", "customerId"), Map.entry("error.password.invalid", "password"),
            Map.entry("error.team.exists", "code"));

    private final Problems problems;

    FormErrors(Problems problems) {
        this.problems = problems;
    }

    /**
     * Runs a submitted form's change: where to go next when it is done, or the page again with the reasons when
     * the input or the service refused it. Nothing is changed in the second case.
     */
    String submit(BindingResult result, Locale locale, Supplier<String> change, Function<Map<String, String>, String> refused) {
        if (result != null && result.hasErrors()) {
            return refused.apply(of(result, locale));
        }
        try {
            return change.get();
        } catch (KeptException e) {
            return refused.apply(of(e, locale));
        }
    }

    Map<String, String> of(BindingResult result, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : result.getFieldErrors()) {
            String message = error.isBindingFailure()
                    ? problems.message("error.parameter", locale, error.getField(), String.valueOf(error.getRejectedValue()))
                    : problems.message(error.getDefaultMessage(), locale);
            errors.putIfAbsent(error.getField(), message);
        }
        result.getGlobalErrors().forEach(e -> errors.putIfAbsent(FORM, problems.message(e.getDefaultMessage(), locale)));
        return errors;
    }

    Map<String, String> of(KeptException refusal, Locale locale) {
        return Map.of(FIELD_OF.getOrDefault(refusal.messageKey(), FORM),
                problems.sentence(refusal, locale));
    }

    String message(String key, Locale locale, Object... args) {
        return problems.message(key, locale, args);
    }
}
