package org.kept.identity.internal;

import java.util.Set;
import org.kept.identity.Permission;

/** A role, its permissions and how many logins hold it. */
public record AdminRole(String code, String name, Set<Permission> permissions, long users) {
}
