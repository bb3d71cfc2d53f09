package org.kept.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.identity.internal.AdminStore;
import org.kept.identity.internal.AdminTeam;
import org.kept.shared.IdempotentRequests.Outcome;
import org.kept.identity.internal.UserAdminDesk;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Teams (班组) for administrators: list with head counts, create, rename. */
@RestController
@Tag(name = "admin")
class AdminTeamApi {

    private final UserAdminDesk admin;
    private final AdminStore directory;

    AdminTeamApi(UserAdminDesk admin, AdminStore directory) {
        this.admin = admin;
        this.directory = directory;
    }

    @GetMapping("/api/v1/admin/teams")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "Teams with the number of enabled members")
    List<AdminTeam> list() {
        return directory.teams();
    }

    @PostMapping("/api/v1/admin/teams")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "Create a team",
            description = "The code (letters, digits, -) is permanent; a taken code is 409. Honours Idempotency-Key like user creation.")
    ResponseEntity<AdminTeam> create(@Valid @RequestBody AdminRequests.CreateTeam body,
                                     @Parameter(description = "Client-chosen key, up to 100 characters")
                                     @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                     @AuthenticationPrincipal CurrentUser me) {
        Outcome outcome = admin.createTeam(body.code(), body.name(), me, idempotencyKey);
        return AdminResponses.created("/api/v1/admin/teams/", outcome, team(outcome.id()));
    }

    @PutMapping("/api/v1/admin/teams/{id}")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "Rename a team")
    AdminTeam rename(@PathVariable long id, @Valid @RequestBody AdminRequests.RenameTeam body,
                     @AuthenticationPrincipal CurrentUser me) {
        admin.renameTeam(id, body.name(), me);
        return team(id);
    }

    private AdminTeam team(long id) {
        return directory.team(id).orElseThrow(() -> UserAdminDesk.unknownTeam(id));
    }
}
