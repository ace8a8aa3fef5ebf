package fr.chariot.groups.internal.console;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.api.Site;
import fr.chariot.groups.api.Groups;
import fr.chariot.groups.internal.service.FakeInventory;
import fr.chariot.groups.internal.service.GroupServiceForTests;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.persistence.internal.MutableClock;
import fr.chariot.persistence.internal.TestDerby;

/**
 * The real groups service over a real Derby, two colleges: {@value #RNE} with S1 (battery 40), S2 (80) and S3 (no
 * battery reported), and {@value #OTHER} with X1.
 */
abstract class ConsoleFixture {

    static final String RNE = "0310001A";
    static final String OTHER = "0310002B";

    @TempDir
    Path folder;
    TestDerby database;
    final FakeInventory inventory = new FakeInventory();
    final ConsoleFakes.Colleges sites = new ConsoleFakes.Colleges(new Site(RNE, "Collège Jean Jaurès"),
            new Site(OTHER, "Collège Victor Hugo"));
    final ConsoleFakes.Audit audit = new ConsoleFakes.Audit();
    Groups groups;

    @BeforeEach
    void openDatabase() throws Exception {
        database = new TestDerby(folder, "grp");
        device("S1", RNE, "iPad <b>1</b>", Map.of(InventoryField.BATTERY_LEVEL, 40L));
        device("S2", RNE, "iPad 2", Map.of(InventoryField.BATTERY_LEVEL, 80L));
        device("S3", RNE, "iPad 3", Map.of());
        device("X1", OTHER, "iPad X", Map.of(InventoryField.BATTERY_LEVEL, 10L));
        groups = GroupServiceForTests.start(database.dataSource, inventory, new ConsoleFakes.NoEvents(),
                new MutableClock(Instant.parse("2025-10-15T10:00:00Z")));
    }

    /** A device of the fake inventory with a name and a serial number. */
    private void device(String udid, String site, String name, Map<InventoryField, ?> values) {
        Map<InventoryField, Object> row = new java.util.EnumMap<>(InventoryField.class);
        row.put(InventoryField.NAME, name);
        row.put(InventoryField.SERIAL_NUMBER, "SN-" + udid);
        row.putAll(values);
        inventory.put(udid, site, row);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
