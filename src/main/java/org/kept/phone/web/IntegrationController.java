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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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

    record CommandUrl(String url) {
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

    @Operation(summary = "Where the PBX takes commands over HTTP (play the abuse prompt and hang up); a blank url: it takes "
            + "none. Kept signs each command's JSON body like the PBX signs its events (X-Kept-Signature)")
    @PutMapping("/api/v1/phone/integrations/{id}/command-url")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    CommandUrl commandUrl(@PathVariable long id, @RequestBody CommandUrl body) {
        String url = body == null || body.url() == null || body.url().isBlank() ? null : body.url().strip();
        if (url != null && (url.length() > 1000 || !url.matches("(?i)https?://[^\\s]+"))) {
            throw KeptException.invalid(List.of(new KeptException.Field("url", "phone.error.commandUrl")));
        }
        if (url != null) {
            try {
                java.net.URI.create(url).toURL();
            } catch (IllegalArgumentException | java.net.MalformedURLException e) {
                throw KeptException.invalid(List.of(new KeptException.Field("url", "phone.error.commandUrl")));
            }
        }
        if (!integrations.commandUrl(id, url)) {
            throw KeptException.notFound("integration", id);
        }
        return new CommandUrl(url);
    }

    @Operation(summary = "The registered PBXs, without their secrets")
    @GetMapping("/api/v1/phone/integrations")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    List<Listed> list() {
        return integrations.all().stream().map(i -> new Listed(i.id(), i.name(), i.enabled())).toList();
    }
}
