package org.kept.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.identity.internal.ApiToken;
import org.kept.identity.internal.TokenIssuer;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API tokens for programs: issue one ({@code POST /api/v1/auth/tokens}), list and revoke one's own. */
@RestController
@Tag(name = "auth")
class TokenApi {

    private final TokenIssuer authentication;

    TokenApi(TokenIssuer authentication) {
        this.authentication = authentication;
    }

    @PostMapping("/api/v1/auth/tokens")
    @Operation(summary = "Exchange a username and password for a bearer token",
            description = "Failed attempts are rate-limited per username and per client address; the token is sent as "
                    + "Authorization: Bearer <token>.")
    TokenResponse issue(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        return new TokenResponse(authentication.issueToken(request.username(), request.password(), http.getRemoteAddr()));
    }

    @GetMapping("/api/v1/auth/tokens")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The caller's own live API tokens",
            description = "Each token by an id derived from it, when it was issued and when it expires, and whether it is "
                    + "the one this request used. The tokens themselves are never returned.")
    List<ApiToken> mine(@AuthenticationPrincipal CurrentUser me, HttpServletRequest http) {
        return authentication.tokensOf(me, bearer(http));
    }

    @DeleteMapping("/api/v1/auth/tokens/{id}")
    @PreAuthorize("isAuthenticated()")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke one of the caller's own API tokens", description = "404 for an id the caller has no token with.")
    void revoke(@PathVariable String id, @AuthenticationPrincipal CurrentUser me) {
        authentication.revoke(me, id);
    }

    private static String bearer(HttpServletRequest http) {
        String header = http.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    }

    record TokenRequest(@NotBlank @Size(max = 60) String username, @NotBlank @Size(max = 200) String password) {
    }

    record TokenResponse(String token) {
    }
}
