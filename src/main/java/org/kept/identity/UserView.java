package org.kept.identity;

/** A person as other modules see it: enough to show and assign, nothing secret. */
public record UserView(long id, String username, String displayName, String agentNo, String role, Long teamId) {
}
