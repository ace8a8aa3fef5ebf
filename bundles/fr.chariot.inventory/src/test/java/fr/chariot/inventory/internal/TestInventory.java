package fr.chariot.inventory.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import fr.chariot.api.DeviceId;
import fr.chariot.api.SiteDirectory;
import fr.chariot.inventory.api.Inventory;

/**
 * The real inventory over real Derby, for tests of other packages (the console's pages): devices are added as the
 * protocol would (enrolled, then a DeviceInformation answer).
 */
public final class TestInventory {

    private final Fakes.Queue queue = new Fakes.Queue();
    private final Fakes.Directory directory = new Fakes.Directory();
    private final InventoryCollector collector;
    private final InventoryResultHandler handler;
    private final Inventory inventory;

    /** @param staleDays the configured default threshold */
    public TestInventory(Path folder, Clock clock, int staleDays) throws Exception {
        var db = TestDatabase.create(folder);
        InventoryStore store = new InventoryStore(db);
        collector = new InventoryCollector(queue, store, directory, directory, Duration.ofHours(24),
                Duration.ofDays(staleDays), clock, Runnable::run);
        handler = new InventoryResultHandler(store, collector, directory);
        inventory = new InventoryService(store, new InventorySearch(db, store.searchTexts(),
                Duration.ofDays(staleDays), clock), collector);
    }

    public Inventory inventory() {
        return inventory;
    }

    /** The colleges of the devices added, each named « Collège RNE ». */
    public SiteDirectory sites() {
        return directory;
    }

    /**
     * Adds a device of a college named {@code name}, whose last DeviceInformation answered at {@code answeredAt}.
     *
     * @param n a number making its UDID and serial number
     */
    public DeviceId add(int n, String site, String name, Instant answeredAt) {
        DeviceId device = new DeviceId(String.format("00008103-%016X", n));
        String serial = String.format("DMP%09d", n);
        directory.enroll(device.udid(), site, serial, answeredAt);
        collector.enrolled(device);
        handler.handle(Fakes.acknowledged(queue.last("DeviceInformation", device),
                Fakes.deviceInformation(name, serial, (n % 100) / 100.0, n % 2 == 0 ? "17.10" : "17.9", true),
                answeredAt));
        return device;
    }
}
