package fr.chariot.groups.internal;

import static fr.chariot.groups.api.InventoryFields.BATTERY_LEVEL;
import static fr.chariot.groups.api.InventoryFields.GROUP;
import static fr.chariot.groups.api.InventoryFields.LAST_INVENTORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupNotFoundException;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.MembershipChange;
import fr.chariot.groups.api.Operator;
import fr.chariot.groups.internal.criteria.CriteriaCompiler;

class MembershipsTest {

    private static final String RNE = "0310001A";
    private static final String OTHER = "0310002B";
    private static final Instant NOW = Instant.parse("2025-10-15T10:00:00Z");

    private final Memberships memberships = new Memberships(Clock.fixed(NOW, ZoneOffset.UTC),
            new CriteriaCompiler(ZoneId.of("Europe/Paris")));

    // 3 "low battery" is declared after 4, which depends on it: the order must come from the links, not the list
    private final Group teachers = new Group(1, RNE, "Profs", GroupType.STATIC, List.of(), false);
    private final Group lowNotTeacher = new Group(4, RNE, RNE + " batterie faible élèves", GroupType.SMART, List.of(
            Criterion.of(GROUP, Operator.MEMBER_OF, "3"),
            Criterion.of(GROUP, Operator.NOT_MEMBER_OF, "1")), false);
    private final Group low = new Group(3, RNE, RNE + " batterie < 60", GroupType.SMART, List.of(
            Criterion.of(BATTERY_LEVEL, Operator.LESS_THAN, "60")), false);

    private void loadDefault() {
        memberships.load(RNE, List.of(teachers, lowNotTeacher, low), Map.of(1L, Set.of("T1")));
    }

    @Test
    void aBatteryDropMovesTheDeviceInAndDependentGroupsFollowInTheSamePass() {
        loadDefault();
        assertEquals(List.of(), memberships.deviceChanged(RNE, new TestDevice("S1").with(BATTERY_LEVEL, 80)));

        List<MembershipChange> changes = memberships.deviceChanged(RNE, new TestDevice("S1").with(BATTERY_LEVEL, 40));
        assertEquals(List.of(new MembershipChange(RNE, 3, Set.of("S1"), Set.of()),
                new MembershipChange(RNE, 4, Set.of("S1"), Set.of())), changes);

        assertEquals(List.of(), memberships.deviceChanged(RNE, new TestDevice("S1").with(BATTERY_LEVEL, 30)),
                "still low: no change announced");
        assertEquals(List.of(new MembershipChange(RNE, 3, Set.of("T1"), Set.of())),
                memberships.deviceChanged(RNE, new TestDevice("T1").with(BATTERY_LEVEL, 30)),
                "a teacher iPad enters 'low' but not 'low, not teacher'");

        assertEquals(List.of(new MembershipChange(RNE, 3, Set.of(), Set.of("S1")),
                new MembershipChange(RNE, 4, Set.of(), Set.of("S1"))),
                memberships.deviceChanged(RNE, new TestDevice("S1").with(BATTERY_LEVEL, 90)));
        assertEquals(Set.of("T1"), memberships.members(RNE, 3));
        assertEquals(1, memberships.count(RNE, 1));
    }

    @Test
    void onlyTheDevicesCollegeIsEvaluated() {
        loadDefault();
        memberships.load(OTHER, List.of(new Group(9, OTHER, OTHER + " batterie", GroupType.SMART,
                List.of(Criterion.of(BATTERY_LEVEL, Operator.LESS_THAN, "60")), false)), Map.of());
        memberships.deviceChanged(RNE, new TestDevice("S1").with(BATTERY_LEVEL, 10));
        assertEquals(Set.of(), memberships.members(OTHER, 9));
        assertThrows(GroupNotFoundException.class, () -> memberships.members(OTHER, 3));
        assertEquals(List.of(), memberships.deviceChanged("0310003C", new TestDevice("S1")),
                "a college without groups");
    }

    @Test
    void recomputeAGroupAndThenItsDependents() {
        memberships.load(RNE, List.of(teachers, lowNotTeacher, low), Map.of(1L, Set.of("T1"), 3L, Set.of("GONE")));
        List<TestDevice> devices = List.of(new TestDevice("S1").with(BATTERY_LEVEL, 10),
                new TestDevice("S2").with(BATTERY_LEVEL, 70), new TestDevice("T1").with(BATTERY_LEVEL, 20));

        List<MembershipChange> changes = memberships.recompute(RNE, 3, devices);

        assertEquals(List.of(new MembershipChange(RNE, 3, Set.of("S1", "T1"), Set.of("GONE")),
                new MembershipChange(RNE, 4, Set.of("S1"), Set.of())), changes);
        assertEquals(List.of(), memberships.recompute(RNE, 3, devices), "nothing changed since");
        assertThrows(GroupNotFoundException.class, () -> memberships.recompute(RNE, 99, devices));
    }

    @Test
    void aChangeOfStaticMembersIsFollowedByTheGroupsThatNameIt() {
        loadDefault();
        List<TestDevice> devices = List.of(new TestDevice("S1").with(BATTERY_LEVEL, 10));
        memberships.recompute(RNE, 3, devices);
        assertEquals(Set.of("S1"), memberships.members(RNE, 4));

        memberships.load(RNE, List.of(teachers, lowNotTeacher, low),
                Map.of(1L, Set.of("T1", "S1"), 3L, Set.of("S1"), 4L, Set.of("S1")));
        assertEquals(List.of(new MembershipChange(RNE, 4, Set.of(), Set.of("S1"))),
                memberships.recompute(RNE, 1, devices));
    }

    @Test
    void moreThanNDaysAgoUsesTheInjectedClock() {
        memberships.load(RNE, List.of(new Group(5, RNE, RNE + " périmés", GroupType.SMART,
                List.of(Criterion.of(LAST_INVENTORY, Operator.MORE_THAN_DAYS_AGO, "7")), false)), Map.of());
        memberships.deviceChanged(RNE, new TestDevice("OLD").with(LAST_INVENTORY, NOW.minusSeconds(8 * 86_400)));
        memberships.deviceChanged(RNE, new TestDevice("NEW").with(LAST_INVENTORY, NOW.minusSeconds(6 * 86_400)));
        assertEquals(Set.of("OLD"), memberships.members(RNE, 5));
    }

    @Test
    void aRemovedDeviceLeavesEveryGroup() {
        loadDefault();
        memberships.deviceChanged(RNE, new TestDevice("T1").with(BATTERY_LEVEL, 10));
        List<MembershipChange> changes = memberships.deviceRemoved(RNE, "T1");
        assertEquals(Set.of(new MembershipChange(RNE, 1, Set.of(), Set.of("T1")),
                new MembershipChange(RNE, 3, Set.of(), Set.of("T1"))), Set.copyOf(changes));
    }
}
