package fr.chariot.groups.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupNotFoundException;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.InvalidGroupException;
import fr.chariot.groups.api.InventoryFields;
import fr.chariot.groups.api.Join;
import fr.chariot.groups.api.MembershipChange;
import fr.chariot.groups.api.Operator;
import fr.chariot.groups.internal.criteria.CriteriaCompiler;
import fr.chariot.groups.internal.criteria.GroupValidator;
import fr.chariot.persistence.internal.TestDerby;

class JdbcGroupStoreTest {

    private static final String RNE = "0310001A";
    private static final String OTHER = "0310002B";
    private static final Criterion LOW_BATTERY = Criterion.of(InventoryFields.BATTERY_LEVEL, Operator.LESS_THAN, "60");

    @TempDir
    Path folder;
    private TestDerby database;
    private GroupStore store;

    @BeforeEach
    void open() throws Exception {
        database = new TestDerby(folder, "grp");
        store = new JdbcGroupStore(database.dataSource,
                new GroupValidator(new CriteriaCompiler(ZoneId.of("Europe/Paris"))),
                Clock.fixed(Instant.parse("2025-10-15T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void createsFindsAndListsByCollege() {
        Group smart = store.create(" 0310001a ", "0310001A batterie faible", GroupType.SMART, List.of(LOW_BATTERY,
                new Criterion(InventoryFields.OS_VERSION, Operator.LESS_THAN, "17.4", Join.OR)), true);
        Group chariot = store.create(RNE, "  Chariot 1 ", GroupType.STATIC, List.of(), false);
        store.create(OTHER, "Chariot 1", GroupType.STATIC, List.of(), false);

        assertEquals(RNE, smart.site());
        assertEquals("Chariot 1", chariot.name());
        assertEquals(smart, store.find(RNE, smart.id()).orElseThrow(), "criteria, order and joins survive");
        assertEquals(List.of(smart, chariot), store.list(RNE), "sorted by name");
        assertEquals(1, store.list(OTHER).size());
    }

    @Test
    void anotherCollegesGroupIsNotFound() {
        Group chariot = store.create(RNE, "Chariot 1", GroupType.STATIC, List.of(), false);
        long id = chariot.id();
        assertTrue(store.find(OTHER, id).isEmpty());
        assertThrows(GroupNotFoundException.class, () -> store.rename(OTHER, id, "pris"));
        assertThrows(GroupNotFoundException.class, () -> store.delete(OTHER, id));
        assertThrows(GroupNotFoundException.class, () -> store.addMembers(OTHER, id, List.of("UDID-1")));
        assertThrows(GroupNotFoundException.class, () -> store.members(OTHER, id));
        assertThrows(GroupNotFoundException.class, () -> store.showOnDashboard(OTHER, id, true));
        assertEquals(chariot, store.find(RNE, id).orElseThrow(), "nothing changed");
    }

    @Test
    void refusedChangesChangeNothing() {
        Group smart = store.create(RNE, RNE + " batterie", GroupType.SMART, List.of(LOW_BATTERY), false);
        InvalidGroupException e = assertThrows(InvalidGroupException.class,
                () -> store.rename(RNE, smart.id(), "batterie"));
        assertTrue(e.getMessage().startsWith("Le nom d'un groupe intelligent doit contenir le RNE"));
        assertThrows(InvalidGroupException.class, () -> store.changeCriteria(RNE, smart.id(),
                List.of(Criterion.of(InventoryFields.BATTERY_LEVEL, Operator.LESS_THAN, "abc"))));
        assertThrows(InvalidGroupException.class,
                () -> store.create(RNE, RNE + " BATTERIE", GroupType.SMART, List.of(), false));
        assertEquals(List.of(smart), store.list(RNE));
    }

    @Test
    void renamesChangesCriteriaAndDashboard() {
        Group smart = store.create(RNE, RNE + " batterie", GroupType.SMART, List.of(LOW_BATTERY), false);
        store.rename(RNE, smart.id(), RNE + " batterie < 60 %");
        List<Criterion> criteria = List.of(Criterion.of(InventoryFields.BATTERY_LEVEL, Operator.LESS_THAN, "30"),
                Criterion.of(InventoryFields.SUPERVISED, Operator.IS, "oui"));
        store.changeCriteria(RNE, smart.id(), criteria);
        store.showOnDashboard(RNE, smart.id(), true);
        assertEquals(new Group(smart.id(), RNE, RNE + " batterie < 60 %", GroupType.SMART, criteria, true),
                store.find(RNE, smart.id()).orElseThrow());
    }

    @Test
    void refusesACycleThroughAnUpdate() {
        Group a = store.create(RNE, RNE + " A", GroupType.SMART, List.of(LOW_BATTERY), false);
        Group b = store.create(RNE, RNE + " B", GroupType.SMART,
                List.of(Criterion.of(InventoryFields.GROUP, Operator.MEMBER_OF, Long.toString(a.id()))), false);
        InvalidGroupException e = assertThrows(InvalidGroupException.class, () -> store.changeCriteria(RNE, a.id(),
                List.of(Criterion.of(InventoryFields.GROUP, Operator.NOT_MEMBER_OF, Long.toString(b.id())))));
        assertTrue(e.getMessage().contains("boucle : « 0310001A A » → « 0310001A B » → « 0310001A A »"),
                e.getMessage());
        assertEquals(a, store.find(RNE, a.id()).orElseThrow());
    }

    @Test
    void aGroupNamedByAnotherGroupCannotBeDeleted() {
        Group teachers = store.create(RNE, "Profs", GroupType.STATIC, List.of(), false);
        Group students = store.create(RNE, RNE + " élèves", GroupType.SMART,
                List.of(Criterion.of(InventoryFields.GROUP, Operator.NOT_MEMBER_OF, Long.toString(teachers.id()))),
                false);
        InvalidGroupException e = assertThrows(InvalidGroupException.class, () -> store.delete(RNE, teachers.id()));
        assertEquals("Le groupe « Profs » ne peut pas être supprimé : il est utilisé dans les critères de "
                + "« 0310001A élèves ». Retirez d'abord ces critères.", e.getMessage());

        store.delete(RNE, students.id());
        store.delete(RNE, teachers.id());
        assertEquals(List.of(), store.list(RNE));
    }

    @Test
    void staticMembers() {
        Group chariot = store.create(RNE, "Chariot 1", GroupType.STATIC, List.of(), false);
        store.addMembers(RNE, chariot.id(), List.of("UDID-1", "UDID-2"));
        store.addMembers(RNE, chariot.id(), List.of("UDID-2", "UDID-3"));
        store.removeMembers(RNE, chariot.id(), List.of("UDID-1", "UDID-9"));
        assertEquals(Set.of("UDID-2", "UDID-3"), store.members(RNE, chariot.id()));

        InvalidGroupException bad = assertThrows(InvalidGroupException.class,
                () -> store.addMembers(RNE, chariot.id(), List.of("UDID-4", "<script>")));
        assertEquals("« <script> » n'est pas l'identifiant (UDID) d'un appareil.", bad.getMessage());
        assertEquals(Set.of("UDID-2", "UDID-3"), store.members(RNE, chariot.id()), "nothing added");

        Group smart = store.create(RNE, RNE + " batterie", GroupType.SMART, List.of(LOW_BATTERY), false);
        assertThrows(InvalidGroupException.class, () -> store.addMembers(RNE, smart.id(), List.of("UDID-1")));
    }

    @Test
    void smartMembersAsComputed() {
        Group smart = store.create(RNE, RNE + " batterie", GroupType.SMART, List.of(LOW_BATTERY), false);
        Group chariot = store.create(RNE, "Chariot 1", GroupType.STATIC, List.of(), false);
        store.addMembers(RNE, chariot.id(), List.of("UDID-9"));

        store.saveChanges(List.of(new MembershipChange(RNE, smart.id(), Set.of("UDID-1", "UDID-2"), Set.of())));
        store.saveChanges(List.of(new MembershipChange(RNE, smart.id(), Set.of("UDID-2", "UDID-3"), Set.of("UDID-1")),
                new MembershipChange(OTHER, smart.id(), Set.of("FORGED"), Set.of()),
                new MembershipChange(RNE, chariot.id(), Set.of("NOT-BY-HAND"), Set.of()))); // ignored: wrong site, static

        assertEquals(Set.of("UDID-2", "UDID-3"), store.members(RNE, smart.id()));
        assertEquals(Map.of(smart.id(), Set.of("UDID-2", "UDID-3"), chariot.id(), Set.of("UDID-9")),
                store.members(RNE));
        assertEquals(Map.of(), store.members(OTHER));

        store.delete(RNE, smart.id());
        assertFalse(store.members(RNE).containsKey(smart.id()), "members go with their group");
    }
}
