package fr.chariot.groups.internal.service;

import java.time.Clock;
import java.time.ZoneId;

import javax.sql.DataSource;

import org.osgi.service.event.EventAdmin;

import fr.chariot.inventory.api.Inventory;

/**
 * For the tests of other packages of this bundle (the console pages): the real service over a test database, with
 * no worker thread, inventory events handled on the caller's thread.
 */
public final class GroupServiceForTests {

    private GroupServiceForTests() {
    }

    public static GroupService start(DataSource dataSource, Inventory inventory, EventAdmin events, Clock clock) {
        return new GroupService(dataSource, inventory, events, ZoneId.of("Europe/Paris"), clock, null, Runnable::run);
    }
}
