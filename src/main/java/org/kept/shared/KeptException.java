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
    /** What was wrong with each field of a request, when there was more than one thing to say (else empty). */
    private final transient java.util.List<Field> fields;

    public KeptException(HttpStatus status, String messageKey, Object... args) {
        this(status, messageKey, java.util.List.of(), args);
    }

    private KeptException(HttpStatus status, String messageKey, java.util.List<Field> fields, Object... args) {
        super(messageKey);
        this.status = status;
        this.messageKey = messageKey;
        this.args = args;
        this.fields = java.util.List.copyOf(fields);
    }

    /** One field's refusal: which input, and why (a message key and its arguments). */
    public record Field(String field, String messageKey, Object... args) {
    }

    /**
     * Every problem of a request at once, so a form can show each beside its input and a client fix them in one go;
     * the problem's own sentence is the first of them.
     */
    public static KeptException invalid(java.util.List<Field> fields) {
        Field first = fields.get(0);
        return new KeptException(HttpStatus.UNPROCESSABLE_CONTENT, first.messageKey(), fields, first.args());
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

    /** The field refusals; a refusal made with a single message key has none. */
    public java.util.List<Field> fields() {
        return fields;
    }
}
