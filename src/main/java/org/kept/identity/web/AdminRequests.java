package org.kept.identity.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.kept.identity.Permission;
import org.kept.identity.internal.AdminUser;
import org.kept.identity.NewUser;
import org.kept.identity.internal.UserChange;

/**
 * What the admin API and the admin pages accept. One set of records for both doors, so a form and a JSON call
 * are refused for the same reasons; messages are keys, shown in the caller's language.
 */
final class AdminRequests {

    private AdminRequests() {
    }

    record CreateUser(
            @NotBlank(message = "error.user.username") @Pattern(regexp = "[A-Za-z0-9._-]{3,60}", message = "error.user.username")
            @Schema(example = "zhang.wei") String username,
            @NotBlank(message = "error.user.displayName") @Size(max = 100, message = "error.user.displayName")
            @Schema(example = "张伟") String displayName,
            @Size(max = 20, message = "error.user.agentNo") @Schema(description = "工号, read out on calls", example = "A1024")
            String agentNo,
            @NotBlank(message = "error.role.invalid") @Size(max = 40, message = "error.role.invalid")
            @Schema(example = "AGENT") String role,
            Long teamId,
            @Schema(description = "Required for role CUSTOMER: the existing customer record this login belongs to")
            Long customerId,
            @NotNull(message = "error.password.invalid") @Size(min = 8, max = 72, message = "error.password.invalid")
            @Schema(description = "8 to 72 characters; stored only as a bcrypt hash", accessMode = Schema.AccessMode.WRITE_ONLY)
            String password) {

        NewUser toNewUser() {
            return new NewUser(username, displayName, agentNo, role, teamId, customerId, password);
        }

        /** Never echo a typed password back into a page. */
        CreateUser withoutPassword() {
            return new CreateUser(username, displayName, agentNo, role, teamId, customerId, null);
        }

        static CreateUser empty() {
            return new CreateUser(null, null, null, null, null, null, null);
        }
    }

    record UpdateUser(
            @NotBlank(message = "error.user.displayName") @Size(max = 100, message = "error.user.displayName") String displayName,
            @Size(max = 20, message = "error.user.agentNo") String agentNo,
            @NotBlank(message = "error.role.invalid") @Size(max = 40, message = "error.role.invalid") String role,
            Long teamId,
            @Schema(description = "Omit to leave as it is; false signs the user out of the API and stops logins")
            Boolean enabled) {

        UserChange toChange() {
            return new UserChange(displayName, agentNo, role, teamId, enabled);
        }

        /** The edit form filled with what is stored; enabled is changed by its own button. */
        static UpdateUser of(AdminUser user) {
            return new UpdateUser(user.displayName(), user.agentNo(), user.role(), user.teamId(), null);
        }
    }

    record NewPassword(
            @NotNull(message = "error.password.invalid") @Size(min = 8, max = 72, message = "error.password.invalid")
            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY) String password) {
    }

    record CreateTeam(
            @NotBlank(message = "error.team.invalid") @Pattern(regexp = "[A-Za-z0-9-]{2,40}", message = "error.team.invalid")
            @Schema(example = "night-line") String code,
            @NotBlank(message = "error.team.invalid") @Size(max = 100, message = "error.team.invalid")
            @Schema(example = "夜间热线组") String name) {
    }

    record RenameTeam(@NotBlank(message = "error.team.invalid") @Size(max = 100, message = "error.team.invalid") String name) {
    }

    record RolePermissions(@NotNull(message = "error.role.invalid") Set<Permission> permissions) {
    }
}
