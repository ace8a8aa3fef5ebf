package fr.chariot.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import fr.chariot.api.CommandStatus;
import fr.chariot.api.Commands;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceTopics;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryTopics;
import fr.chariot.inventory.api.RefreshReport;
import fr.chariot.persistence.internal.MutableClock;

/** Enrollment, results and scheduled refresh, on real Derby with a fake command queue. */
class CollectionTest {

    private static final Instant T0 = Instant.parse("2025-09-01T08:00:00Z");
    private static final DeviceId IPAD = new DeviceId("00008103-000A1B2C3D4E5F60");
    private static final String RNE = "0310001A";

    @TempDir
    Path folder;

    private final Fakes.Queue queue = new Fakes.Queue();
    private final Fakes.Directory directory = new Fakes.Directory();
    private final List<Event> posted = new ArrayList<>();
    private final MutableClock clock = new MutableClock(T0);
    private InventoryStore store;
    private InventoryCollector collector;
    private InventoryResultHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        store = new InventoryStore(TestDatabase.create(folder));
        collector = new InventoryCollector(queue, store, directory, directory, Duration.ofHours(24),
                Duration.ofDays(7), clock, Runnable::run);
        handler = new InventoryResultHandler(store, collector, directory);
        handler.setEventAdmin(new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                throw new AssertionError("the inventory posts, never sends");
            }
        });
        directory.enroll(IPAD.udid(), RNE, "DMPXK2ABCDEF", T0);
    }

    @Test
    void enrolledQueuesTheWholeInventoryWithOriginInventory() {
        collector.handleEvent(new Event(DeviceTopics.ENROLLED, Map.of(DeviceTopics.UDID, IPAD.udid(),
                DeviceTopics.SITE, RNE)));

        assertEquals(List.of("DeviceInformation", "SecurityInfo", "InstalledApplicationList",
                "ManagedApplicationList", "ProfileList"), queue.requestTypes(IPAD));
        assertTrue(queue.queued.stream().allMatch(q -> q.origin().equals("inventory")));
        assertEquals(Commands.DEVICE_INFORMATION_QUERIES,
                queue.last("DeviceInformation", IPAD).command().keys().get("Queries"));
        assertEquals(false, queue.last("InstalledApplicationList", IPAD).command().keys().get("ManagedAppsOnly"));
        DeviceInventory row = store.find(IPAD, StaleRule.uniform(T0)).orElseThrow();
        assertEquals(RNE, row.site());
        assertEquals(Optional.of("DMPXK2ABCDEF"), row.serialNumber());
        assertEquals(Optional.of(T0), row.enrolledAt());
        assertTrue(row.lastInventory().isEmpty());
        assertTrue(row.stale(), "a device never inventoried is stale");
    }

    @Test
    void aDeviceInformationAnswerFillsTheRowAndASharedIpadIsAskedItsUsers() {
        collector.enrolled(IPAD);
        Instant answeredAt = T0.plusSeconds(30);

        handler.handle(Fakes.acknowledged(queue.last("DeviceInformation", IPAD),
                Fakes.deviceInformation("0310001A-2025-DMPXK2ABCDEF", "DMPXK2ABCDEF", 0.87, "17.4.1", true),
                answeredAt));

        DeviceInventory row = store.find(IPAD, StaleRule.uniform(T0)).orElseThrow();
        assertEquals(87L, row.value(InventoryField.BATTERY_LEVEL).orElseThrow());
        assertEquals(64_000L, row.value(InventoryField.CAPACITY_MB).orElseThrow());
        assertEquals(12_345L, row.value(InventoryField.AVAILABLE_CAPACITY_MB).orElseThrow());
        assertEquals("17.4.1", row.value(InventoryField.OS_VERSION).orElseThrow());
        assertEquals("21E236", row.value(InventoryField.BUILD_VERSION).orElseThrow());
        assertEquals("MK2K3NF/A", row.value(InventoryField.MODEL).orElseThrow());
        assertEquals("iPad", row.value(InventoryField.MODEL_NAME).orElseThrow());
        assertEquals("iPad12,1", row.value(InventoryField.PRODUCT_NAME).orElseThrow());
        assertEquals("a4:83:e7:11:22:33", row.value(InventoryField.WIFI_MAC).orElseThrow());
        assertEquals(Optional.of("0310001A-2025-DMPXK2ABCDEF"), row.name());
        assertEquals(true, row.value(InventoryField.SUPERVISED).orElseThrow());
        assertEquals(true, row.value(InventoryField.SHARED_IPAD).orElseThrow());
        assertEquals(4096L, row.value(InventoryField.QUOTA_SIZE_MB).orElseThrow());
        assertEquals(8L, row.value(InventoryField.RESIDENT_USERS).orElseThrow());
        assertEquals(32L, row.value(InventoryField.MAXIMUM_RESIDENT_USERS).orElseThrow());
        assertEquals(Optional.of(answeredAt), row.lastInventory());
        assertFalse(row.stale());
        assertEquals(Optional.of(DeviceRole.STUDENT_SHARED), row.role(), "a Shared iPad is a student iPad by default");

        assertEquals("UserList", queue.queued.get(queue.queued.size() - 1).command().requestType());
        assertEquals(1, posted.size());
        assertEquals(InventoryTopics.CHANGED, posted.get(0).getTopic());
        assertEquals(RNE, posted.get(0).getProperty(InventoryTopics.SITE));
    }

    @Test
    void anUnknownBatteryClearsTheOldValue() {
        collector.enrolled(IPAD);
        handler.handle(Fakes.acknowledged(queue.last("DeviceInformation", IPAD),
                Fakes.deviceInformation("iPad", "DMPXK2ABCDEF", 0.5, "17.4", false), T0.plusSeconds(1)));
        collector.refresh(List.of(IPAD));
        handler.handle(Fakes.acknowledged(queue.last("DeviceInformation", IPAD),
                Fakes.deviceInformation("iPad", "DMPXK2ABCDEF", -1.0, "17.4", false), T0.plusSeconds(2)));

        assertTrue(store.find(IPAD, StaleRule.uniform(T0)).orElseThrow().batteryLevel().isEmpty());
    }

    @Test
    void aFailedOrPostponedRefreshNeverMovesLastInventory() {
        collector.enrolled(IPAD);
        Instant firstAnswer = T0.plusSeconds(30);
        handler.handle(Fakes.acknowledged(queue.last("DeviceInformation", IPAD),
                Fakes.deviceInformation("iPad", "DMPXK2ABCDEF", 0.87, "17.4.1", false), firstAnswer));

        collector.refresh(List.of(IPAD));
        Fakes.Queued second = queue.last("DeviceInformation", IPAD);
        handler.handle(Fakes.failed(second, CommandStatus.NOT_NOW, T0.plusSeconds(60)));
        handler.handle(Fakes.failed(second, CommandStatus.ERROR, T0.plusSeconds(90)));

        DeviceInventory row = store.find(IPAD, StaleRule.uniform(T0)).orElseThrow();
        assertEquals(Optional.of(firstAnswer), row.lastInventory());
        assertEquals(87L, row.value(InventoryField.BATTERY_LEVEL).orElseThrow());
        assertEquals(1, posted.size(), "only the successful answer changed the inventory");
    }

    @Test
    void aResultHandedTwiceChangesNothingMore() {
        collector.enrolled(IPAD);
        Fakes.Queued first = queue.last("DeviceInformation", IPAD);
        var firstResult = Fakes.acknowledged(first,
                Fakes.deviceInformation("iPad", "DMPXK2ABCDEF", 0.87, "17.4.1", true), T0.plusSeconds(30));
        handler.handle(firstResult);
        collector.refresh(List.of(IPAD));
        handler.handle(Fakes.acknowledged(queue.last("DeviceInformation", IPAD),
                Fakes.deviceInformation("iPad", "DMPXK2ABCDEF", 0.40, "17.5", true), T0.plusSeconds(60)));
        int queuedBefore = queue.queued.size();
        int postedBefore = posted.size();

        handler.handle(firstResult);

        DeviceInventory row = store.find(IPAD, StaleRule.uniform(T0)).orElseThrow();
        assertEquals(40L, row.value(InventoryField.BATTERY_LEVEL).orElseThrow());
        assertEquals("17.5", row.value(InventoryField.OS_VERSION).orElseThrow());
        assertEquals(Optional.of(T0.plusSeconds(60)), row.lastInventory());
        assertEquals(queuedBefore, queue.queued.size(), "no second UserList");
        assertEquals(postedBefore, posted.size(), "no second event");
    }

    @Test
    void anOlderAnswerHandledLateDoesNotOverwriteANewerOne() {
        collector.enrolled(IPAD);
        Fakes.Queued first = queue.last("DeviceInformation", IPAD);
        collector.refresh(List.of(IPAD));
        handler.handle(Fakes.acknowledged(queue.last("DeviceInformation", IPAD),
                Fakes.deviceInformation("iPad", "DMPXK2ABCDEF", 0.40, "17.5", false), T0.plusSeconds(60)));

        handler.handle(Fakes.acknowledged(first,
                Fakes.deviceInformation("iPad", "DMPXK2ABCDEF", 0.87, "17.4.1", false), T0.plusSeconds(30)));

        assertEquals(40L, store.find(IPAD, StaleRule.uniform(T0)).orElseThrow().value(InventoryField.BATTERY_LEVEL).orElseThrow());
    }

    @Test
    void appsAreSplitIntoManagedAndOtherWhateverTheOrderOfTheLists() {
        collector.enrolled(IPAD);
        handler.handle(Fakes.acknowledged(queue.last("ManagedApplicationList", IPAD), Map.of(
                "ManagedApplicationList", Map.of("fr.college.pronote", Map.of("Status", "Managed"),
                        "com.apple.Keynote", Map.of("Status", "Installing"))), T0.plusSeconds(10)));
        handler.handle(Fakes.acknowledged(queue.last("InstalledApplicationList", IPAD), Map.of(
                "InstalledApplicationList", List.of(
                        Map.of("Identifier", "fr.college.pronote", "Name", "Pronote", "ShortVersion", "2025.1",
                                "Version", "412"),
                        Map.of("Identifier", "com.example.game", "Name", "Game", "Version", "3"))),
                T0.plusSeconds(11)));

        var apps = store.apps(IPAD);
        assertEquals(3, apps.size());
        var pronote = apps.stream().filter(a -> a.bundleId().equals("fr.college.pronote")).findFirst().orElseThrow();
        assertTrue(pronote.managed() && pronote.installed());
        assertEquals(Optional.of("2025.1"), pronote.version());
        assertEquals(Optional.of("Managed"), pronote.status());
        var keynote = apps.stream().filter(a -> a.bundleId().equals("com.apple.Keynote")).findFirst().orElseThrow();
        assertTrue(keynote.managed() && !keynote.installed());
        var game = apps.stream().filter(a -> a.bundleId().equals("com.example.game")).findFirst().orElseThrow();
        assertTrue(!game.managed() && game.installed());

        // a newer managed list without Keynote: it goes; Pronote stays installed but is no longer managed
        collector.refresh(List.of(IPAD));
        handler.handle(Fakes.acknowledged(queue.last("ManagedApplicationList", IPAD), Map.of(
                "ManagedApplicationList", Map.of()), T0.plusSeconds(20)));
        apps = store.apps(IPAD);
        assertEquals(List.of("com.example.game", "fr.college.pronote"),
                apps.stream().map(a -> a.bundleId()).sorted().toList());
        assertTrue(apps.stream().noneMatch(a -> a.managed()));
    }

    @Test
    void profilesAndTheLastTenUsersAreKept() {
        collector.enrolled(IPAD);
        handler.handle(Fakes.acknowledged(queue.last("ProfileList", IPAD), Map.of("ProfileList", List.of(
                Map.of("PayloadIdentifier", "fr.chariot.mdm", "PayloadDisplayName", "Chariot MDM", "IsManaged",
                        true, "PayloadUUID", "0B7B5B6E-8A2E-4C3B-9D0A-1B2C3D4E5F60"))), T0.plusSeconds(5)));
        List<Object> users = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            users.add(Map.of("UserName", "eleve" + i + "@college.fr", "IsLoggedIn", i == 1, "HasDataToSync", false,
                    "DataUsed", 1000L * i));
        }
        handler.handle(Fakes.acknowledged(new Fakes.Queued("inventory", Commands.userList(), IPAD,
                "5D3A0C4E-0000-4000-8000-000000000001"), Map.of("Users", users), T0.plusSeconds(6)));

        assertEquals("Chariot MDM", store.profiles(IPAD).get(0).displayName().orElseThrow());
        var shown = store.users(IPAD);
        assertEquals(10, shown.size());
        assertEquals("eleve1@college.fr", shown.get(0).userName());
        assertTrue(shown.get(0).loggedIn());
        assertEquals(Optional.of(2000L), shown.get(1).dataUsed());
    }

    @Test
    void theScheduleAsksOutdatedDevicesOnceAndNeverPilesUpCommandsOnAnOfflineDevice() {
        collector.enrolled(IPAD);
        DeviceId offline = new DeviceId("00008103-00000000000000FF");
        directory.enroll(offline.udid(), RNE, "DMPOFFLINE01", T0);
        collector.enrolled(offline);
        handler.handle(Fakes.acknowledged(queue.last("DeviceInformation", IPAD),
                Fakes.deviceInformation("iPad", "DMPXK2ABCDEF", 0.9, "17.4", false), T0.plusSeconds(30)));

        clock.set(T0.plus(Duration.ofHours(12)));
        assertEquals(0, collector.refreshOutdated(), "nothing is older than a day yet");

        clock.set(T0.plus(Duration.ofHours(25)));
        assertEquals(1, collector.refreshOutdated(), "the answering iPad is asked again");
        assertEquals(2, queue.requestTypes(IPAD).stream().filter("DeviceInformation"::equals).count());
        assertEquals(1, queue.requestTypes(offline).stream().filter("DeviceInformation"::equals).count(),
                "the offline iPad still has its first request outstanding");

        clock.set(T0.plus(Duration.ofDays(8)));
        collector.refreshOutdated();
        assertEquals(2, queue.requestTypes(offline).stream().filter("DeviceInformation"::equals).count(),
                "after staleDays the request is renewed, in case its answer was lost");
    }

    @Test
    void refreshReportsUnknownAndCheckedOutDevices() {
        collector.enrolled(IPAD);
        DeviceId gone = new DeviceId("00008103-0000000000000001");
        directory.enroll(gone.udid(), RNE, "DMPGONE00001", T0);
        collector.enrolled(gone);
        collector.handleEvent(new Event(DeviceTopics.CHECKED_OUT, Map.of(DeviceTopics.UDID, gone.udid())));
        DeviceId stranger = new DeviceId("00008103-0000000000000002");

        RefreshReport report = collector.refresh(List.of(IPAD, gone, stranger));

        assertEquals(List.of(IPAD), List.copyOf(report.queued().keySet()));
        assertEquals("unknown device", report.refused().get(stranger));
        assertTrue(report.refused().get(gone).contains("no longer enrolled"));
    }

    @Test
    void devicesEnrolledBeforeTheInventoryStartedAreAddedAndAsked() {
        DeviceId earlier = new DeviceId("00008103-0000000000000003");
        directory.enroll(earlier.udid(), "0310002B", "DMPEARLY0001", T0);

        collector.reconcile();

        assertEquals("0310002B", store.find(earlier, StaleRule.uniform(T0)).orElseThrow().site());
        assertTrue(queue.requestTypes(earlier).contains("DeviceInformation"));
    }

    /** A clock the test moves. */
}
