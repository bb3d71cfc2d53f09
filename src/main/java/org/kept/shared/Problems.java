package org.kept.shared;

import java.util.LinkedHashMap;
import java.util.Map;

import java.net.URI;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Builds RFC 9457 problem documents whose detail is a sentence in the caller's language. */
@Component
public class Problems {

    private final MessageSource messages;

    Problems(MessageSource messages) {
        this.messages = messages;
    }

    public ProblemDetail of(HttpStatusCode status, String messageKey, Locale locale, Object... args) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create("https://kept.dev/problems/" + messageKey.replace("error.", "")));
        problem.setTitle(message("title." + status.value(), locale));
        problem.setDetail(messages.getMessage(messageKey, plain(args), messageKey, locale));
        return problem;
    }

    /** The problem document of a refusal, its detail in the caller's language. */
    public ProblemDetail of(KeptException e, Locale locale) {
        ProblemDetail problem = of(e.status(), e.messageKey(), locale, named(e, locale));
        if (!e.fields().isEmpty()) {
            // the same shape as bean validation's 422: [{"field", "message"}], every field at once
            problem.setProperty("errors", e.fields().stream().map(f -> {
                Map<String, String> error = new LinkedHashMap<>();
                error.put("field", f.field());
                error.put("message", message(f.messageKey(), locale, f.args()));
                return error;
            }).toList());
        }
        return problem;
    }

    /** Each refused field's sentence in the reader's language, by field name (the first sentence per field). */
    public Map<String, String> fieldSentences(KeptException e, Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        e.fields().forEach(f -> out.putIfAbsent(f.field(), message(f.messageKey(), locale, f.args())));
        return out;
    }

    public String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, plain(args), key, locale);
    }

    /** A refusal as one sentence in the reader's language: the one way every page and API call words it. */
    public String sentence(KeptException e, Locale locale) {
        return message(e.messageKey(), locale, named(e, locale));
    }

    /**
     * "There is no {0} {1}": the thing is named in code ("handover item"); the reader sees it in their language
     * ("交接事项") where the bundle names it under {@code what.handover.item}.
     */
    private Object[] named(KeptException e, Locale locale) {
        Object[] args = e.args();
        if ("error.notFound".equals(e.messageKey()) && args.length > 0 && args[0] instanceof String what) {
            args[0] = messages.getMessage("what." + what.replace(' ', '.'), null, what, locale);
        }
        return args;
    }

    /** Ids are longs: show them as they are ("ticket 987654321"), not as amounts ("987,654,321"). */
    private static Object[] plain(Object[] args) {
        if (args == null) {
            return null;
        }
        Object[] plain = args.clone();
        for (int i = 0; i < plain.length; i++) {
            if (plain[i] instanceof Long id) {
                plain[i] = id.toString();
            }
        }
        return plain;
    }
}
