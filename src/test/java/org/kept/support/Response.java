package org.kept.support;

import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/** What the application answered to one {@link Api} call; its text names the call for assertion messages. */
public record Response(String call, int status, String body, HttpHeaders headers) {

    public JsonNode json() {
        return Api.JSON.readTree(body);
    }

    public String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The {@code id} of the returned object. */
    public long id() {
        return json().path("id").asLong();
    }

    /** The {@code version} of the returned ticket or customer, for optimistic locking. */
    public int version() {
        return json().path("version").asInt();
    }

    /** The problem document's detail, the sentence meant for a person. */
    public String detail() {
        return json().path("detail").asString();
    }

    /** Fails with the call and the body when the status is not the expected one; returns this for chaining. */
    public Response expect(int expected) {
        if (status != expected) {
            throw new AssertionError(call + " answered " + status + ", expected " + expected + ": " + body);
        }
        return this;
    }

    @Override
    public String toString() {
        return call + " -> " + status + " " + body;
    }
}
