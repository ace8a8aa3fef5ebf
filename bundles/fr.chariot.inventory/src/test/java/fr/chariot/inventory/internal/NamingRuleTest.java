package fr.chariot.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.api.CommandStatus;
import fr.chariot.api.Commands;
import fr.chariot.api.DeviceId;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.persistence.internal.MutableClock;

/** The naming rule applied with Settings DeviceName, on real Derby with a fake command queue. */
class NamingRuleTest {

    /** Late on New Year's Eve in UTC: already 2025 in Paris, still 2024 for the naming rule. */
    private static final Instant ENROLLED = Instant.parse("2024-12-31T23:30:00Z");
    private static final Instant T0 = Instant.parse("2025-09-01T08:00:00Z");
    private static final DeviceId IPAD = new DeviceId("00008103-000A1B2C3D4E5F60");
    private static final String RNE = "0310001A";
    private static final String SERIAL = "DMPXK2ABCDEF";
    private static final String STUDENT_NAME = "0310001A-2024-DMPXK2ABCDEF";

    @TempDir
    Path folder;

    private final Fakes.Queue queue = new Fakes.Queue();
    private final Fakes.Directory directory = new Fakes.Directory();
    private final MutableClock clock = new MutableClock(T0);
    private InventoryStore store;
    private InventoryCollector collector;
    private InventoryResultHandler handler;
    private InventoryService inventory;

    @BeforeEach
    void setUp() throws Exception {
        var db = TestDatabase.create(folder);
        store = new InventoryStore(db);
        collector = new InventoryCollector(queue, store, directory, directory, Duration.ofHours(24),
                Duration.ofDays(7), clock, Runnable::run);
        handler = new InventoryResultHandler(store, collector, directory);
        inventory = new InventoryService(store, new InventorySearch(db, store.searchTexts(), Duration.ofDays(7), clock),
                collector);
        directory.enroll(IPAD.udid(), RNE, SERIAL, ENROLLED);
        collector.enrolled(IPAD);
    }

