package org.kept.identity;

import java.util.Set;

/**
 * A module's own hand on tickets and contacts: the disabled account its migration created ({@code kept-sla},
 * {@code kept-sms}, {@code kept-chat}, …), looked up once by name, so every timeline entry and audit line names who
 * acted. It never signs in; it acts as a lead of no team with the permissions given here.
 */
public final class SystemAccount {

    private final Directory directory;
    private final String username;
    private final String displayName;
    private final String agentNo;
    private final Set<Permission> permissions;
    private volatile CurrentUser actor;

    public SystemAccount(Directory directory, String username, String displayName, String agentNo,
                         Set<Permission> permissions) {
        this.directory = directory;
        this.username = username;
        this.displayName = displayName;
        this.agentNo = agentNo;
        this.permissions = java.util.EnumSet.copyOf(permissions);
    }

    public CurrentUser get() {
        CurrentUser a = actor;
        if (a == null) {
            long id = directory.userNamed(username).orElseThrow(() -> new IllegalStateException("no user " + username)).id();
            a = new CurrentUser(id, username, displayName, agentNo, "LEAD", permissions, null, null, true, "");
            actor = a;
        }
        return a;
    }

    public long id() {
        return get().id();
    }

    /**
     * The same account standing in for a customer who wrote through the channel (a mail, a WeChat message), so the
     * ticket desk treats the message as the customer's own reply.
     */
    public CurrentUser forCustomer(long customerId, String name) {
        return new CurrentUser(id(), username, name, null, "CUSTOMER", java.util.EnumSet.of(Permission.PORTAL), null,
                customerId, true, "");
    }
}
