package org.kept.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.kept.support.Endpoints;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document describes every API endpoint, the ticket's fields, in camelCase, and the bearer token. */
@KeptTest
class ApiDocumentTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    JsonNode document() {
        return fixtures.api().get("/v3/api-docs").expect(200).json();
    }

    @Test
    void everyApiEndpointIsDocumented() {
        JsonNode paths = document().path("paths");
        SoftAssertions softly = new SoftAssertions();
        for (String endpoint : Endpoints.api(context)) {
            JsonNode operation = paths.path(Endpoints.path(endpoint)).path(Endpoints.method(endpoint).toLowerCase(Locale.ROOT));
            softly.assertThat(operation.isMissingNode()).as(endpoint + " is in the OpenAPI document").isFalse();
            softly.assertThat(operation.path("summary").asString()).as(endpoint + " has a summary").isNotBlank();
        }
        softly.assertAll();
    }

    @Test
    void theTicketCarriesTheFieldsTheIssuePromises() {
        JsonNode document = document();
        JsonNode ok = document.path("paths").path("/api/v1/tickets/{id}").path("get").path("responses").path("200");
        String ref = ok.path("content").values().iterator().next().path("schema").path("$ref").asString();
        JsonNode ticket = resolve(document, ref);
        assertThat(ticket.path("properties").propertyNames()).contains("id", "number", "type", "state", "priority", "subject",
                "description", "customer", "team", "assignee", "createdAt", "updatedAt");
        JsonNode customer = resolve(document, ticket.path("properties").path("customer").path("$ref").asString());
        assertThat(customer.path("properties").propertyNames()).contains("id", "name", "phone");
        assertThat(ticket.path("properties").path("state").path("enum").values()).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("NEW", "OPEN", "PENDING_CUSTOMER", "PENDING_INTERNAL", "RESOLVED", "CLOSED");
    }

    @Test
    void fieldNamesAreEnglishCamelCase() {
        List<String> names = new ArrayList<>();
        document().path("components").path("schemas").forEachEntry((schema, body) ->
                body.path("properties").propertyNames().forEach(p -> names.add(schema + "." + p)));
        assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(n.substring(n.indexOf('.') + 1)).matches("[a-z][A-Za-z0-9]*"));
    }

    @Test
    void theApiIsDocumentedAsTakingABearerToken() {
        JsonNode schemes = document().path("components").path("securitySchemes");
        assertThat(schemes.values()).anySatisfy(s -> assertThat(s.path("scheme").asString()).isEqualToIgnoringCase("bearer"));
    }

    private static JsonNode resolve(JsonNode document, String ref) {
        assertThat(ref).startsWith("#/components/schemas/");
        return document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
    }
}
