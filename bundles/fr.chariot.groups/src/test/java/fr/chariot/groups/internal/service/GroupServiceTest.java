package fr.chariot.groups.internal.service;

import static fr.chariot.groups.internal.service.FakeInventory.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupNotFoundException;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.InvalidGroupException;
import fr.chariot.groups.api.InventoryFields;
import fr.chariot.groups.api.Operator;
import fr.chariot.groups.internal.service.RecordingEventAdmin.Posted;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryTopics;
import fr.chariot.persistence.internal.MutableClock;
import fr.chariot.persistence.internal.TestDerby;

class GroupServiceTest {

    private static final String RNE = "0310001A";
    private static final String OTHER = "0310002B";
    private static final Criterion LOW_BATTERY = Criterion.of(InventoryFields.BATTERY_LEVEL, Operator.LESS_THAN, "60");

    @TempDir
    Path folder;
    private TestDerby database;
    private final FakeInventory inventory = new FakeInventory();
    private final RecordingEventAdmin events = new RecordingEventAdmin();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-10-15T10:00:00Z"));
    private GroupService service;

    @BeforeEach
    void open() throws Exception {
        database = new TestDerby(folder, "grp");
        inventory.put("S1", RNE, Map.of(InventoryField.BATTERY_LEVEL, 40L));
        inventory.put("S2", RNE, Map.of(InventoryField.BATTERY_LEVEL, 80L));
        inventory.put("X1", OTHER, Map.of(InventoryField.BATTERY_LEVEL, 10L));
        service = start();
    }

