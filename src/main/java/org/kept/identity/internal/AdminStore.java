package org.kept.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kept.identity.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * People, teams and roles as administrators read and change them: users with their state, teams with head counts,
 * roles with permissions. Read straight from the database, not the directory cache, so an admin sees their change at
 * once.
 */
@Repository
public class AdminStore {

    /** More logins than this are narrowed with the filters; the list never grows without bound. */
    public static final int MAX_USERS = 500;

    private static final String USERS = "select u.id, u.username, u.display_name, u.agent_no, u.role_code, u.team_id, "
            + "t.name as team_name, u.customer_id, u.enabled, u.created_at from app_user u left join team t on t.id = u.team_id";

    private final JdbcClient jdbc;

    AdminStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Logins filtered by role, team and a text matching username, name or agent number; null means any. */
    public List<AdminUser> users(String role, Long teamId, String text) {
        StringBuilder sql = new StringBuilder(USERS).append(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (role != null && !role.isBlank()) {
            sql.append(" and u.role_code = ?");
            params.add(role);
        }
        if (teamId != null) {
            sql.append(" and u.team_id = ?");
            params.add(teamId);
        }
        if (text != null && !text.isBlank()) {
            String like = "%" + text.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" and (lower(u.username) like ? escape '\\' or lower(u.display_name) like ? escape '\\' or u.agent_no = ?)");
            params.add(like);
            params.add(like);
            params.add(text.trim());
        }
        sql.append(" order by u.enabled desc, u.role_code, u.username");
        return jdbc.sql(sql.toString()).params(params).withMaxRows(MAX_USERS).query(AdminStore::user).list();
    }

    public Optional<AdminUser> user(long id) {
        return jdbc.sql(USERS + " where u.id = ?").param(id).query(AdminStore::user).optional();
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("select count(*) from app_user where lower(username) = lower(?)").param(username)
                .query(Long.class).single() > 0;
    }

    public List<AdminTeam> teams() {
        return jdbc.sql("select t.id, t.code, t.name, (select count(*) from app_user u where u.team_id = t.id and u.enabled = true) "
                        + "from team t order by t.id")
                .query((rs, i) -> new AdminTeam(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
    }

    public Optional<AdminTeam> team(long id) {
        return teams().stream().filter(t -> t.id() == id).findFirst();
    }

    boolean teamCodeTaken(String code) {
        return jdbc.sql("select count(*) from team where lower(code) = lower(?)").param(code).query(Long.class).single() > 0;
    }

    public List<AdminRole> roles() {
        Map<String, Set<Permission>> granted = new LinkedHashMap<>();
        jdbc.sql("select role_code, permission from role_permission").query((ResultSet rs) -> {
            String role = rs.getString(1);
            Roles.permission(rs.getString(2)).ifPresent(p ->
                    granted.computeIfAbsent(role, k -> EnumSet.noneOf(Permission.class)).add(p));
        });
        return jdbc.sql("select r.code, r.name, (select count(*) from app_user u where u.role_code = r.code) from role r order by r.code")
                .query((rs, i) -> new AdminRole(rs.getString(1), rs.getString(2),
                        Set.copyOf(granted.getOrDefault(rs.getString(1), EnumSet.noneOf(Permission.class))), rs.getLong(3)))
                .list().stream().sorted(Roles.ORDER).toList();
    }

    public Optional<AdminRole> role(String code) {
        return roles().stream().filter(r -> r.code().equals(code)).findFirst();
    }

    private static AdminUser user(ResultSet rs, int row) throws SQLException {
        return new AdminUser(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), rs.getString("agent_no"),
                rs.getString("role_code"), rs.getObject("team_id", Long.class), rs.getString("team_name"),
                rs.getObject("customer_id", Long.class), rs.getBoolean("enabled"), rs.getObject("created_at", OffsetDateTime.class));
    }

    long insertUser(String username, String passwordHash, String displayName, String agentNo, String role, Long teamId,
                    Long customerId, OffsetDateTime createdAt) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into app_user (username, password_hash, display_name, agent_no, role_code, team_id, customer_id, "
                        + "enabled, created_at) values (?, ?, ?, ?, ?, ?, ?, true, ?)")
                .params(username, passwordHash, displayName, agentNo, role, teamId, customerId, createdAt)
                .update(key, "id");
        return key.getKey().longValue();
    }

    void updateUser(long id, String displayName, String agentNo, String role, Long teamId, boolean enabled) {
        jdbc.sql("update app_user set display_name = ?, agent_no = ?, role_code = ?, team_id = ?, enabled = ? where id = ?")
                .params(displayName, agentNo, role, teamId, enabled, id).update();
    }

    /**
     * Ends everything the user is signed in with: raises the session epoch (every open browser session ends on its
     * next request) and deletes the API tokens; returns how many tokens were revoked.
     */
    int endSignIns(long id) {
        jdbc.sql("update app_user set session_epoch = session_epoch + 1 where id = ?").param(id).update();
        return jdbc.sql("delete from api_token where user_id = ?").param(id).update();
    }

    /** Sets the password hash and ends the user's sessions and API tokens; returns how many tokens were revoked. */
    int resetPassword(long id, String passwordHash) {
        jdbc.sql("update app_user set password_hash = ? where id = ?").params(passwordHash, id).update();
        return endSignIns(id);
    }

    boolean customerHasLogin(long customerId) {
        return jdbc.sql("select count(*) from app_user where customer_id = ?").param(customerId).query(Long.class).single() > 0;
    }

    long insertTeam(String code, String name) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into team (code, name) values (?, ?)").params(code, name).update(key, "id");
        return key.getKey().longValue();
    }

    void renameTeam(long id, String name) {
        jdbc.sql("update team set name = ? where id = ?").params(name, id).update();
    }

    void setPermissions(String role, Set<Permission> permissions) {
        jdbc.sql("delete from role_permission where role_code = ?").param(role).update();
        permissions.forEach(p -> jdbc.sql("insert into role_permission (role_code, permission) values (?, ?)")
                .params(role, p.name()).update());
    }
}
