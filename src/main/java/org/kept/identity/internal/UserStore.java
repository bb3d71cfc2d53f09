package org.kept.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.TeamView;
import org.kept.identity.UserView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Repository;

/** Users, teams and roles in the database; loads who is signing in with their role's permissions. */
@Repository
class UserStore implements UserDetailsService, Directory {

    private static final String USER_COLUMNS =
            "u.id, u.username, u.display_name, u.agent_no, u.role_code, u.team_id, u.customer_id, u.enabled, u.password_hash";

    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public CurrentUser loadUserByUsername(String username) {
        return byUsername(username).orElseThrow(() -> new UsernameNotFoundException(username));
    }

    Optional<CurrentUser> byUsername(String username) {
        return jdbc.sql("select " + USER_COLUMNS + " from app_user u where u.username = ?")
                .param(username).query(this::currentUser).optional();
    }

    Optional<CurrentUser> byId(long id) {
        return jdbc.sql("select " + USER_COLUMNS + " from app_user u where u.id = ?")
                .param(id).query(this::currentUser).optional();
    }

    /** A login with the session epoch it is at (see {@link SignIn}). */
    record Account(CurrentUser user, int sessionEpoch) {
    }

    Optional<Account> account(String username) {
        return jdbc.sql("select " + USER_COLUMNS + ", u.session_epoch from app_user u where u.username = ?")
                .param(username).query(this::accountRow).optional();
    }

    Optional<Account> account(long id) {
        return jdbc.sql("select " + USER_COLUMNS + ", u.session_epoch from app_user u where u.id = ?")
                .param(id).query(this::accountRow).optional();
    }

    private Account accountRow(ResultSet rs, int row) throws SQLException {
        return new Account(currentUser(rs, row), rs.getInt("session_epoch"));
    }

    Set<Permission> permissionsOf(String role) {
        List<String> names = jdbc.sql("select permission from role_permission where role_code = ?")
                .param(role).query(String.class).list();
        EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
        names.forEach(n -> permissions.add(Permission.valueOf(n)));
        return permissions;
    }

    private CurrentUser currentUser(ResultSet rs, int row) throws SQLException {
        String role = rs.getString("role_code");
        return new CurrentUser(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("agent_no"), role, permissionsOf(role), (Long) rs.getObject("team_id", Long.class),
                (Long) rs.getObject("customer_id", Long.class), rs.getBoolean("enabled"), rs.getString("password_hash"));
    }

    @Override
    public List<TeamView> teams() {
        return snapshot().teams;
    }

    @Override
    public Optional<TeamView> team(long id) {
        return Optional.ofNullable(snapshot().teamsById.get(id));
    }

    @Override
    public Optional<UserView> user(long id) {
        UserView cached = snapshot().usersById.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        return jdbc.sql("select id, username, display_name, agent_no, role_code, team_id from app_user where id = ?")
                .param(id).query(UserStore::userView).optional();
    }

    @Override
    public Optional<UserView> activeStaff(long id) {
        UserView cached = snapshot().usersById.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        return jdbc.sql("select id, username, display_name, agent_no, role_code, team_id from app_user "
                        + "where id = ? and customer_id is null and enabled = true")
                .param(id).query(UserStore::userView).optional();
    }

    @Override
    public Optional<UserView> userNamed(String username) {
        return jdbc.sql("select id, username, display_name, agent_no, role_code, team_id from app_user where username = ?")
                .param(username).query(UserStore::userView).optional();
    }

    @Override
    public List<UserView> staff() {
        return snapshot().staff;
    }

    @Override
    public List<UserView> staffWith(Permission permission) {
        java.util.Set<String> roles = java.util.Set.copyOf(jdbc.sql("select role_code from role_permission where permission = ?")
                .param(permission.name()).query(String.class).list());
        return snapshot().staff.stream().filter(u -> roles.contains(u.role())).toList();
    }

    /** Forget the cached directory after an administrator changed people or teams. */
    void changed() {
        snapshot = null;
    }

    /**
     * Teams and staff change rarely and are read on every ticket shown, so they are held in memory for a few
     * seconds; other instances see an admin's change within that time.
     */
    private Snapshot snapshot() {
        Snapshot current = snapshot;
        long now = System.nanoTime();
        if (current == null || now - current.loadedAt > java.util.concurrent.TimeUnit.SECONDS.toNanos(5)) {
            List<TeamView> teams = jdbc.sql("select id, code, name from team order by id")
                    .query((rs, i) -> new TeamView(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
            List<UserView> staff = jdbc.sql("select id, username, display_name, agent_no, role_code, team_id from app_user "
                            + "where customer_id is null and enabled = true order by team_id, display_name")
                    .query(UserStore::userView).list();
            current = new Snapshot(now, teams, staff);
            snapshot = current;
        }
        return current;
    }

    private volatile Snapshot snapshot;

    private static final class Snapshot {
        final long loadedAt;
        final List<TeamView> teams;
        final List<UserView> staff;
        final java.util.Map<Long, TeamView> teamsById = new java.util.HashMap<>();
        final java.util.Map<Long, UserView> usersById = new java.util.HashMap<>();

        Snapshot(long loadedAt, List<TeamView> teams, List<UserView> staff) {
            this.loadedAt = loadedAt;
            this.teams = List.copyOf(teams);
            this.staff = List.copyOf(staff);
            teams.forEach(t -> teamsById.put(t.id(), t));
            staff.forEach(u -> usersById.put(u.id(), u));
        }
    }

    static UserView userView(ResultSet rs, int row) throws SQLException {
        return new UserView(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("agent_no"), rs.getString("role_code"), rs.getObject("team_id", Long.class));
    }
}
