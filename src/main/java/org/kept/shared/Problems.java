package org.kept.shared;

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

    public String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, plain(args), key, locale);
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
