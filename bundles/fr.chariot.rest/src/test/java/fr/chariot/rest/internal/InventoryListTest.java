package fr.chariot.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.inventory.api.ExportFormat;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryQuery;

class InventoryListTest {

    private final ApiFixture fixture = new ApiFixture();

    @Test
    void theListIsTheInventorySearchOfTheCallersColleges() {
        JsonNode page = ApiFixture.json(fixture.call("techA", "GET", "/devices?q=ipad&sort=batteryLevel&order=desc"));

        assertEquals(List.of("A1", "A3", "A2"), udids(page));
        InventoryQuery query = fixture.inventory.searches.get(0);
        assertEquals("ipad", query.text());
        assertEquals(Optional.of(Set.of(ApiFixture.A)), query.sites());
        assertEquals(InventoryField.BATTERY_LEVEL, query.sort());
        assertFalse(query.ascending());
        assertEquals(0, query.page());
    }

    @Test
    void aDepartmentAdminSearchesEveryCollege() {
        fixture.call("admin", "GET", "/devices");

        assertEquals(Optional.empty(), fixture.inventory.searches.get(0).sites());
    }

    @Test
    void publicPagesCountFromOneAndTheInventorysFromZero() {
        JsonNode page = ApiFixture.json(fixture.call("admin", "GET", "/devices?page=2&size=3"));

        assertEquals(1, fixture.inventory.searches.get(0).page());
        assertEquals(2, page.get("page").asInt());
        assertEquals(3, page.get("size").asInt());
        assertEquals(4, page.get("total").asInt());
        assertEquals(List.of("B1"), udids(page));
    }

    @Test
    void eachItemHasTheInventoryFieldsOfTheContract() {
        JsonNode a1 = ApiFixture.json(fixture.call("techA", "GET", "/devices?size=1")).get("items").get(0);

        for (String field : List.of("udid", "serialNumber", "name", "site", "role", "model", "osVersion",
                "batteryLevel", "availableCapacityMb", "capacityMb", "supervised", "sharedIpad", "enrolled",
                "lastInventory", "stale", "enrolledAt", "lastSeen")) {
            assertTrue(a1.has(field), field);
        }
        assertEquals("STUDENT_SHARED", a1.get("role").asText());
        assertEquals(80, a1.get("batteryLevel").asInt());
        assertEquals(12000, a1.get("availableCapacityMb").asInt());
        assertTrue(a1.get("sharedIpad").asBoolean());
        assertEquals("2026-09-02T10:00:00Z", a1.get("lastInventory").asText());
        assertFalse(a1.get("stale").asBoolean());
        assertFalse(a1.has("wifiMac"));
    }

    @Test
    void filtersAreTypedEqualities() {
        JsonNode page = ApiFixture.json(fixture.call("techA", "GET", "/devices?filter.sharedIpad=false&filter.batteryLevel=40"));

        assertEquals(List.of("A2"), udids(page));
        assertEquals(Map.of(InventoryField.SHARED_IPAD, false, InventoryField.BATTERY_LEVEL, 40L),
                fixture.inventory.searches.get(0).filters());
    }

    @Test
    void chosenColumnsAreAddedToEachItem() {
        JsonNode asked = ApiFixture.json(fixture.call("techA", "GET", "/devices?columns=wifiMac,%20productName"));
        assertEquals("aa:bb:cc:dd:ee:1", asked.get("items").get(0).get("wifiMac").asText());
        assertEquals("iPad13,18", asked.get("items").get(0).get("productName").asText());
        assertEquals(List.of("wifiMac", "productName"), texts(asked.get("columns")));

        fixture.inventory.columns.put("techA", List.of(InventoryField.BUILD_VERSION));
        JsonNode remembered = ApiFixture.json(fixture.call("techA", "GET", "/devices"));
        assertTrue(remembered.get("items").get(0).has("buildVersion"));
        assertTrue(remembered.get("items").get(0).get("buildVersion").isNull());
    }

