package org.kept.knowledge;

/** A reply template (话术) for a channel: PHONE wording, WRITTEN wording, or ANY. */
public record Script(long id, String code, String name, String channel, String body, int sortOrder) {
}
