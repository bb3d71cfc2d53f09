package org.kept.ticket.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.kept.identity.CurrentUser;
import org.kept.ticket.Tickets;
import org.kept.ticket.internal.CategoryDesk;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Ticket categories are configuration: administrators add and rename them. PUT is naturally idempotent. */
@RestController
@Tag(name = "tickets")
class CategoryController {

    private final CategoryDesk categories;

    CategoryController(CategoryDesk categories) {
        this.categories = categories;
    }

    @PutMapping("/api/v1/ticket-categories/{code}")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "Create or rename a ticket category (code: lower-case letters, digits, -)")
    ResponseEntity<Tickets.Category> save(@PathVariable String code, @Valid @RequestBody Names body,
                                          @AuthenticationPrincipal CurrentUser me) {
        Tickets.Category category = new Tickets.Category(code, body.nameZh(), body.nameEn());
        boolean created = categories.save(category, me.username());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(category);
    }

    /** The team a ticket of this category goes to when nobody chose one (a portal or e-mail ticket); null clears it. */
    @PutMapping("/api/v1/ticket-categories/{code}/team")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "Route a category's unrouted tickets (portal, e-mail) to a team; teamId null clears it")
    Routing route(@PathVariable String code, @RequestBody Routing body, @AuthenticationPrincipal CurrentUser me) {
        categories.route(code, body.teamId(), me.username());
        return new Routing(body.teamId());
    }

    record Routing(Long teamId) {
    }

    record Names(@NotBlank @Size(max = 100) String nameZh, @NotBlank @Size(max = 100) String nameEn) {
    }
}
