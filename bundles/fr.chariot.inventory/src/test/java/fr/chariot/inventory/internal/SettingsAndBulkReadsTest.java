package fr.chariot.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.api.DeviceId;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.persistence.internal.MutableClock;

/** Per-college refresh periods, remembered columns and the whole-college reads, on real Derby. */
class SettingsAndBulkReadsTest {

    private static final Instant T0 = Instant.parse("2025-09-01T08:00:00Z");
    private static final String A = "0310001A";
    private static final String B = "0310002B";

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
    }

    private DeviceId enrollAndAnswer(int n, String site, Instant answeredAt) {
        DeviceId device = new DeviceId(String.format("00008103-%016X", n));
        String serial = String.format("DMP%09d", n);
        directory.enroll(device.udid(), site, serial, T0);
        collector.enrolled(device);
        handler.handle(Fakes.acknowledged(queue.last("DeviceInformation", device),
                Fakes.deviceInformation(site + "-2025-" + serial, serial, 0.5, "17.4", false), answeredAt));
        return device;
    }

    private long informationRequests(DeviceId device) {
        return queue.requestTypes(device).stream().filter("DeviceInformation"::equals).count();
    }

    @Test
    void theHourlyCheckHonoursEachCollegesOwnRefreshPeriod() {
        DeviceId inA = enrollAndAnswer(1, A, T0);
        DeviceId inB = enrollAndAnswer(2, B, T0);
        inventory.changeRefreshHours(" 0310002b ", 6);

        assertEquals(24, inventory.refreshHours(A), "the configured default");
        assertEquals(6, inventory.refreshHours(B));

        clock.set(T0.plus(Duration.ofHours(7)));
        assertEquals(1, collector.refreshOutdated());
        assertEquals(1, informationRequests(inA), "college A keeps the daily default");
        assertEquals(2, informationRequests(inB), "college B is asked after 6 hours");

        clock.set(T0.plus(Duration.ofHours(25)));
        collector.refreshOutdated();
        assertEquals(2, informationRequests(inA));
        assertEquals(2, informationRequests(inB), "B's request is still outstanding: not sent twice");
    }

    @Test
    void aLongerPeriodDelaysTheRefresh() {
        DeviceId inA = enrollAndAnswer(1, A, T0);
        inventory.changeRefreshHours(A, 72);

        clock.set(T0.plus(Duration.ofHours(25)));
        assertEquals(0, collector.refreshOutdated());
        clock.set(T0.plus(Duration.ofHours(73)));
        assertEquals(1, collector.refreshOutdated());
        assertEquals(2, informationRequests(inA));
    }

    @Test
    void aBadRefreshPeriodIsRefusedAndChangesNothing() {
        inventory.changeRefreshHours(A, 12);

        var zero = assertThrows(IllegalArgumentException.class, () -> inventory.changeRefreshHours(A, 0));
        assertTrue(zero.getMessage().contains("de 1 à " + Inventory.MAX_REFRESH_HOURS + " heures, pas 0"), zero.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> inventory.changeRefreshHours(A, Inventory.MAX_REFRESH_HOURS + 1));
        var rne = assertThrows(IllegalArgumentException.class, () -> inventory.changeRefreshHours("lycée", 12));
        assertTrue(rne.getMessage().startsWith("« lycée » n'est pas un code RNE"), rne.getMessage());
        assertThrows(IllegalArgumentException.class, () -> inventory.refreshHours("nope"));

        assertEquals(12, inventory.refreshHours(A));
        inventory.changeRefreshHours(A, Inventory.MAX_REFRESH_HOURS);
        assertEquals(Inventory.MAX_REFRESH_HOURS, inventory.refreshHours(A));
    }

    @Test
    void eachUsersColumnsAreRememberedInTheirOrder() {
        assertEquals(Optional.empty(), inventory.chosenColumns("marie.curie"));
        List<InventoryField> chosen = List.of(InventoryField.NAME, InventoryField.BATTERY_LEVEL,
                InventoryField.STALE, InventoryField.SERIAL_NUMBER);

        inventory.chooseColumns("marie.curie", chosen);
        inventory.chooseColumns("paul.langevin", List.of(InventoryField.OS_VERSION));

        assertEquals(Optional.of(chosen), inventory.chosenColumns("marie.curie"));
        assertEquals(Optional.of(List.of(InventoryField.OS_VERSION)), inventory.chosenColumns(" paul.langevin "));
        inventory.chooseColumns("marie.curie", List.of(InventoryField.SITE, InventoryField.NAME));
        assertEquals(Optional.of(List.of(InventoryField.SITE, InventoryField.NAME)),
                inventory.chosenColumns("marie.curie"));
    }

    @Test
    void badColumnChoicesAreRefusedAndChangeNothing() {
        List<InventoryField> kept = List.of(InventoryField.NAME, InventoryField.MODEL);
        inventory.chooseColumns("marie.curie", kept);

        var empty = assertThrows(IllegalArgumentException.class,
                () -> inventory.chooseColumns("marie.curie", List.of()));
        assertTrue(empty.getMessage().contains("au moins une colonne"), empty.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> inventory.chooseColumns("marie.curie",
                List.of(InventoryField.NAME, InventoryField.MODEL, InventoryField.NAME)));
        assertTrue(twice.getMessage().contains("« name » est choisie deux fois"), twice.getMessage());
        List<InventoryField> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> inventory.chooseColumns("marie.curie", withNull));
        assertThrows(IllegalArgumentException.class, () -> inventory.chooseColumns("marie.curie", null));
        var blank = assertThrows(IllegalArgumentException.class, () -> inventory.chooseColumns("  ", kept));
        assertTrue(blank.getMessage().contains("nom d'un utilisateur"), blank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> inventory.chooseColumns("x".repeat(256), kept));

        assertEquals(Optional.of(kept), inventory.chosenColumns("marie.curie"));
        assertEquals(Optional.empty(), inventory.chosenColumns("x".repeat(255)));
    }

    @Test
    void devicesOfReadsAWholeCollegeInUdidOrder() {
        DeviceId third = enrollAndAnswer(3, A, T0);
        DeviceId first = enrollAndAnswer(1, A, T0.minus(Duration.ofDays(10)));
        enrollAndAnswer(2, B, T0);
        DeviceId neverAnswered = new DeviceId(String.format("00008103-%016X", 4));
        directory.enroll(neverAnswered.udid(), A, "DMP000000004", T0);
        collector.enrolled(neverAnswered);

        List<DeviceInventory> devices = inventory.devicesOf("0310001a");

        assertEquals(List.of(first, third, neverAnswered), devices.stream().map(DeviceInventory::udid).toList());
        assertTrue(devices.get(0).stale(), "answered 10 days ago");
        assertEquals(Optional.of(A + "-2025-DMP000000003"), devices.get(1).name());
        assertEquals(50L, devices.get(1).batteryLevel().orElseThrow());
        assertTrue(devices.get(2).lastInventory().isEmpty());
        assertEquals(List.of(), inventory.devicesOf("0999999Z"));
        assertThrows(IllegalArgumentException.class, () -> inventory.devicesOf("all"));
    }

    @Test
    void appIdsOfGivesEachDevicesInstalledAppsOfOneCollege() {
        DeviceId withApps = enrollAndAnswer(1, A, T0);
        DeviceId managedOnly = enrollAndAnswer(2, A, T0);
        enrollAndAnswer(3, A, T0);
        DeviceId otherCollege = enrollAndAnswer(4, B, T0);
        installed(withApps, "fr.college.pronote", "com.apple.Keynote");
        installed(otherCollege, "com.example.game");
        handler.handle(Fakes.acknowledged(queue.last("ManagedApplicationList", managedOnly), Map.of(
                "ManagedApplicationList", Map.of("fr.college.pronote", Map.of("Status", "Installing"))),
                T0.plusSeconds(5)));

        Map<DeviceId, Set<String>> apps = inventory.appIdsOf(A);

        assertEquals(Map.of(withApps, Set.of("fr.college.pronote", "com.apple.Keynote")), apps,
                "an app still installing is not installed; devices without apps are absent");
        assertEquals(Map.of(otherCollege, Set.of("com.example.game")), inventory.appIdsOf(B));
    }

    private void installed(DeviceId device, String... bundleIds) {
        List<Object> list = new ArrayList<>();
        for (String id : bundleIds) {
            list.add(Map.of("Identifier", id, "Name", id, "Version", "1"));
        }
        handler.handle(Fakes.acknowledged(queue.last("InstalledApplicationList", device),
                Map.of("InstalledApplicationList", list), T0.plusSeconds(5)));
    }
}
