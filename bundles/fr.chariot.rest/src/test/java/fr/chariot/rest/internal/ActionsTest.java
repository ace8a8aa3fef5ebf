package fr.chariot.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.actions.api.ActionReport;
import fr.chariot.actions.api.ActionRequest;
import fr.chariot.actions.api.ActionType;
import fr.chariot.actions.api.DeviceActions;
import fr.chariot.actions.api.DeviceOutcome;
import fr.chariot.actions.api.OutcomeStatus;
import fr.chariot.api.DeviceId;
import fr.chariot.inventory.api.InventoryField;

class ActionsTest {

    private final ApiFixture fixture = new ApiFixture();

    @Test
    void anActionOnNamedDevicesStartsAndLinksToItsReport() {
        ApiResponse response = fixture.call("techA", "POST", "/devices/actions",
                "{\"action\":\"UPDATE_OS\",\"devices\":[\"A1\",\"A2\",\"A1\"],\"installAction\":\"InstallASAP\"}");

        assertEquals(202, response.status());
        JsonNode body = ApiFixture.json(response);
        long id = body.get("id").asLong();
        assertEquals("/api/v1/devices/actions/" + id, body.get("report").asText());
        assertEquals("/api/v1/devices/actions/" + id, response.headers().get("Location"));
        assertEquals(2, body.get("counts").get("QUEUED").asInt());
        assertEquals(0, body.get("counts").get("REFUSED").asInt());
        assertEquals(new ActionRequest(ActionType.UPDATE_OS, List.of(new DeviceId("A1"), new DeviceId("A2")),
                Optional.of("InstallASAP"), "techA"), fixture.actions.started.get(0));
    }

    @Test
    void anActionOnASearchTakesEveryPage() {
        ApiResponse response = fixture.call("admin", "POST", "/devices/actions",
                "{\"action\":\"UPDATE_INVENTORY\",\"q\":\"ipad\",\"filters\":{\"supervised\":true}}");

        assertEquals(202, response.status());
        assertEquals(List.of("A1", "A2", "A3", "B1"),
                fixture.actions.started.get(0).devices().stream().map(DeviceId::udid).toList());
        assertEquals(Map.of(InventoryField.SUPERVISED, true), fixture.inventory.searches.get(0).filters());
    }

    @Test
    void aSearchIsLimitedToTheCallersColleges() {
        fixture.inventory.leaked.add(fixture.inventory.rows.get("B1"));

        assertEquals(202, fixture.call("techA", "POST", "/devices/actions",
                "{\"action\":\"RESTART\",\"q\":\"\",\"site\":\"0310001A\"}").status());

        assertEquals(Optional.of(Set.of(ApiFixture.A)), fixture.inventory.searches.get(0).sites());
        assertEquals(List.of("A1", "A2", "A3"),
                fixture.actions.started.get(0).devices().stream().map(DeviceId::udid).toList());
    }

    @Test
    void aDeviceOfAnotherCollegeStopsTheWholeActionWithoutBeingNamed() {
        ApiResponse response = fixture.call("techA", "POST", "/devices/actions",
                "{\"action\":\"RESTART\",\"devices\":[\"A1\",\"B1\"]}");
        ApiResponse unknown = fixture.call("techA", "POST", "/devices/actions",
                "{\"action\":\"RESTART\",\"devices\":[\"A1\",\"ZZ9\"]}");

        assertEquals(404, response.status());
        assertEquals(ApiFixture.json(unknown).get("message"), ApiFixture.json(response).get("message"));
        assertTrue(!ApiFixture.json(response).get("message").asText().contains("B1"));
        assertTrue(fixture.actions.started.isEmpty());
    }

