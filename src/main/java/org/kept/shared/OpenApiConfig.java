package org.kept.shared;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the API for its readers: what Kept is, and that calls take a bearer token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI keptOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Kept API").version("v1").description(
                        "Tickets (工单), customers, people and the audit log of a Kept customer-service centre. "
                                + "Get a token with POST /api/v1/auth/tokens and send it as 'Authorization: Bearer <token>'. "
                                + "Errors are RFC 9457 problem documents in the language of Accept-Language (zh-CN or en). "
                                + "Personal data is masked unless the caller's role may see it."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
