package fr.chariot.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class PushCertificateTest {

    private final ApiFixture fixture = new ApiFixture();

    @Test
    void noCertificateAnswers404() {
        ApiResponse response = fixture.call("techA", "GET", "/push-certificate");

        assertEquals(404, response.status());
        assertEquals("not_found", ApiFixture.error(response));
    }

    @Test
    void aDepartmentAdminInstallsAPemCertificate() {
        ApiResponse response = put("admin", "/push-certificate", "PEM…");

        assertEquals(200, response.status());
        JsonNode certificate = ApiFixture.json(response);
        assertEquals("com.apple.mgmt.External.1234", certificate.get("topic").asText());
        assertEquals("CN=APSP:1234", certificate.get("subject").asText());
        assertEquals("2027-09-01T00:00:00Z", certificate.get("notAfter").asText());
        assertEquals(certificate, ApiFixture.json(fixture.call("viewerA", "GET", "/push-certificate")));
    }

    @Test
    void aPkcs12TakesItsPasswordFromTheQuery() {
        assertEquals(200, put("admin", "/push-certificate?password=secret", "P12…").status());
    }

    @Test
    void aRefusedCertificateGetsTheServicesMessage() {
        ApiResponse response = put("admin", "/push-certificate?password=wrong", "P12…");

        assertEquals(400, response.status());
        assertEquals("invalid_certificate", ApiFixture.error(response));
        assertEquals("Ce fichier n'est ni un PEM ni un PKCS#12 lisible.",
                ApiFixture.json(response).get("message").asText());
        assertNull(fixture.push.installed);
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertEquals(400, put("admin", "/push-certificate", "").status());
    }

    @Test
    void onlyADepartmentAdminInstallsIt() {
        assertEquals(403, put("techA", "/push-certificate", "PEM…").status());
        assertNull(fixture.push.installed);
    }

    private ApiResponse put(String user, String path, String body) {
        return fixture.call("PUT", path, Optional.of("Bearer token-" + user), body.getBytes(StandardCharsets.UTF_8));
    }
}