    /** The device answers its latest DeviceInformation with this name. */
    private void answerInformation(String name, boolean supervised, Instant at) {
        Map<String, Object> answers = new LinkedHashMap<>(map(
                Fakes.deviceInformation(name, SERIAL, 0.8, "17.4", true).get("QueryResponses")));
        answers.put("IsSupervised", supervised);
        handler.handle(Fakes.acknowledged(queue.last("DeviceInformation", IPAD), Map.of("QueryResponses", answers),
                at));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private List<Fakes.Queued> settings() {
        return queue.queued.stream().filter(q -> q.command().requestType().equals("Settings")).toList();
    }

    private long count(String requestType) {
        return queue.requestTypes(IPAD).stream().filter(requestType::equals).count();
    }

    private static Object requestedName(Fakes.Queued settings) {
        List<?> items = (List<?>) settings.command().keys().get("Settings");
        return ((Map<?, ?>) items.get(0)).get("DeviceName");
    }

    @Test
    void aSupervisedMisnamedIpadIsAskedToTakeTheRulesNameOnce() {
        answerInformation("iPad", true, T0.plusSeconds(10));

        assertEquals(1, settings().size());
        Fakes.Queued rename = settings().get(0);
        assertEquals("inventory", rename.origin());
        assertEquals(IPAD, rename.device());
        assertEquals(Commands.settingsDeviceName(STUDENT_NAME), rename.command());
        assertEquals(STUDENT_NAME, requestedName(rename), "the year is the UTC year of the enrollment");

        // the device stays offline: more answers and a role set again queue no second Settings
        collector.refresh(List.of(IPAD));
        answerInformation("iPad", true, T0.plusSeconds(20));
        inventory.assignRole(IPAD, DeviceRole.STUDENT_SHARED, Optional.empty(), Optional.empty());
        assertEquals(1, settings().size(), "one Settings outstanding for the same name");
    }

    @Test
    void anUnsupervisedIpadIsLeftAlone() {
        answerInformation("iPad", false, T0.plusSeconds(10));
        inventory.assignRole(IPAD, DeviceRole.TEACHER_SHARED, Optional.of(2), Optional.empty());

        assertEquals(List.of(), settings());
    }

    @Test
    void aWellNamedIpadIsLeftAlone() {
        answerInformation(STUDENT_NAME, true, T0.plusSeconds(10));

        assertEquals(List.of(), settings());
    }

    @Test
    void whenSettingsIsAcknowledgedDeviceInformationShowsTheNewName() {
        answerInformation("iPad", true, T0.plusSeconds(10));
        long informationBefore = count("DeviceInformation");

        handler.handle(Fakes.acknowledged(settings().get(0), Map.of("Settings", List.of(
                Map.of("Item", "DeviceName", "Status", "Acknowledged"))), T0.plusSeconds(20)));

        assertEquals(informationBefore + 1, count("DeviceInformation"));
        answerInformation(STUDENT_NAME, true, T0.plusSeconds(30));
        assertEquals(Optional.of(STUDENT_NAME), inventory.find(IPAD).orElseThrow().name());
        assertEquals(1, settings().size());
    }

    @Test
    void aFailedSettingsIsLoggedNotRetriedAtEachAnswer() {
        answerInformation("iPad", true, T0.plusSeconds(10));
        long informationBefore = count("DeviceInformation");

        handler.handle(Fakes.failed(settings().get(0), CommandStatus.ERROR, T0.plusSeconds(20)));
        assertEquals(informationBefore, count("DeviceInformation"), "nothing to show after a failure");
        collector.refresh(List.of(IPAD));
        answerInformation("iPad", true, T0.plusSeconds(30));
        assertEquals(1, settings().size(), "not asked again at the next answer");

        clock.set(T0.plus(Duration.ofDays(8)));
        collector.refresh(List.of(IPAD));
        answerInformation("iPad", true, T0.plus(Duration.ofDays(8)));
        assertEquals(2, settings().size(), "asked again once staleDays have passed");
    }

    @Test
    void anItemErrorInsideAnAcknowledgedSettingsIsAFailure() {
        answerInformation("iPad", true, T0.plusSeconds(10));
        long informationBefore = count("DeviceInformation");

        handler.handle(Fakes.acknowledged(settings().get(0), Map.of("Settings", List.of(Map.of("Item", "DeviceName",
                "Status", "Error", "ErrorChain", List.of(Map.of("ErrorCode", 12081L, "ErrorDomain",
                        "MCMDMErrorDomain"))))), T0.plusSeconds(20)));

        assertEquals(informationBefore, count("DeviceInformation"));
    }

    @Test
    void aNewRoleAsksForItsNameAtOnce() {
        answerInformation("iPad", true, T0.plusSeconds(10));

        inventory.assignRole(IPAD, DeviceRole.TEACHER_SHARED, Optional.of(3), Optional.empty());
        inventory.assignRole(IPAD, DeviceRole.TEACHER_PERSONAL, Optional.empty(), Optional.of(" Marie  Curie "));

        assertEquals(List.of(STUDENT_NAME, "0310001A-Prof 3", "Marie Curie"),
                settings().stream().map(NamingRuleTest::requestedName).toList());
        assertTrue(settings().stream().allMatch(q -> q.origin().equals("inventory")));
    }

    @Test
    void aDeviceNeverInventoriedIsRenamedAfterItsFirstAnswer() {
        inventory.assignRole(IPAD, DeviceRole.TEACHER_SHARED, Optional.of(1), Optional.empty());
        assertEquals(List.of(), settings(), "not known to be supervised yet");

        answerInformation("iPad", true, T0.plusSeconds(10));

        assertEquals(List.of("0310001A-Prof 1"), settings().stream().map(NamingRuleTest::requestedName).toList());
    }
}