    @Test
    void readOnlyAccountsStartNothing() {
        assertEquals(403, fixture.call("viewerA", "POST", "/devices/actions",
                "{\"action\":\"RESTART\",\"devices\":[\"A1\"]}").status());
        assertTrue(fixture.actions.started.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"devices\":[\"A1\"]}", "{\"action\":\"WIPE\",\"devices\":[\"A1\"]}",
            "{\"action\":\"RESTART\"}", "{\"action\":\"RESTART\",\"devices\":[\"A1\"],\"q\":\"\"}",
            "{\"action\":\"RESTART\",\"devices\":[]}", "{\"action\":\"RESTART\",\"devices\":\"A1\"}",
            "{\"action\":\"RESTART\",\"devices\":[\"A1\"],\"installAction\":\"InstallASAP\"}",
            "{\"action\":\"RESTART\",\"q\":\"nothing matches this\"}",
            "{\"action\":\"RESTART\",\"q\":\"\",\"filters\":{\"colour\":\"red\"}}",
            "{\"action\":\"RESTART\",\"q\":\"\",\"filters\":[\"x\"]}",
            "{\"action\":\"RESTART\",\"devices\":[\"A1\"],\"site\":\"0310001A\"}",
            "{\"action\":\"RESTART\",\"devices\":[\"A1\"],\"colour\":1}", "not json"})
    void malformedActionsStartNothing(String body) {
        ApiResponse response = fixture.call("techA", "POST", "/devices/actions", body);

        assertEquals(400, response.status(), body);
        assertTrue(fixture.actions.started.isEmpty());
    }

    @Test
    void aSearchOverTheLimitIsRefused() {
        for (int i = 0; i < DeviceActions.MAX_DEVICES; i++) {
            fixture.inventory.add(ApiFixture.row("X" + i, ApiFixture.A, false, 50));
        }

        ApiResponse response = fixture.call("techA", "POST", "/devices/actions",
                "{\"action\":\"UPDATE_INVENTORY\",\"q\":\"\"}");

        assertEquals(400, response.status());
        assertTrue(ApiFixture.json(response).get("message").asText().contains("10000"));
        assertTrue(fixture.actions.started.isEmpty());
    }

    @Test
    void aReportShowsOnlyTheDevicesTheCallerSees() {
        Instant now = Instant.parse("2026-09-03T10:00:00Z");
        fixture.actions.reports.put(7L, new ActionReport(7, ActionType.RESTART, Optional.empty(), "admin", now,
                List.of(new DeviceOutcome(new DeviceId("A1"), Optional.of(ApiFixture.A), OutcomeStatus.DONE,
                                Optional.empty(), Optional.of("c1"), now),
                        new DeviceOutcome(new DeviceId("A2"), Optional.of(ApiFixture.A), OutcomeStatus.REFUSED,
                                Optional.of("Appareil non supervisé"), Optional.empty(), now),
                        new DeviceOutcome(new DeviceId("B1"), Optional.of(ApiFixture.B), OutcomeStatus.FAILED,
                                Optional.of("Erreur"), Optional.of("c3"), now),
                        new DeviceOutcome(new DeviceId("ZZ9"), Optional.empty(), OutcomeStatus.REFUSED,
                                Optional.of("Appareil inconnu"), Optional.empty(), now))));

        JsonNode techA = ApiFixture.json(fixture.call("techA", "GET", "/devices/actions/7"));
        JsonNode admin = ApiFixture.json(fixture.call("admin", "GET", "/devices/actions/7"));

        assertEquals(2, techA.get("devices").size());
        assertEquals("A1", techA.at("/devices/0/udid").asText());
        assertEquals("DONE", techA.at("/devices/0/status").asText());
        assertEquals("c1", techA.at("/devices/0/commandUuid").asText());
        assertEquals("2026-09-03T10:00:00Z", techA.at("/devices/0/updatedAt").asText());
        assertEquals("Appareil non supervisé", techA.at("/devices/1/reason").asText());
        assertEquals(ApiFixture.A, techA.at("/devices/1/site").asText());
        assertEquals(1, techA.at("/counts/DONE").asInt());
        assertEquals(1, techA.at("/counts/REFUSED").asInt());
        assertEquals(0, techA.at("/counts/FAILED").asInt());
        assertEquals("RESTART", techA.get("action").asText());
        assertEquals(4, admin.get("devices").size());
        assertEquals(2, admin.at("/counts/REFUSED").asInt());
    }

    @Test
    void aReportWithoutVisibleDevicesIsNotFound() {
        fixture.call("admin", "POST", "/devices/actions", "{\"action\":\"RESTART\",\"devices\":[\"B1\"]}");
        long id = fixture.actions.reports.keySet().iterator().next();

        assertEquals(404, fixture.call("techA", "GET", "/devices/actions/" + id).status());
        assertEquals(200, fixture.call("admin", "GET", "/devices/actions/" + id).status());
        assertEquals(404, fixture.call("admin", "GET", "/devices/actions/999").status());
        assertEquals(404, fixture.call("admin", "GET", "/devices/actions/abc").status());
    }
}
