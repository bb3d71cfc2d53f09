package org.kept.identity;

import java.util.List;
import java.util.Optional;

/** Looks up teams and people; the read side of identity that other modules use. */
public interface Directory {

    List<TeamView> teams();

    Optional<TeamView> team(long id);

    Optional<UserView> user(long id);

    /** A person who can hold tickets now: enabled staff, not a customer; read through when not cached yet. */
    Optional<UserView> activeStaff(long id);

    /** Anyone by user name, enabled or not (a module's own system account, which never signs in). */
    Optional<UserView> userNamed(String username);

    /** Staff who can hold tickets (everyone but customers), by team then name. */
    List<UserView> staff();

    /**
     * Staff whose role grants the permission, by team then name: who can work tickets ({@code TICKET_WRITE}) is a
     * narrower list than everyone on staff (a planner or a compliance officer holds no tickets).
     */
    List<UserView> staffWith(Permission permission);
}
