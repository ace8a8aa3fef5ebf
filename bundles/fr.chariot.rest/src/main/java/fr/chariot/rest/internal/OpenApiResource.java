package fr.chariot.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /openapi.json}: the OpenAPI 3.0.3 document shipped in the bundle, public like any API reference. */
final class OpenApiResource {

    static final String DOCUMENT = "openapi.json";

    private final JsonNode document;

    OpenApiResource() {
        this.document = load();
    }

    List<Route> routes() {
        return List.of(new Route("GET", "/openapi.json", false, call -> ApiResponse.ok(document)));
    }

    /** Read once: a document missing from the bundle is a build error, better seen at activation. */
    static JsonNode load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the bundle");
            }
            return Requests.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT, e);
        }
    }
}
