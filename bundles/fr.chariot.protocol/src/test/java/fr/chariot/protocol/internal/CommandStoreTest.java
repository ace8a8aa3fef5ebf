package fr.chariot.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.api.Command;
import fr.chariot.api.CommandRecord;
import fr.chariot.api.CommandStatus;
import fr.chariot.api.DeviceId;
import fr.chariot.plist.api.Plist;

class CommandStoreTest {

    private static final String UDID = "00008103-000A1B2C3D4E5F60";
    private static final CommandStore.Channel DEVICE = CommandStore.Channel.device(UDID);

    @TempDir
    Path tmp;
    private CommandStore store;

    @BeforeEach
    void open() throws Exception {
        store = new CommandStore(TestDatabase.create(tmp));
    }

    @Test
    void commandsAreSentInTheOrderTheyWereQueuedAndMarkedSent() throws Exception {
        String first = store.enqueue("test", Command.of("RestartDevice"), List.of(DEVICE)).get(0);
        String second = store.enqueue("test", new Command("DeviceInformation", Map.of("Queries", List.of("UDID"))),
                List.of(DEVICE)).get(0);

        Map<String, Object> reply = Plist.parseDictionary(store.next(DEVICE).orElseThrow());
        assertEquals(first, reply.get("CommandUUID"));
        assertEquals(Map.of("RequestType", "RestartDevice"), reply.get("Command"));
        assertEquals(CommandStatus.SENT, store.find(first).orElseThrow().status());

        store.answer(DEVICE, first, CommandStatus.ACKNOWLEDGED, answer(first, "Acknowledged"));
        Map<String, Object> next = Plist.parseDictionary(store.next(DEVICE).orElseThrow());
        assertEquals(second, next.get("CommandUUID"));
        assertEquals("DeviceInformation", ((Map<?, ?>) next.get("Command")).get("RequestType"));
    }

    @Test
    void aChannelSeenEmptyGetsWhatIsQueuedAfterwards() throws Exception {
        assertTrue(store.next(DEVICE).isEmpty());
        assertTrue(store.next(DEVICE).isEmpty(), "still empty (now without asking the database)");
        String uuid = store.enqueue("test", Command.of("RestartDevice"), List.of(DEVICE)).get(0);
        assertEquals(uuid, Plist.parseDictionary(store.next(DEVICE).orElseThrow()).get("CommandUUID"));
    }

    @Test
    void aResentResultIsHandledOnce() throws Exception {
        String uuid = store.enqueue("inventory", Command.of("RestartDevice"), List.of(DEVICE)).get(0);
        store.next(DEVICE);

        assertTrue(store.answer(DEVICE, uuid, CommandStatus.ACKNOWLEDGED, answer(uuid, "Acknowledged")).isPresent());
        assertTrue(store.answer(DEVICE, uuid, CommandStatus.ACKNOWLEDGED, answer(uuid, "Acknowledged")).isEmpty());
        assertTrue(store.answer(DEVICE, uuid, CommandStatus.ERROR, answer(uuid, "Error")).isEmpty(),
                "a late error does not overwrite the acknowledged result");
        assertEquals(CommandStatus.ACKNOWLEDGED, store.find(uuid).orElseThrow().status());
        assertTrue(store.next(DEVICE).isEmpty());
    }

    @Test
    void anotherDeviceCannotAnswerACommand() throws Exception {
        String uuid = store.enqueue("test", Command.of("RestartDevice"), List.of(DEVICE)).get(0);
        CommandStore.Channel other = CommandStore.Channel.device("00008103-FFFFFFFFFFFFFFFF");
        assertTrue(store.answer(other, uuid, CommandStatus.ACKNOWLEDGED, answer(uuid, "Acknowledged")).isEmpty());
        assertEquals(CommandStatus.PENDING, store.find(uuid).orElseThrow().status());
    }

