package org.kept.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.identity.internal.AdminStore;
import org.kept.identity.internal.AdminRole;
import org.kept.identity.internal.UserAdminDesk;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Roles and what each may do. A change applies to every new sign-in and token, and at once to existing tokens. */
@RestController
@Tag(name = "admin")
class AdminRoleApi {

    private final UserAdminDesk admin;
    private final AdminStore directory;

    AdminRoleApi(UserAdminDesk admin, AdminStore directory) {
        this.admin = admin;
        this.directory = directory;
    }

    @GetMapping("/api/v1/admin/roles")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "Roles with their permissions and number of users")
    List<AdminRole> list() {
        return directory.roles();
    }

    @PutMapping("/api/v1/admin/roles/{code}/permissions")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "Replace a role's permissions",
            description = "Audited as old → new. USER_ADMIN cannot be taken from ADMIN or from your own role (422).")
    AdminRole setPermissions(@PathVariable String code, @Valid @RequestBody AdminRequests.RolePermissions body,
                             @AuthenticationPrincipal CurrentUser me) {
        admin.setPermissions(code, body.permissions(), me);
        return directory.role(code).orElseThrow();
    }
}