    /** A component instance as DS would make it, handling events on the caller's thread. */
    private GroupService start() {
        return new GroupService(database.dataSource, inventory, events, ZoneId.of("Europe/Paris"), clock, null,
                Runnable::run);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void inventoryChanged(String udid, String site) {
        service.handleEvent(new Event(InventoryTopics.CHANGED,
                Map.of(InventoryTopics.UDID, udid, InventoryTopics.SITE, site)));
    }

    @Test
    void aSmartGroupsMembersAreComputedFromItsCollegesInventoryWhenCreated() {
        Group low = service.create(RNE, RNE + " batterie < 60", GroupType.SMART, List.of(LOW_BATTERY), true);

        assertEquals(Set.of("S1"), service.members(RNE, low.id()), "X1 is as low, but of another college");
        assertEquals(List.of(new Posted(RNE, low.id(), Set.of("S1"), Set.of())), events.take());
        assertEquals(low, service.find(low.id()).orElseThrow(), "found by id alone, with its college");
        assertEquals(List.of(low), service.groupsOf(RNE, "S1"));
        assertEquals(List.of(), service.groupsOf(RNE, "S2"));
    }

    @Test
    void valuesAreReadWithTheTypesTheCriteriaExpect() {
        assertEquals(Set.of(), InventoryDeviceView.unmapped(), "every catalogue field comes from the inventory");
        inventory.put("S1", RNE, Map.of(InventoryField.ROLE, DeviceRole.STUDENT_SHARED,
                InventoryField.OS_VERSION, "17.4.1", InventoryField.LAST_INVENTORY,
                clock.instant().minus(Duration.ofHours(1)), InventoryField.SUPERVISED, true));
        inventory.apps("S1", app("com.apple.Pages", true), app("fr.ent.app", false));
        inventory.put("S2", RNE, Map.of(InventoryField.ROLE, DeviceRole.STUDENT_SHARED,
                InventoryField.OS_VERSION, "17.10", InventoryField.SUPERVISED, true));
        inventory.apps("S2", app("com.apple.Pages", true));

        Group group = service.create(RNE, RNE + " élèves", GroupType.SMART, List.of(
                Criterion.of(InventoryFields.ROLE, Operator.IS, "student_shared"),
                Criterion.of(InventoryFields.OS_VERSION, Operator.LESS_THAN, "17.5"),
                Criterion.of(InventoryFields.LAST_INVENTORY, Operator.LESS_THAN_DAYS_AGO, "1"),
                Criterion.of(InventoryFields.SUPERVISED, Operator.IS, "oui"),
                Criterion.of(InventoryFields.APP, Operator.HAS_APP, "com.apple.Pages"),
                Criterion.of(InventoryFields.APP, Operator.HAS_NOT_APP, "fr.ent.app")), false);

        assertEquals(Set.of("S1"), service.members(RNE, group.id()),
                "S2: 17.10 is after 17.5 as versions, and no inventory date; an app being installed is not installed");
    }

    @Test
    void aBatteryDropMovesTheDeviceInAndPostsItOnce() {
        Group low = service.create(RNE, RNE + " batterie < 60", GroupType.SMART, List.of(LOW_BATTERY), false);
        events.take();

        inventory.put("S2", RNE, Map.of(InventoryField.BATTERY_LEVEL, 55L));
        inventoryChanged("S2", RNE);
        assertEquals(Set.of("S1", "S2"), service.members(RNE, low.id()));
        assertEquals(List.of(new Posted(RNE, low.id(), Set.of("S2"), Set.of())), events.take());

        inventory.put("S2", RNE, Map.of(InventoryField.BATTERY_LEVEL, 50L));
        inventoryChanged("S2", RNE);
        assertEquals(List.of(), events.take(), "still low: nothing to announce");

        inventory.put("S1", RNE, Map.of(InventoryField.BATTERY_LEVEL, 100L));
        inventoryChanged("S1", RNE);
        assertEquals(List.of(new Posted(RNE, low.id(), Set.of(), Set.of("S1"))), events.take());
        assertEquals(1, inventory.collegeReads, "only the creation read the whole college");

        assertEquals(Set.of("S2"), start().members(RNE, low.id()), "the changes were saved");
    }

    @Test
    void aDeviceOfAnotherCollegeOrUnknownIsRefusedAndNothingChanges() {
        Group cart = service.create(RNE, "Chariot 1", GroupType.STATIC, List.of(), false);
        service.addMembers(RNE, cart.id(), List.of("S1"));
        assertEquals(List.of(new Posted(RNE, cart.id(), Set.of("S1"), Set.of())), events.take());

        InvalidGroupException refused = assertThrows(InvalidGroupException.class,
                () -> service.addMembers(RNE, cart.id(), List.of("S2", "X1", "NOPE")));
        assertEquals(List.of("L'appareil « X1 » n'est pas un appareil du collège 0310001A.",
                "L'appareil « NOPE » n'est pas un appareil du collège 0310001A."), refused.problems());
        assertEquals(Set.of("S1"), service.members(RNE, cart.id()), "S2 was not added either");
        assertEquals(Set.of("S1"), start().members(RNE, cart.id()));
        assertEquals(List.of(), events.take());

        assertThrows(GroupNotFoundException.class, () -> service.addMembers(OTHER, cart.id(), List.of("X1")),
                "another college's group reads as missing");
    }

    @Test
    void deletingAGroupPostsThatEveryMemberLeft() {
        Group cart = service.create(RNE, "Chariot 1", GroupType.STATIC, List.of(), false);
        service.addMembers(RNE, cart.id(), List.of("S1", "S2"));
        events.take();

        service.delete(RNE, cart.id());

        assertEquals(List.of(new Posted(RNE, cart.id(), Set.of(), Set.of("S1", "S2"))), events.take());
        assertTrue(service.find(cart.id()).isEmpty());
        assertEquals(List.of(), service.groupsOf(RNE, "S1"));
        assertThrows(GroupNotFoundException.class, () -> service.members(RNE, cart.id()));
    }

    @Test
    void aMemberOfCriterionFollowsTheStaticGroupItNames() {
        Group teachers = service.create(RNE, "Profs", GroupType.STATIC, List.of(), false);
        Group lowStudents = service.create(RNE, RNE + " batterie faible élèves", GroupType.SMART, List.of(LOW_BATTERY,
                Criterion.of(InventoryFields.GROUP, Operator.NOT_MEMBER_OF, Long.toString(teachers.id()))), false);
        assertEquals(Set.of("S1"), service.members(RNE, lowStudents.id()));
        events.take();

        service.addMembers(RNE, teachers.id(), List.of("S1"));
        assertEquals(Set.of(), service.members(RNE, lowStudents.id()));
        assertEquals(List.of(new Posted(RNE, teachers.id(), Set.of("S1"), Set.of()),
                new Posted(RNE, lowStudents.id(), Set.of(), Set.of("S1"))), events.take());

        service.removeMembers(RNE, teachers.id(), List.of("S1", "S2"));
        assertEquals(Set.of("S1"), service.members(RNE, lowStudents.id()));
        assertEquals(List.of(new Posted(RNE, teachers.id(), Set.of(), Set.of("S1")),
                new Posted(RNE, lowStudents.id(), Set.of("S1"), Set.of())), events.take());

        InvalidGroupException inUse = assertThrows(InvalidGroupException.class,
                () -> service.delete(RNE, teachers.id()));
        assertTrue(inUse.getMessage().contains("utilisé dans les critères"), inUse.getMessage());
        assertEquals(List.of(), events.take());
    }

    @Test
    void changingCriteriaRecomputesTheGroupAndBadCriteriaChangeNothing() {
        Group low = service.create(RNE, RNE + " batterie", GroupType.SMART, List.of(LOW_BATTERY), false);
        events.take();
        int reads = inventory.collegeReads;

        assertThrows(InvalidGroupException.class, () -> service.changeCriteria(RNE, low.id(),
                List.of(Criterion.of("batterie", Operator.LESS_THAN, "60"))));
        assertThrows(InvalidGroupException.class, () -> service.create(RNE, "sans RNE", GroupType.SMART,
                List.of(LOW_BATTERY), false));
        assertEquals(reads, inventory.collegeReads, "bad input is refused before the inventory is read");
        assertEquals(List.of(low), service.list(RNE));

        service.changeCriteria(RNE, low.id(),
                List.of(Criterion.of(InventoryFields.BATTERY_LEVEL, Operator.MORE_THAN, "60")));
        assertEquals(Set.of("S2"), service.members(RNE, low.id()));
        assertEquals(List.of(new Posted(RNE, low.id(), Set.of("S2"), Set.of("S1"))), events.take());
    }

    @Test
    void aRestartKeepsTheMembersAndAnnouncesNothing() {
        Group low = service.create(RNE, RNE + " batterie < 60", GroupType.SMART, List.of(LOW_BATTERY), true);
        Group cart = service.create(RNE, "Chariot 1", GroupType.STATIC, List.of(), false);
        service.addMembers(RNE, cart.id(), List.of("S2"));
        Group other = service.create(OTHER, OTHER + " tous", GroupType.SMART, List.of(), false);
        events.take();

        service = start();
        service.recomputeSmartGroups(false);
        inventoryChanged("S1", RNE);

        assertEquals(Set.of("S1"), service.members(RNE, low.id()));
        assertEquals(Set.of("S2"), service.members(RNE, cart.id()));
        assertEquals(Set.of("X1"), service.members(OTHER, other.id()));
        assertEquals(List.of(), events.take(), "nothing changed while stopped");
    }

    @Test
    void criteriaOnTheClockAreRecomputedWithoutAnyInventoryEvent() {
        inventory.put("S1", RNE, Map.of(InventoryField.BATTERY_LEVEL, 40L,
                InventoryField.LAST_INVENTORY, clock.instant().minus(Duration.ofDays(3))));
        Group silent = service.create(RNE, RNE + " muets", GroupType.SMART, List.of(
                Criterion.of(InventoryFields.LAST_INVENTORY, Operator.MORE_THAN_DAYS_AGO, "7")), false);
        Group low = service.create(RNE, RNE + " batterie < 60", GroupType.SMART, List.of(LOW_BATTERY), false);
        assertEquals(Set.of(), service.members(RNE, silent.id()));
        events.take();

        clock.advance(Duration.ofDays(5));
        inventory.put("S2", RNE, Map.of(InventoryField.BATTERY_LEVEL, 10L));
        service.recomputeSmartGroups(true);

        assertEquals(List.of(new Posted(RNE, silent.id(), Set.of("S1"), Set.of())), events.take());
        assertEquals(Set.of("S1"), service.members(RNE, low.id()),
                "a group on the battery waits for the device's event");
    }

    /** A clock the test moves forward. */
}
