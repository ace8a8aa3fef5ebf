package fr.chariot.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

class DevicesTest {

    private final ApiFixture fixture = new ApiFixture();

    @Test
    void aTechnicianListsTheDevicesOfItsCollegesOnly() {
        JsonNode page = ApiFixture.json(fixture.call("techA", "GET", "/devices"));

        assertEquals(3, page.get("total").asInt());
        assertEquals(1, page.get("page").asInt());
        assertEquals(50, page.get("size").asInt());
        assertEquals(List.of("A1", "A2", "A3"), udids(page));
    }

    @Test
    void aDepartmentAdminListsEveryCollegesDevices() {
        assertEquals(List.of("A1", "A2", "A3", "B1"), udids(ApiFixture.json(fixture.call("admin", "GET", "/devices"))));
    }

    @Test
    void eachItemHasTheFieldsOfTheContract() {
        JsonNode a1 = ApiFixture.json(fixture.call("techA", "GET", "/devices?size=1")).get("items").get(0);

        assertEquals("A1", a1.get("udid").asText());
        assertEquals("SNA1", a1.get("serialNumber").asText());
        assertEquals("iPad A1", a1.get("name").asText());
        assertEquals(ApiFixture.A, a1.get("site").asText());
        assertEquals("MK2K3NF/A", a1.get("model").asText());
        assertEquals("17.5", a1.get("osVersion").asText());
        assertTrue(a1.get("enrolled").asBoolean());
        assertEquals("2026-09-01T08:00:00Z", a1.get("enrolledAt").asText());
        assertEquals("2026-09-02T09:30:00Z", a1.get("lastSeen").asText());
    }

    @Test
    void pagesSplitTheSelection() {
        JsonNode second = ApiFixture.json(fixture.call("admin", "GET", "/devices?page=2&size=3"));
        JsonNode beyond = ApiFixture.json(fixture.call("admin", "GET", "/devices?page=3&size=3"));

        assertEquals(4, second.get("total").asInt());
        assertEquals(List.of("B1"), udids(second));
        assertEquals(List.of(), udids(beyond));
        assertEquals(4, beyond.get("total").asInt());
    }

    @Test
    void theSiteFilterMustBeOneOfTheCallersColleges() {
        assertEquals(List.of("A1", "A2", "A3"),
                udids(ApiFixture.json(fixture.call("techA", "GET", "/devices?site=0310001a"))));
        assertEquals(List.of("B1"), udids(ApiFixture.json(fixture.call("admin", "GET", "/devices?site=0310002B"))));

        ApiResponse otherCollege = fixture.call("techA", "GET", "/devices?site=0310002B");
        ApiResponse unknownCollege = fixture.call("admin", "GET", "/devices?site=0310009Z");
        assertEquals(404, otherCollege.status());
        assertEquals(404, unknownCollege.status());
        assertEquals(400, fixture.call("techA", "GET", "/devices?site=nonsense").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=0", "size=501", "size=ten", "page=0", "page=-1", "page=1.5", "page=99999999999"})
    void badNumbersAreRefused(String query) {
        ApiResponse response = fixture.call("techA", "GET", "/devices?" + query);

        assertEquals(400, response.status());
        assertEquals("bad_request", ApiFixture.error(response));
    }

    @Test
    void theLargestPageIs500() {
        assertEquals(500, ApiFixture.json(fixture.call("techA", "GET", "/devices?size=500")).get("size").asInt());
    }

    @Test
    void oneDevice() {
        ApiResponse response = fixture.call("techA", "GET", "/devices/A2");

        assertEquals(200, response.status());
        assertEquals("A2", ApiFixture.json(response).get("udid").asText());
    }

    @Test
    void aDeviceOfAnotherCollegeAnswersLikeADeviceThatDoesNotExist() {
        ApiResponse otherCollege = fixture.call("techA", "GET", "/devices/B1");
        ApiResponse missing = fixture.call("techA", "GET", "/devices/ZZ9");
        ApiResponse notAUdid = fixture.call("techA", "GET", "/devices/not_a_udid");

        for (ApiResponse response : List.of(otherCollege, missing, notAUdid)) {
            assertEquals(404, response.status());
            assertEquals("not_found", ApiFixture.error(response));
            assertTrue(ApiFixture.json(response).get("message").asText().startsWith("Aucun appareil"));
        }
        assertEquals(200, fixture.call("admin", "GET", "/devices/B1").status());
    }

    @Test
    void aNotEnrolledDeviceHasNullTimes() {
        JsonNode a3 = ApiFixture.json(fixture.call("techA", "GET", "/devices/A3"));

        assertTrue(a3.get("enrolledAt").isNull());
    }

    private static List<String> udids(JsonNode page) {
        List<String> udids = new ArrayList<>();
        page.get("items").forEach(item -> udids.add(item.get("udid").asText()));
        return udids;
    }
}
