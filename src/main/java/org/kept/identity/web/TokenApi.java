package org.kept.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.kept.identity.internal.TokenIssuer;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** API tokens for programs: {@code POST /api/v1/auth/tokens}. */
@RestController
@Tag(name = "auth")
class TokenApi {

    private final TokenIssuer authentication;

    TokenApi(TokenIssuer authentication) {
        this.authentication = authentication;
    }

    @PostMapping("/api/v1/auth/tokens")
    @Operation(summary = "Exchange a username and password for a bearer token",
            description = "Failed attempts are rate-limited per username; the token is sent as Authorization: Bearer <token>.")
    TokenResponse issue(@Valid @RequestBody TokenRequest request) {
        return new TokenResponse(authentication.issueToken(request.username(), request.password()));
    }

    record TokenRequest(@NotBlank @Size(max = 60) String username, @NotBlank @Size(max = 200) String password) {
    }

    record TokenResponse(String token) {
    }
}
