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
    /** How long the client should wait before trying again (sent as Retry-After), or null. */
    private transient java.time.Duration retryAfter;

    public KeptException(HttpStatus status, String messageKey, Object... args) {
        super(messageKey);
        this.status = status;
        this.messageKey = messageKey;
        this.args = args;
    }

    /** A 429: the client asked too often; {@code retryAfter} goes out as the Retry-After header. */
    public static KeptException tooManyRequests(java.time.Duration retryAfter, String messageKey, Object... args) {
        KeptException e = new KeptException(HttpStatus.TOO_MANY_REQUESTS, messageKey, args);
        e.retryAfter = retryAfter;
        return e;
    }

    /** Seconds the client should wait before trying again, or null when the refusal says nothing about time. */
    public Long retryAfterSeconds() {
        return retryAfter == null ? null : Math.max(1, retryAfter.toSeconds());
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
