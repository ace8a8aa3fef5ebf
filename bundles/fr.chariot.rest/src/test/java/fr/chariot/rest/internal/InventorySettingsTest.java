package fr.chariot.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.inventory.api.InventoryField;

class InventorySettingsTest {

    private final ApiFixture fixture = new ApiFixture();

    @Test
    void aCollegesRefreshPeriodIsReadAndChangedByItsTechnician() {
        assertEquals(24, ApiFixture.json(fixture.call("viewerA", "GET", "/sites/0310001a/inventory-settings"))
                .get("refreshHours").asInt());

        ApiResponse changed = fixture.call("techA", "PUT", "/sites/0310001A/inventory-settings",
                "{\"refreshHours\":12}");

        assertEquals(200, changed.status());
        assertEquals(12, ApiFixture.json(changed).get("refreshHours").asInt());
        assertEquals(720, ApiFixture.json(changed).get("maxRefreshHours").asInt());
        assertEquals(12, fixture.inventory.refreshHours.get(ApiFixture.A));
        assertEquals(200, fixture.call("admin", "PUT", "/sites/0310002B/inventory-settings",
                "{\"refreshHours\":6}").status());
    }

    @Test
    void anotherCollegesSettingsAreNotFoundAndReadOnlyAccountsChangeNothing() {
        assertEquals(404, fixture.call("techA", "GET", "/sites/0310002B/inventory-settings").status());
        assertEquals(404, fixture.call("techA", "PUT", "/sites/0310002B/inventory-settings",
                "{\"refreshHours\":12}").status());
        assertEquals(404, fixture.call("admin", "GET", "/sites/0310009Z/inventory-settings").status());
        assertEquals(403, fixture.call("viewerA", "PUT", "/sites/0310001A/inventory-settings",
                "{\"refreshHours\":12}").status());
        assertTrue(fixture.inventory.refreshHours.isEmpty());
    }

    @Test
    void aCollegesStalenessThresholdIsChangedAloneOrWithThePeriod() {
        assertEquals(7, ApiFixture.json(fixture.call("viewerA", "GET", "/sites/0310001A/inventory-settings"))
                .get("staleDays").asInt());

        ApiResponse changed = fixture.call("techA", "PUT", "/sites/0310001A/inventory-settings",
                "{\"staleDays\":3}");
        assertEquals(200, changed.status());
        assertEquals(3, ApiFixture.json(changed).get("staleDays").asInt());
        assertEquals(365, ApiFixture.json(changed).get("maxStaleDays").asInt());
        assertTrue(fixture.inventory.refreshHours.isEmpty(), "the period is left as it was");

        assertEquals(200, fixture.call("techA", "PUT", "/sites/0310001A/inventory-settings",
                "{\"staleDays\":10,\"refreshHours\":48}").status());
        assertEquals(10, fixture.inventory.staleDays.get(ApiFixture.A));
        assertEquals(48, fixture.inventory.refreshHours.get(ApiFixture.A));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"staleDays\":0}", "{\"staleDays\":366}", "{\"refreshHours\":12,\"staleDays\":0}",
            "{\"staleDays\":3,\"refreshHours\":0}"})
    void aBadThresholdChangesNeitherSetting(String body) {
        assertEquals(400, fixture.call("techA", "PUT", "/sites/0310001A/inventory-settings", body).status(), body);
        assertTrue(fixture.inventory.refreshHours.isEmpty());
        assertTrue(fixture.inventory.staleDays.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"refreshHours\":0}", "{\"refreshHours\":721}", "{\"refreshHours\":\"12\"}",
            "{\"refreshHours\":1.5}", "{\"refreshHours\":12,\"colour\":1}", "12"})
    void aMalformedPeriodChangesNothing(String body) {
        assertEquals(400, fixture.call("techA", "PUT", "/sites/0310001A/inventory-settings", body).status(), body);
        assertTrue(fixture.inventory.refreshHours.isEmpty());
    }

    @Test
    void theCallerChoosesItsColumns() {
        JsonNode before = ApiFixture.json(fixture.call("techA", "GET", "/me/columns"));
        assertEquals(0, before.get("columns").size());
        assertEquals(InventoryField.values().length, before.get("available").size());
        assertEquals("udid", before.at("/available/0/name").asText());

        ApiResponse chosen = fixture.call("techA", "PUT", "/me/columns",
                "{\"columns\":[\"name\",\"batteryLevel\"]}");

        assertEquals(200, chosen.status());
        assertEquals("batteryLevel", ApiFixture.json(chosen).at("/columns/1").asText());
        assertEquals(List.of(InventoryField.NAME, InventoryField.BATTERY_LEVEL), fixture.inventory.columns.get("techA"));
        assertEquals(List.of("name", "batteryLevel"),
                List.of(ApiFixture.json(fixture.call("techA", "GET", "/devices")).get("columns").get(0).asText(),
                        ApiFixture.json(fixture.call("techA", "GET", "/devices")).get("columns").get(1).asText()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"columns\":[]}", "{\"columns\":[\"colour\"]}", "{\"columns\":[\"name\",\"name\"]}",
            "{\"columns\":\"name\"}", "{\"columns\":[1]}"})
    void malformedColumnsChangeNothing(String body) {
        assertEquals(400, fixture.call("techA", "PUT", "/me/columns", body).status(), body);
        assertTrue(fixture.inventory.columns.isEmpty());
    }

    @Test
    void readOnlyAccountsChooseTheirOwnColumns() {
        assertEquals(200, fixture.call("viewerA", "GET", "/me/columns").status());
        assertEquals(200, fixture.call("viewerA", "PUT", "/me/columns", "{\"columns\":[\"name\"]}").status());
        assertEquals(List.of(InventoryField.NAME), fixture.inventory.columns.get("viewerA"));
    }
}
