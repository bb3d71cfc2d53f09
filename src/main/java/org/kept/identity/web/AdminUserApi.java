package org.kept.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.identity.internal.AdminStore;
import org.kept.identity.internal.AdminUser;
import org.kept.shared.IdempotentRequests.Outcome;
import org.kept.identity.internal.UserAdminDesk;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** People for administrators: list, create, edit, reset a password. Password hashes never leave the server. */
@RestController
@Tag(name = "admin")
class AdminUserApi {

    private final UserAdminDesk admin;
    private final AdminStore directory;

    AdminUserApi(UserAdminDesk admin, AdminStore directory) {
        this.admin = admin;
        this.directory = directory;
    }

    @GetMapping("/api/v1/admin/users")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "Users, filtered by role, team and a text (username, name or agent number); at most 500")
    List<AdminUser> list(@RequestParam(required = false) String role, @RequestParam(required = false) Long team,
                         @RequestParam(required = false) String q) {
        return directory.users(role, team, q);
    }

    @PostMapping("/api/v1/admin/users")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "Create a user",
            description = "Role CUSTOMER needs customerId (an existing customer without a login) and no team. With an "
                    + "Idempotency-Key the same key and body return the same user (200, Idempotent-Replayed: true); "
                    + "the same key with another body is refused with 422. A taken username is 409.")
    ResponseEntity<AdminUser> create(@Valid @RequestBody AdminRequests.CreateUser body,
                                     @Parameter(description = "Client-chosen key, up to 100 characters")
                                     @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                     @AuthenticationPrincipal CurrentUser me) {
        Outcome outcome = admin.createUser(body.toNewUser(), me, idempotencyKey);
        return AdminResponses.created("/api/v1/admin/users/", outcome, get(outcome.id()));
    }

    @GetMapping("/api/v1/admin/users/{id}")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "One user")
    AdminUser get(@PathVariable long id) {
        return directory.user(id).orElseThrow(() -> UserAdminDesk.unknownUser(id));
    }

    @PutMapping("/api/v1/admin/users/{id}")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "Change name, agent number, role, team and enabled",
            description = "Each changed field is audited with its old and new value. You cannot disable yourself or "
                    + "give yourself a role without USER_ADMIN.")
    AdminUser update(@PathVariable long id, @Valid @RequestBody AdminRequests.UpdateUser body,
                     @AuthenticationPrincipal CurrentUser me) {
        admin.updateUser(id, body.toChange(), me);
        return get(id);
    }

    @PostMapping("/api/v1/admin/users/{id}/password")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set a new password; the user's browser sessions end and API tokens are revoked",
            description = "Also lifts a lock-out by failed sign-ins: the user signs in with the new password at once.")
    void resetPassword(@PathVariable long id, @Valid @RequestBody AdminRequests.NewPassword body,
                       @AuthenticationPrincipal CurrentUser me) {
        admin.resetPassword(id, body.password(), me);
    }
}
