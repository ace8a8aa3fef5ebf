package fr.chariot.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.api.Site;

class SitesTest {

    private final ApiFixture fixture = new ApiFixture();

    @Test
    void aTechnicianSeesOnlyItsColleges() {
        JsonNode sites = ApiFixture.json(fixture.call("techA", "GET", "/sites"));

        assertEquals(1, sites.size());
        assertEquals(ApiFixture.A, sites.get(0).get("rne").asText());
        assertEquals("Collège Jean Jaurès", sites.get(0).get("name").asText());
    }

    @Test
    void aDepartmentAdminSeesEveryCollege() {
        JsonNode sites = ApiFixture.json(fixture.call("admin", "GET", "/sites"));

        assertEquals(2, sites.size());
        assertEquals(ApiFixture.B, sites.get(1).get("rne").asText());
    }

    @Test
    void aDepartmentAdminCreatesACollege() {
        ApiResponse response = fixture.call("admin", "POST", "/sites",
                "{\"rne\":\" 0310003c \",\"name\":\"Collège Olympe de Gouges\"}");

        assertEquals(201, response.status());
        assertEquals("0310003C", ApiFixture.json(response).get("rne").asText());
        assertEquals("Collège Olympe de Gouges", fixture.sites.find("0310003C").orElseThrow().name());
    }

    @Test
    void aTechnicianOrReaderCannotCreateOne() {
        for (String user : new String[] {"techA", "viewerA"}) {
            ApiResponse response = fixture.call(user, "POST", "/sites", "{\"rne\":\"0310003C\",\"name\":\"X\"}");

            assertEquals(403, response.status());
            assertEquals("forbidden", ApiFixture.error(response));
        }
        assertEquals(2, fixture.sites.list().size());
    }

    @Test
    void anInvalidRneGetsTheSiteValidationMessage() {
        ApiResponse response = fixture.call("admin", "POST", "/sites", "{\"rne\":\"310001A\",\"name\":\"X\"}");

        assertEquals(400, response.status());
        String expected = assertThrows(IllegalArgumentException.class, () -> new Site("310001A", "X")).getMessage();
        assertEquals(expected, ApiFixture.json(response).get("message").asText());
        assertEquals(2, fixture.sites.list().size());
    }

    @Test
    void missingFieldsOrABodyThatIsNotAnObjectAreRefused() {
        for (String body : new String[] {"{\"rne\":\"0310003C\"}", "{\"rne\":\"0310003C\",\"name\":\" \"}",
            "{\"rne\":3,\"name\":\"X\"}", "[]", "", "{", "{\"rne\":\"0310003C\",\"name\":\"X\"} trailing"}) {
            ApiResponse response = fixture.call("admin", "POST", "/sites", body);

            assertEquals(400, response.status(), body);
            assertEquals("bad_request", ApiFixture.error(response), body);
        }
        assertEquals(2, fixture.sites.list().size());
    }

    @Test
    void anExistingRneIsAConflict() {
        ApiResponse response = fixture.call("admin", "POST", "/sites", "{\"rne\":\"0310001a\",\"name\":\"Autre\"}");

        assertEquals(409, response.status());
        assertEquals("conflict", ApiFixture.error(response));
        assertEquals("Collège Jean Jaurès", fixture.sites.find(ApiFixture.A).orElseThrow().name());
    }
}