    @Test
    void rowsOfAnotherCollegeAreNeverShownEvenIfTheInventoryReturnsThem() {
        fixture.inventory.leaked.add(fixture.inventory.rows.get("B1"));

        assertEquals(List.of("A1", "A2", "A3"), udids(ApiFixture.json(fixture.call("techA", "GET", "/devices"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sort=colour", "order=up", "filter.colour=red", "filter.batteryLevel=full",
            "filter.supervised=oui", "filter.lastInventory=yesterday", "filter.role=STUDENT", "columns=name,colour",
            "columns=name,name", "site=0310002B"})
    void unknownOrMalformedSearchesAreRefused(String query) {
        ApiResponse response = fixture.call("techA", "GET", "/devices?" + query);

        int expected = query.startsWith("site=") ? 404 : 400;
        assertEquals(expected, response.status(), query);
        assertTrue(fixture.inventory.searches.isEmpty(), "nothing searched for " + query);
        assertTrue(ApiFixture.json(response).get("message").asText().length() > 10);
    }

    @Test
    void anUnknownFieldIsNamedWithTheKnownOnes() {
        String message = ApiFixture.json(fixture.call("techA", "GET", "/devices?sort=colour")).get("message").asText();

        assertTrue(message.startsWith("Champ d'inventaire inconnu « colour »"), message);
        assertTrue(message.contains("batteryLevel"), message);
    }

    @Test
    void anExportIsStreamedWithTheChosenColumnsAsAnAttachment() {
        ApiResponse response = fixture.call("techA", "GET", "/devices/export?format=csv&q=A2&columns=name,batteryLevel");

        assertEquals(200, response.status());
        ApiResponse.Streamed body = (ApiResponse.Streamed) response.body();
        assertEquals("text/csv; charset=UTF-8", body.mediaType());
        assertEquals("attachment; filename=\"inventaire-2026-09-04.csv\"",
                response.headers().get("Content-Disposition"));
        assertEquals("name,batteryLevel\r\niPad A2,40\r\n", ApiFixture.text(response));
        InventoryFakes.Export export = fixture.inventory.exports.get(0);
        assertEquals(ExportFormat.CSV, export.format());
        assertEquals(Optional.of(Set.of(ApiFixture.A)), export.query().sites());
    }

    @Test
    void anExportWithoutChosenColumnsHasTheListsFieldsAndTheOtherFormatsTheirTypes() {
        ApiResponse xml = fixture.call("viewerA", "GET", "/devices/export?format=XML");
        ApiResponse txt = fixture.call("viewerA", "GET", "/devices/export?format=txt");

        assertEquals("application/xml; charset=UTF-8", ((ApiResponse.Streamed) xml.body()).mediaType());
        assertTrue(xml.headers().get("Content-Disposition").endsWith(".xml\""));
        assertEquals("text/tab-separated-values; charset=UTF-8", ((ApiResponse.Streamed) txt.body()).mediaType());
        ApiFixture.text(xml);
        assertEquals(InventoryItems.LIST_FIELDS, fixture.inventory.exports.get(0).columns());
    }

    @ParameterizedTest
    @ValueSource(strings = {"format=pdf", "columns=colour", "sort=colour", "filter.stale=maybe"})
    void aMalformedExportIsRefusedBeforeAnythingIsWritten(String query) {
        ApiResponse response = fixture.call("techA", "GET", "/devices/export?" + query);

        assertEquals(400, response.status());
        assertTrue(fixture.inventory.exports.isEmpty());
    }

    @Test
    void theExportPathIsNotTakenForADevice() {
        assertTrue(fixture.call("techA", "GET", "/devices/export").body() instanceof ApiResponse.Streamed);

        ApiResponse post = fixture.call("techA", "POST", "/devices/export", "{}");
        assertEquals(405, post.status());
        assertEquals("GET", post.headers().get("Allow"));
        ApiResponse getActions = fixture.call("techA", "GET", "/devices/actions");
        assertEquals(405, getActions.status());
        assertEquals("POST", getActions.headers().get("Allow"));
    }

    private static List<String> udids(JsonNode page) {
        List<String> udids = new ArrayList<>();
        page.get("items").forEach(item -> udids.add(item.get("udid").asText()));
        return udids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
