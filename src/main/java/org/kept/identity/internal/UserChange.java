package org.kept.identity.internal;

/** An administrator's edit of a user; {@code enabled} null keeps it as it is. The username never changes. */
public record UserChange(String displayName, String agentNo, String role, Long teamId, Boolean enabled) {
}
