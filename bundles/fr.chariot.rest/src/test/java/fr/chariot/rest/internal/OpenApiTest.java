package fr.chariot.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class OpenApiTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final ApiFixture fixture = new ApiFixture();
    private final JsonNode document = OpenApiResource.load();

    @Test
    void everyServedRouteIsDocumentedAndNothingElse() {
        Set<String> served = fixture.api.routes().stream()
                .map(route -> route.method() + " " + route.template())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (METHODS.contains(operation.getKey())) {
                    documented.add(operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }

        assertEquals(served, documented);
    }

    @Test
    void publicRoutesAreExactlyThoseWithoutSecurityInTheDocument() {
        for (Route route : fixture.api.routes()) {
            JsonNode security = document.get("paths").get(route.template()).get(route.method().toLowerCase())
                    .get("security");
            boolean documentedPublic = security != null && security.isArray()
                    && (security.isEmpty() || !security.get(0).has("bearerAuth"));
            assertEquals(!route.authenticated(), documentedPublic, route.method() + " " + route.template());
        }
    }

    @Test
    void itIsOpenApi303WithBearerSecurityAndResolvableReferences() {
        assertEquals("3.0.3", document.get("openapi").asText());
        assertEquals("bearer", document.at("/components/securitySchemes/bearerAuth/scheme").asText());
        assertTrue(document.get("security").get(0).has("bearerAuth"));
        assertReferencesResolve(document);
    }

    private void assertReferencesResolve(JsonNode node) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                String pointer = ref.asText();
                assertTrue(pointer.startsWith("#/"), pointer);
                assertFalse(document.at(pointer.substring(1)).isMissingNode(), pointer);
            }
        }
        node.forEach(this::assertReferencesResolve);
    }
}
