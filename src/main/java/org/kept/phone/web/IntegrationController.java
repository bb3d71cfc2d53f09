package org.kept.phone.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import org.kept.phone.internal.IntegrationStore;
import org.kept.shared.KeptException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The PBXs allowed to post call events. The secret and the token are shown once, when the integration is made. */
@RestController
@Tag(name = "cti")
class IntegrationController {

    record NewIntegration(String name) {
    }

    record Created(long id, String name, String secret, String token) {
    }

    record Listed(long id, String name, boolean enabled) {
    }

    private final IntegrationStore integrations;
    private final Clock clock;

    IntegrationController(IntegrationStore integrations, Clock clock) {
        this.integrations = integrations;
        this.clock = clock;
    }

    @Operation(summary = "Register a PBX: answers its HMAC secret and URL token, once")
    @PostMapping("/api/v1/phone/integrations")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    Created create(@RequestBody NewIntegration body) {
        String name = body == null || body.name() == null ? "" : body.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw KeptException.invalid(List.of(new KeptException.Field("name", "phone.error.integrationName")));
        }
        if (integrations.named(name).isPresent()) {
            throw KeptException.conflict("phone.error.integrationTaken");
        }
        try {
            IntegrationStore.Integration made = integrations.create(name, clock.instant());
            return new Created(made.id(), made.name(), made.secret(), made.token());
        } catch (DuplicateKeyException raced) {
            throw KeptException.conflict("phone.error.integrationTaken");
        }
    }

    @Operation(summary = "The registered PBXs, without their secrets")
    @GetMapping("/api/v1/phone/integrations")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    List<Listed> list() {
        return integrations.all().stream().map(i -> new Listed(i.id(), i.name(), i.enabled())).toList();
    }
}