    @Test
    void notNowKeepsTheCommandQueuedAndCountsIt() throws Exception {
        String uuid = store.enqueue("test", Command.of("InstalledApplicationList"), List.of(DEVICE)).get(0);
        store.next(DEVICE);
        store.answer(DEVICE, uuid, CommandStatus.NOT_NOW, answer(uuid, "NotNow"));

        CommandRecord record = store.find(uuid).orElseThrow();
        assertEquals(CommandStatus.NOT_NOW, record.status());
        assertEquals(1, record.notNowCount());
        assertEquals(uuid, Plist.parseDictionary(store.next(DEVICE).orElseThrow()).get("CommandUUID"),
                "sent again next time");
    }

    @Test
    void anAcknowledgedAnswerIsKeptWithoutItsEnvelope() throws Exception {
        String uuid = store.enqueue("inventory", new Command("DeviceInformation", Map.of("Queries",
                List.of("BatteryLevel"))), List.of(DEVICE)).get(0);
        store.next(DEVICE);
        store.answer(DEVICE, uuid, CommandStatus.ACKNOWLEDGED, Plist.toXml(Map.of("UDID", UDID, "CommandUUID", uuid,
                "Status", "Acknowledged", "QueryResponses", Map.of("BatteryLevel", 0.42))));

        assertEquals(Map.of("QueryResponses", Map.of("BatteryLevel", 0.42)),
                store.find(uuid).orElseThrow().response());
    }

    @Test
    void anErrorKeepsItsErrorChain() throws Exception {
        String uuid = store.enqueue("test", Command.of("RestartDevice"), List.of(DEVICE)).get(0);
        store.next(DEVICE);
        Map<String, Object> error = Map.of("UDID", UDID, "CommandUUID", uuid, "Status", "Error", "ErrorChain",
                List.of(Map.of("ErrorCode", 12021L, "ErrorDomain", "MCMDMErrorDomain", "LocalizedDescription",
                        "Commande non prise en charge")));
        store.answer(DEVICE, uuid, CommandStatus.ERROR, Plist.toXml(error));

        CommandRecord record = store.find(uuid).orElseThrow();
        assertEquals(CommandStatus.ERROR, record.status());
        assertEquals(12021L, record.errorChain().get(0).get("ErrorCode"));
        assertTrue(record.response().isEmpty(), "a failed command has no response");
        assertTrue(record.completedAt().isPresent());
    }

    @Test
    void pruningRemovesOnlyCompletedCommandsPastRetention() throws Exception {
        String done = store.enqueue("test", Command.of("RestartDevice"), List.of(DEVICE)).get(0);
        store.next(DEVICE);
        store.answer(DEVICE, done, CommandStatus.ACKNOWLEDGED, answer(done, "Acknowledged"));
        String pending = store.enqueue("test", Command.of("RestartDevice"), List.of(DEVICE)).get(0);

        assertEquals(0, store.prune(Instant.now().minusSeconds(3600)), "recent completions are kept");
        assertEquals(1, store.prune(Instant.now().plusSeconds(1)));
        assertTrue(store.find(done).isEmpty());
        assertTrue(store.find(pending).isPresent(), "a pending command is never pruned");
    }

    @Test
    void queuedCommandsSurviveARestart() throws Exception {
        String uuid = store.enqueue("test", Command.of("RestartDevice"), List.of(DEVICE)).get(0);
        CommandStore afterRestart = new CommandStore(TestDatabase.reopen(tmp));
        assertEquals(uuid, Plist.parseDictionary(afterRestart.next(DEVICE).orElseThrow()).get("CommandUUID"));
        assertEquals(List.of(uuid), afterRestart.history(new DeviceId(UDID), 10).stream()
                .map(CommandRecord::commandUuid).toList());
    }

    private static byte[] answer(String uuid, String status) {
        return Plist.toXml(Map.of("UDID", UDID, "CommandUUID", uuid, "Status", status));
    }
}
