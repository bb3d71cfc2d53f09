package org.kept.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in person: who they are, their role's permissions, their team and (for customers) their customer record. */
public record CurrentUser(long id, String username, String displayName, String agentNo, String role,
                          Set<Permission> permissions, Long teamId, Long customerId, boolean enabled,
                          String passwordHash) implements UserDetails {

    public CurrentUser {
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    /** Personal data is shown in full only to roles whose work needs it. */
    public boolean seesPersonalData() {
        return can(Permission.PII_VIEW);
    }

    public boolean isCustomer() {
        return customerId != null && can(Permission.PORTAL);
    }

    /** The same person without the password hash, for sessions and tokens. */
    public CurrentUser withoutPassword() {
        return new CurrentUser(id, username, displayName, agentNo, role, permissions, teamId, customerId, enabled, "");
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return Stream.concat(permissions.stream().map(Enum::name), Stream.of("ROLE_" + role))
                .map(SimpleGrantedAuthority::new).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }
}
