package org.kept.identity.internal;

import org.kept.shared.IdempotentRequests;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.List;
import org.kept.identity.Accounts;
import org.kept.identity.CurrentUser;
import org.kept.identity.NewUser;
import org.kept.identity.Permission;
import org.kept.identity.PortalCustomers;
import org.springframework.beans.factory.ObjectProvider;
import org.kept.shared.KeptException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes people, teams and roles on an administrator's behalf. Every change is checked here (whatever door it
 * came through) and published as an {@code IdentityChanged} in the same transaction, so it and its audit entry
 * commit together.
 */
@Service
public class UserAdminDesk implements Accounts {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,60}");
    static final Pattern TEAM_CODE = Pattern.compile("[A-Za-z0-9-]{2,40}");
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused. */
    private static final int PASSWORD_MAX_BYTES = 72;
    private static final int PASSWORD_MIN = 8;
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    private final PasswordEncoder encoder;
    private final AdminStore store;
    private final IdempotentRequests idempotency;
    private final IdentityAudit audit;
    private final Clock clock;
    private final ObjectProvider<PortalCustomers> customers;

    UserAdminDesk(PasswordEncoder encoder, AdminStore store, IdempotentRequests idempotency,
              IdentityAudit audit, Clock clock, ObjectProvider<PortalCustomers> customers) {
        this.customers = customers;
        this.encoder = encoder;
        this.store = store;
        this.idempotency = idempotency;
        this.audit = audit;
        this.clock = clock;
    }

    public IdempotentRequests.Outcome createUser(NewUser user, CurrentUser actor, String idempotencyKey) {
        return idempotency.once(actor.id(), idempotencyKey, "user.create", user.fingerprint(),
                () -> insertUser(user, false, actor));
    }

    @Override
    @Transactional
    public List<Long> importAll(List<NewUser> users, CurrentUser by) {
        return users.stream().map(u -> insertUser(u, true, by)).toList();
    }

    /** Creates a login with its password (checked by the password rules), in the caller's transaction; no Idempotency-Key. */
    long insertUser(NewUser user, CurrentUser actor) {
        return insertUser(user, false, actor);
    }

    /** Inserts one login; an imported one brings its password's bcrypt hash, a new one its password. */
    private long insertUser(NewUser user, boolean imported, CurrentUser actor) {
        String username = trim(user.username());
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw KeptException.invalid("error.user.username");
        }
        String displayName = displayName(user.displayName());
        String agentNo = agentNo(user.agentNo());
        if (imported && (user.password() == null || !BCRYPT.matcher(user.password()).matches())) {
            throw KeptException.invalid("error.password.hash");
        }
        if (!imported) {
            checkPassword(user.password());
        }
        checkPlacement(user.role(), user.teamId(), user.customerId());
        if (user.customerId() != null) {
            checkCustomer(user.customerId());
        }
        if (store.usernameTaken(username)) {
            throw KeptException.conflict("error.user.exists", username);
        }
        long id = store.insertUser(username, imported ? user.password() : encoder.encode(user.password()), displayName,
                agentNo, user.role(), user.teamId(), user.customerId(), clock.instant().atOffset(ZoneOffset.UTC));
        audit.record(actor, "user.create", "user:" + username, "role=" + user.role() + ", team=" + teamCode(user.teamId())
                + ", agentNo=" + IdentityAudit.show(agentNo) + ", name=" + displayName
                + (user.customerId() == null ? "" : ", customer=" + user.customerId()));
        return id;
    }

    @Transactional
    public void updateUser(long id, UserChange change, CurrentUser actor) {
        AdminUser before = existingUser(id);
        String displayName = displayName(change.displayName());
        String agentNo = agentNo(change.agentNo());
        boolean enabled = change.enabled() == null ? before.enabled() : change.enabled();
        checkPlacement(change.role(), change.teamId(), before.customerId());
        if (before.id() == actor.id()) {
            // an administrator who locks themselves out may leave nobody able to let them back in
            if (!enabled) {
                throw KeptException.invalid("error.user.self.disable");
            }
            if (!store.role(change.role()).map(r -> r.permissions().contains(Permission.USER_ADMIN)).orElse(false)) {
                throw KeptException.invalid("error.user.self.role");
            }
        }
        store.updateUser(id, displayName, agentNo, change.role(), change.teamId(), enabled);
        String subject = "user:" + before.username();
        if (before.enabled() && !enabled) {
            // enabling the account again later must not bring back the sessions and tokens it had
            int revoked = store.endSignIns(id);
            audit.record(actor, "user.signins", subject, "disabled; sessions ended, " + revoked + " API token(s) revoked");
        }
        audit.change(actor, "user.name", subject, before.displayName(), displayName);
        audit.change(actor, "user.agentNo", subject, before.agentNo(), agentNo);
        audit.change(actor, "user.role", subject, before.role(), change.role());
        audit.change(actor, "user.team", subject, teamCode(before.teamId()), teamCode(change.teamId()));
        audit.change(actor, "user.enabled", subject, before.enabled(), enabled);
    }

    @Transactional
    public void setEnabled(long id, boolean enabled, CurrentUser actor) {
        AdminUser user = existingUser(id);
        updateUser(id, new UserChange(user.displayName(), user.agentNo(), user.role(), user.teamId(), enabled), actor);
    }

    /**
     * Sets a new password, ends the user's browser sessions and revokes their API tokens: whoever held the old
     * password loses access too. A new session epoch also opens the login throttle for the user, so someone locked
     * out by failed attempts signs in with the new password at once.
     */
    @Transactional
    public void resetPassword(long id, String password, CurrentUser actor) {
        AdminUser user = existingUser(id);
        checkPassword(password);
        int revoked = store.resetPassword(id, encoder.encode(password));
        audit.record(actor, "user.password", "user:" + user.username(), "reset; sessions ended, " + revoked + " API token(s) revoked");
    }

    public IdempotentRequests.Outcome createTeam(String code, String name, CurrentUser actor, String idempotencyKey) {
        return idempotency.once(actor.id(), idempotencyKey, "team.create", code + "\u001f" + name,
                () -> insertTeam(code, name, actor));
    }

    /** Checks and inserts one team, in the caller's transaction. */
    long insertTeam(String code, String name, CurrentUser actor) {
        String teamCode = trim(code);
        String teamName = teamName(name);
        if (teamCode == null || !TEAM_CODE.matcher(teamCode).matches()) {
            throw KeptException.invalid("error.team.invalid");
        }
        if (store.teamCodeTaken(teamCode)) {
            throw KeptException.conflict("error.team.exists", teamCode);
        }
        long id = store.insertTeam(teamCode, teamName);
        audit.record(actor, "team.create", "team:" + teamCode, "name=" + teamName);
        return id;
    }

    @Transactional
    public void renameTeam(long id, String name, CurrentUser actor) {
        AdminTeam team = store.team(id).orElseThrow(() -> unknownTeam(id));
        String teamName = teamName(name);
        store.renameTeam(id, teamName);
        audit.change(actor, "team.rename", "team:" + team.code(), team.name(), teamName);
    }

    @Transactional
    public void setPermissions(String role, Set<Permission> permissions, CurrentUser actor) {
        AdminRole before = store.role(role).orElseThrow(() -> new KeptException(HttpStatus.NOT_FOUND, "error.role.unknown", role));
        Set<Permission> after = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
        boolean locksOut = Roles.ADMIN.equals(role) || role.equals(actor.role());
        if (locksOut && before.permissions().contains(Permission.USER_ADMIN) && !after.contains(Permission.USER_ADMIN)) {
            throw KeptException.invalid("error.role.lockout", role);
        }
        if (after.equals(before.permissions())) {
            return;
        }
        store.setPermissions(role, after);
        audit.change(actor, "role.permissions", "role:" + role, before.permissions(), after);
    }

    /** Ids go into messages as text: a number would be printed with grouping, "12,345". */
    public static KeptException unknownUser(long id) {
        return new KeptException(HttpStatus.NOT_FOUND, "error.user.unknown", String.valueOf(id));
    }

    public static KeptException unknownTeam(long id) {
        return new KeptException(HttpStatus.NOT_FOUND, "error.team.unknown", String.valueOf(id));
    }

    private AdminUser existingUser(long id) {
        return store.user(id).orElseThrow(() -> unknownUser(id));
    }

    /**
     * A customer's login belongs to a customer record and no team; staff have no customer record. Mixing the two
     * would let a customer see staff pages or an agent see a portal that is not theirs.
     */
    private void checkPlacement(String role, Long teamId, Long customerId) {
        if (role == null || store.role(role).isEmpty()) {
            throw KeptException.invalid("error.role.invalid");
        }
        if (teamId != null && store.team(teamId).isEmpty()) {
            throw KeptException.invalid("error.user.team", String.valueOf(teamId));
        }
        boolean customer = Roles.CUSTOMER.equals(role);
        if (customer && (customerId == null || teamId != null)) {
            throw KeptException.invalid("error.user.customer.required");
        }
        if (!customer && customerId != null) {
            throw KeptException.invalid("error.user.customer.staff");
        }
    }

    /**
     * The customer record must exist and have no login yet. Identity may not call the customer module (it depends
     * on identity), so it asks through {@link PortalCustomers}, which that module implements; the foreign key is the
     * final guard.
     */
    private void checkCustomer(long customerId) {
        PortalCustomers register = customers.getIfAvailable();
        if (register != null && !register.exists(customerId)) {
            throw KeptException.invalid("error.user.customer.unknown", String.valueOf(customerId));
        }
        if (store.customerHasLogin(customerId)) {
            throw KeptException.conflict("error.user.customer.linked", String.valueOf(customerId));
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < PASSWORD_MIN
                || password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            throw KeptException.invalid("error.password.invalid");
        }
    }

    private static String displayName(String name) {
        String value = trim(name);
        if (value == null || value.length() > 100) {
            throw KeptException.invalid("error.user.displayName");
        }
        return value;
    }

    /** 工号: optional, short enough to read out on a call. */
    private static String agentNo(String agentNo) {
        String value = trim(agentNo);
        if (value != null && value.length() > 20) {
            throw KeptException.invalid("error.user.agentNo");
        }
        return value;
    }

    private static String teamName(String name) {
        String value = trim(name);
        if (value == null || value.length() > 100) {
            throw KeptException.invalid("error.team.invalid");
        }
        return value;
    }

    private String teamCode(Long teamId) {
        return teamId == null ? null : store.team(teamId).map(AdminTeam::code).orElse(String.valueOf(teamId));
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
