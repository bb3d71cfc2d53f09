package org.kept.routing.internal;

/** A not-ready reason as an administrator edits it: names in both languages, place in the agent's list, offered or not. */
public record ReasonCode(String code, String nameZh, String nameEn, int position, boolean active) {
}
