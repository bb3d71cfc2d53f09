package org.kept.identity;

/** What an administrator fills in to create a login; customers link to an existing customer record. */
public record NewUser(String username, String displayName, String agentNo, String role, Long teamId, Long customerId,
                      String password) {

    /**
     * What makes two create requests "the same" for an Idempotency-Key. The password is left out on purpose:
     * an unsalted digest of it stored next to the key would undo what bcrypt protects.
     */
    public String fingerprint() {
        return String.join("\u001f", String.valueOf(username), String.valueOf(displayName), String.valueOf(agentNo),
                String.valueOf(role), String.valueOf(teamId), String.valueOf(customerId));
    }

    @Override
    public String toString() {
        return "NewUser[" + username + ", role=" + role + "]";
    }
}
