package org.kept.identity.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.kept.identity.Permission;

/** The roles the rules name, and the order a centre reads them in: from the customer up to the administrator. */
final class Roles {

    static final String CUSTOMER = "CUSTOMER";
    static final String ADMIN = "ADMIN";

    private static final List<String> LADDER =
            List.of(CUSTOMER, "OUTSOURCED", "AGENT", "LEAD", "COMPLAINTS", "COMPLIANCE", "PLANNER", ADMIN);

    /** Known roles in ladder order, any other role after them by code. */
    static final Comparator<AdminRole> ORDER = Comparator
            .comparingInt((AdminRole r) -> LADDER.indexOf(r.code()) < 0 ? LADDER.size() : LADDER.indexOf(r.code()))
            .thenComparing(AdminRole::code);

    private Roles() {
    }

    /** A stored permission name; one this version no longer knows is skipped rather than failing the page. */
    static Optional<Permission> permission(String name) {
        try {
            return Optional.of(Permission.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
