package org.kept.shared;

import org.springframework.http.HttpStatus;

/**
 * A failure a client caused and can understand. The message key is looked up in the
 * messages bundle in the caller's language; the arguments fill its placeholders.
 */
public class KeptException extends RuntimeException {

    private final HttpStatus status;
    private final String messageKey;
    private final transient Object[] args;

    public KeptException(HttpStatus status, String messageKey, Object... args) {
        super(messageKey);
        this.status = status;
        this.messageKey = messageKey;
        this.args = args;
    }

    public static KeptException notFound(String what, Object id) {
        return new KeptException(HttpStatus.NOT_FOUND, "error.notFound", what, id);
    }

    public static KeptException invalid(String messageKey, Object... args) {
        return new KeptException(HttpStatus.UNPROCESSABLE_CONTENT, messageKey, args);
    }

    public static KeptException conflict(String messageKey, Object... args) {
        return new KeptException(HttpStatus.CONFLICT, messageKey, args);
    }

    public static KeptException forbidden(String messageKey, Object... args) {
        return new KeptException(HttpStatus.FORBIDDEN, messageKey, args);
    }

    public HttpStatus status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
