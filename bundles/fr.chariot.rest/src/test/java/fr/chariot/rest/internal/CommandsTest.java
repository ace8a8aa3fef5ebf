package fr.chariot.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.api.Command;
import fr.chariot.api.CommandRecord;
import fr.chariot.api.CommandStatus;
import fr.chariot.api.DeviceId;

class CommandsTest {

    private final ApiFixture fixture = new ApiFixture();

    @Test
    void aTechnicianQueuesACommandForADeviceOfItsCollege() {
        ApiResponse response = fixture.call("techA", "POST", "/devices/A1/commands",
                "{\"requestType\":\"DeviceInformation\",\"Queries\":[\"UDID\"]}");

        assertEquals(202, response.status());
        assertEquals("uuid-1-A1", ApiFixture.json(response).get("commandUuid").asText());
        Fakes.Enqueued enqueued = fixture.queue.enqueued.get(0);
        assertEquals("api", enqueued.origin());
        assertEquals(List.of(new DeviceId("A1")), enqueued.devices());
        assertEquals(new Command("DeviceInformation", Map.of("Queries", List.of("UDID"))), enqueued.command());
    }

    @Test
    void everyJsonTypeBecomesItsPlistType() {
        String body = """
                {"requestType":"Settings","Text":"é","Flag":true,"Count":42,"Big":9007199254740993,"Ratio":0.5,
                 "Whole":2.0,"Data":{"$data":"AAEC/w=="},"When":{"$date":"2026-09-01T10:00:00+02:00"},
                 "Settings":[{"Item":"DeviceName","DeviceName":"iPad 1"}],"Empty":{}}""";

        assertEquals(202, fixture.call("techA", "POST", "/devices/A1/commands", body).status());

        Command command = fixture.queue.enqueued.get(0).command();
        Map<String, Object> keys = command.keys();
        assertEquals("Settings", command.requestType());
        assertEquals("é", keys.get("Text"));
        assertEquals(Boolean.TRUE, keys.get("Flag"));
        assertEquals(42L, keys.get("Count"));
        assertEquals(9007199254740993L, keys.get("Big"));
        assertEquals(0.5, keys.get("Ratio"));
        assertEquals(2.0, keys.get("Whole"));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, (byte[]) keys.get("Data"));
        assertEquals(Instant.parse("2026-09-01T08:00:00Z"), keys.get("When"));
        assertEquals(List.of(Map.of("Item", "DeviceName", "DeviceName", "iPad 1")), keys.get("Settings"));
        assertEquals(Map.of(), keys.get("Empty"));
        assertEquals(List.of("Text", "Flag", "Count", "Big", "Ratio", "Whole", "Data", "When", "Settings", "Empty"),
                List.copyOf(keys.keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"Queries\":[\"UDID\"]}",
        "{\"requestType\":\"\"}",
        "{\"requestType\":\"  \"}",
        "{\"requestType\":42}",
        "{\"requestType\":\"Device Information\"}",
        "{\"requestType\":\"DeviceInformation\",\"Queries\":null}",
        "{\"requestType\":\"DeviceInformation\",\"Queries\":[\"UDID\",null]}",
        "{\"requestType\":\"DeviceInformation\",\"Data\":{\"$data\":\"not base64!\"}}",
        "{\"requestType\":\"DeviceInformation\",\"Data\":{\"$data\":\"AAEC\",\"other\":1}}",
        "{\"requestType\":\"DeviceInformation\",\"Data\":{\"$data\":5}}",
        "{\"requestType\":\"DeviceInformation\",\"When\":{\"$date\":\"yesterday\"}}",
        "{\"requestType\":\"DeviceInformation\",\"When\":{\"$date\":\"2026-09-01T10:00:00\"}}",
        "{\"requestType\":\"DeviceInformation\",\"Big\":123456789012345678901234567890}",
        "{\"requestType\":\"DeviceInformation\",\"RequestType\":\"EraseDevice\"}",
        "{\"requestType\":\"DeviceInformation\",\"CommandUUID\":\"forged\"}",
        "{\"requestType\":\"DeviceInformation\",\"requestType\":\"EraseDevice\"}",
        "[\"DeviceInformation\"]",
        "\"DeviceInformation\"",
        "{\"requestType\":\"DeviceInformation\"",
        ""})
    void badCommandsAreRefusedAndNothingIsQueued(String body) {
        ApiResponse response = fixture.call("techA", "POST", "/devices/A1/commands", body);

        assertEquals(400, response.status(), body);
        assertEquals("bad_request", ApiFixture.error(response), body);
        assertTrue(fixture.queue.enqueued.isEmpty(), body);
    }

