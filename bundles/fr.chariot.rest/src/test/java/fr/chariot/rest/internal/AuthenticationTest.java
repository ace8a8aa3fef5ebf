package fr.chariot.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

class AuthenticationTest {

    private final ApiFixture fixture = new ApiFixture();

    @ParameterizedTest
    @CsvSource({"GET,/sites", "POST,/sites", "GET,/devices", "GET,/devices/A1", "POST,/devices/A1/commands",
        "GET,/devices/A1/commands", "GET,/push-certificate", "PUT,/push-certificate", "GET,/no/such/path",
        "DELETE,/sites"})
    void everyRouteButTheTokenAndTheDocumentNeedsABearerToken(String method, String path) {
        ApiResponse response = fixture.call(null, method, path, "{\"requestType\":\"DeviceInformation\"}");

        assertEquals(401, response.status());
        assertEquals("unauthorized", ApiFixture.error(response));
        assertTrue(ApiFixture.json(response).get("message").asText().contains("Bearer"));
        assertEquals("Bearer realm=\"Chariot\"", response.headers().get("WWW-Authenticate"));
        assertTrue(fixture.queue.enqueued.isEmpty());
    }

    @Test
    void anUnknownTokenOrAnotherSchemeIsRefused() {
        assertEquals(401, fixture.call("nobody", "GET", "/sites").status());
        assertEquals(401, fixture.call("GET", "/sites", Optional.of(ApiFixture.basic("admin", "mot-de-passe")),
                new byte[0]).status());
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        assertEquals(200, fixture.call("GET", "/sites", Optional.of("bearer token-admin"), new byte[0]).status());
    }

    @Test
    void theOpenApiDocumentIsPublic() {
        ApiResponse response = fixture.call(null, "GET", "/openapi.json");

        assertEquals(200, response.status());
        assertEquals("3.0.3", ApiFixture.json(response).get("openapi").asText());
    }

    @Test
    void basicCredentialsGiveAToken() {
        ApiResponse response = fixture.call("POST", "/auth/token",
                Optional.of(ApiFixture.basic("techA", "mot-de-passe")), new byte[0]);

        assertEquals(200, response.status());
        JsonNode body = ApiFixture.json(response);
        assertEquals("token-techA", body.get("token").asText());
        assertEquals("2026-09-01T20:00:00Z", body.get("expires").asText());
        assertEquals("no-store", response.headers().get("Cache-Control"));
        assertEquals(200, fixture.call("techA", "GET", "/sites").status());
    }

    @Test
    void aPasswordMayContainColonsAndAccents() {
        fixture.accounts.passwords.put("techA", "é:à:ç");

        assertEquals(200, fixture.call("POST", "/auth/token", Optional.of(ApiFixture.basic("techA", "é:à:ç")),
                new byte[0]).status());
        assertEquals("é:à:ç", fixture.accounts.checked.get("techA"));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        ApiResponse wrongPassword = fixture.call("POST", "/auth/token",
                Optional.of(ApiFixture.basic("techA", "wrong")), new byte[0]);
        ApiResponse unknownUser = fixture.call("POST", "/auth/token",
                Optional.of(ApiFixture.basic("ghost", "mot-de-passe")), new byte[0]);

        assertEquals(401, wrongPassword.status());
        assertEquals(ApiFixture.json(wrongPassword), ApiFixture.json(unknownUser));
        assertEquals(wrongPassword.headers(), unknownUser.headers());
        assertEquals("invalid_credentials", ApiFixture.error(wrongPassword));
    }

    @ParameterizedTest
    @CsvSource(value = {"NULL", "Basic", "Basic !!!notbase64", "Bearer token-admin", "Basic dXNlcg=="},
            nullValues = "NULL")
    void missingOrMalformedCredentialsAreRefused(String header) {
        ApiResponse response = fixture.call("POST", "/auth/token", Optional.ofNullable(header), new byte[0]);

        assertEquals(401, response.status());
        assertTrue(response.headers().get("WWW-Authenticate").startsWith("Basic"));
    }

    @Test
    void aKnownPathWithAnotherMethodAnswers405WithAllow() {
        ApiResponse response = fixture.call("admin", "DELETE", "/sites");

        assertEquals(405, response.status());
        assertEquals("GET, POST", response.headers().get("Allow"));
        assertEquals("method_not_allowed", ApiFixture.error(response));
    }

    @Test
    void anUnknownPathAnswers404Json() {
        ApiResponse response = fixture.call("admin", "GET", "/nothing");

        assertEquals(404, response.status());
        assertEquals("not_found", ApiFixture.error(response));
    }
}