    @Test
    void aTechnicianCannotQueueToADeviceOfAnotherCollege() {
        ApiResponse response = fixture.call("techA", "POST", "/devices/B1/commands",
                "{\"requestType\":\"EraseDevice\"}");

        assertEquals(404, response.status());
        assertEquals(ApiFixture.json(fixture.call("techA", "POST", "/devices/ZZ9/commands",
                "{\"requestType\":\"EraseDevice\"}")).get("error"), ApiFixture.json(response).get("error"));
        assertTrue(fixture.queue.enqueued.isEmpty());
    }

    @Test
    void aReadOnlyUserCannotQueue() {
        ApiResponse response = fixture.call("viewerA", "POST", "/devices/A1/commands",
                "{\"requestType\":\"DeviceInformation\"}");

        assertEquals(403, response.status());
        assertEquals("forbidden", ApiFixture.error(response));
        assertTrue(fixture.queue.enqueued.isEmpty());
    }

    @Test
    void aDeviceThatIsNotEnrolledCannotReceiveCommands() {
        ApiResponse response = fixture.call("techA", "POST", "/devices/A3/commands",
                "{\"requestType\":\"DeviceInformation\"}");

        assertEquals(409, response.status());
        assertTrue(fixture.queue.enqueued.isEmpty());
    }

    @Test
    void theHistoryListsEachCommandWithItsTimesAndErrorChain() {
        DeviceId a1 = new DeviceId("A1");
        fixture.history.history.put(a1, List.of(
                new CommandRecord("u2", a1, Optional.empty(), "InstallProfile", "profiles", CommandStatus.ERROR,
                        Instant.parse("2026-09-02T10:00:00Z"), Optional.of(Instant.parse("2026-09-02T10:00:05Z")),
                        Optional.of(Instant.parse("2026-09-02T10:00:06Z")), 1,
                        List.of(Map.of("ErrorCode", 4001L, "ErrorDomain", "MCProfileErrorDomain",
                                "Detail", new byte[] {1, 2})), Map.of()),
                new CommandRecord("u1", a1, Optional.empty(), "DeviceInformation", "api", CommandStatus.PENDING,
                        Instant.parse("2026-09-02T09:00:00Z"), Optional.empty(), Optional.empty(), 0, List.of(),
                        Map.of()),
                new CommandRecord("u0", a1, Optional.empty(), "DeviceInformation", "api",
                        CommandStatus.ACKNOWLEDGED, Instant.parse("2026-09-02T08:00:00Z"),
                        Optional.of(Instant.parse("2026-09-02T08:00:01Z")),
                        Optional.of(Instant.parse("2026-09-02T08:00:02Z")), 0, List.of(),
                        Map.of("QueryResponses", Map.of("BatteryLevel", 0.85, "DeviceName", "0310001A-2026-DMP1")))));

        ApiResponse response = fixture.call("techA", "GET", "/devices/A1/commands?limit=10");

        assertEquals(200, response.status());
        assertEquals(10, fixture.history.lastLimit);
        JsonNode history = ApiFixture.json(response);
        JsonNode failed = history.get(0);
        assertEquals("u2", failed.get("commandUuid").asText());
        assertEquals("InstallProfile", failed.get("requestType").asText());
        assertEquals("profiles", failed.get("origin").asText());
        assertEquals("ERROR", failed.get("status").asText());
        assertEquals("2026-09-02T10:00:00Z", failed.get("queuedAt").asText());
        assertEquals("2026-09-02T10:00:05Z", failed.get("sentAt").asText());
        assertEquals("2026-09-02T10:00:06Z", failed.get("completedAt").asText());
        assertEquals(1, failed.get("notNowCount").asInt());
        JsonNode error = failed.get("errorChain").get(0);
        assertEquals(4001, error.get("ErrorCode").asInt());
        assertEquals("AQI=", error.get("Detail").get("$data").asText());
        JsonNode pending = history.get(1);
        assertEquals("PENDING", pending.get("status").asText());
        assertTrue(pending.get("sentAt").isNull());
        assertEquals(0, pending.get("errorChain").size());
        assertEquals(0, pending.get("response").size());
        JsonNode answered = history.get(2).get("response").get("QueryResponses");
        assertEquals(0.85, answered.get("BatteryLevel").asDouble());
        assertEquals("0310001A-2026-DMP1", answered.get("DeviceName").asText());
    }

    @Test
    void theHistoryOfAnotherCollegesDeviceIsNotFound() {
        assertEquals(404, fixture.call("techA", "GET", "/devices/B1/commands").status());
        assertEquals(400, fixture.call("techA", "GET", "/devices/A1/commands?limit=0").status());
        assertEquals(50, limitUsedByDefault());
    }

    private int limitUsedByDefault() {
        fixture.call("techA", "GET", "/devices/A1/commands");
        return fixture.history.lastLimit;
    }
}
