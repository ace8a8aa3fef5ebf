package fr.chariot.groups.internal;

import static fr.chariot.groups.api.InventoryFields.*;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.Join;
import fr.chariot.groups.api.Operator;
import fr.chariot.groups.internal.criteria.CriteriaCompiler;

/**
 * Prints the two figures for smart groups (not a test: nothing is asserted on time):
 * <ol>
 * <li>one inventory report re-evaluating a college's 100 smart groups (target: under 1 ms);</li>
 * <li>a full recompute of one smart group over 50,000 devices (target: under 500 ms).</li>
 * </ol>
 * Run: {@code java -cp target/classes:target/test-classes fr.chariot.groups.internal.GroupsBench}
 */
public final class GroupsBench {

    private static final String RNE = "0310001A";
    private static final Random RANDOM = new Random(42);
    private static final Instant NOW = Instant.parse("2025-10-15T10:00:00Z");

    public static void main(String[] args) {
        Memberships memberships = new Memberships(Clock.systemUTC(), new CriteriaCompiler(ZoneId.of("Europe/Paris")));
        List<TestDevice> devices = new ArrayList<>(50_000);
        for (int k = 0; k < 50_000; k++) {
            devices.add(device(k));
        }
        List<Group> groups = groups();
        memberships.load(RNE, groups, Map.of(1L, Set.of("D-1", "D-2")));

        System.out.println("Groups benchmark: 100 smart groups (text, numbers, versions, dates, booleans, role, apps, "
                + "member-of; AND/OR) + 1 static group, 50,000 devices, JVM " + System.getProperty("java.version"));

        // 1. incremental: one device's report against every smart group of its college
        int reports = 200_000;
        long[] nanos = new long[reports];
        int changes = 0;
        // first round warms the JIT up and moves every device into its groups; the second is measured and also
        // changes memberships, since every fifth report has a new battery level
        for (int round = 0; round < 2; round++) {
            changes = 0;
            for (int k = 0; k < reports; k++) {
                if (k % 5 == 0) {
                    devices.get(k % devices.size()).with(BATTERY_LEVEL, RANDOM.nextInt(101));
                }
                TestDevice device = devices.get(k % devices.size());
                long start = System.nanoTime();
                changes += memberships.deviceChanged(RNE, device).size();
                nanos[k] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("one inventory report, 100 smart groups: median %.1f µs, p99 %.1f µs, p99.9 %.1f µs, "
                + "max %.1f µs (%d reports, %d membership changes)%n", nanos[reports / 2] / 1e3,
                nanos[reports * 99 / 100] / 1e3, nanos[reports * 999 / 1000] / 1e3, nanos[reports - 1] / 1e3,
                reports, changes);

        // 2. full recompute of one group over 50,000 devices: a name pattern and a number, most devices match
        long heaviest = 101;
        long[] full = new long[30];
        for (int round = 0; round < full.length; round++) {
            // alternate criteria outcomes so every round really moves members in and out
            memberships.load(RNE, groups, round % 2 == 0 ? Map.of() : Map.of(heaviest, Set.of("X")));
            long start = System.nanoTime();
            memberships.recompute(RNE, heaviest, devices);
            full[round] = System.nanoTime() - start;
        }
        long[] measured = Arrays.copyOfRange(full, 10, full.length);
        Arrays.sort(measured);
        System.out.printf("full recompute of one smart group over 50,000 devices: median %.1f ms, max %.1f ms "
                + "(%d members)%n", measured[measured.length / 2] / 1e6, measured[measured.length - 1] / 1e6,
                memberships.count(RNE, heaviest));
    }

    private static TestDevice device(int k) {
        TestDevice device = new TestDevice("D-" + k)
                .with(BATTERY_LEVEL, RANDOM.nextInt(101))
                .with(CAPACITY_MB, 65_536)
                .with(AVAILABLE_CAPACITY_MB, RANDOM.nextInt(60_000))
                .with(OS_VERSION, "17." + RANDOM.nextInt(7) + "." + RANDOM.nextInt(3))
                .with(NAME, RNE + "-2024-DMPXK" + k)
                .with(SERIAL_NUMBER, "DMPXK" + k)
                .with(MODEL, "iPad (9th generation)")
                .with(ROLE, k % 10 == 0 ? ROLE_TEACHER_SHARED : ROLE_STUDENT_SHARED)
                .with(SUPERVISED, true)
                .with(SHARED_IPAD, k % 10 != 0)
                .with(STALE, k % 50 == 0)
                .with(LAST_INVENTORY, NOW.minusSeconds(RANDOM.nextInt(30 * 86_400)));
        return k % 3 == 0 ? device.apps("com.apple.Pages", "fr.lumni.app") : device.apps("com.apple.Pages");
    }

    /** Group 1 is static; 2..101 are smart, a tenth of them naming an earlier group. */
    private static List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        groups.add(new Group(1, RNE, "Profs", GroupType.STATIC, List.of(), false));
        Map<Integer, List<Criterion>> shapes = new HashMap<>();
        shapes.put(0, List.of(Criterion.of(BATTERY_LEVEL, Operator.LESS_THAN, "60")));
        shapes.put(1, List.of(Criterion.of(OS_VERSION, Operator.LESS_THAN, "17.4.1"),
                Criterion.of(SUPERVISED, Operator.IS, "oui")));
        shapes.put(2, List.of(Criterion.of(NAME, Operator.LIKE, RNE + "-2024-*"),
                Criterion.of(AVAILABLE_CAPACITY_MB, Operator.MORE_THAN, "2048")));
        shapes.put(3, List.of(Criterion.of(LAST_INVENTORY, Operator.MORE_THAN_DAYS_AGO, "7"),
                new Criterion(STALE, Operator.IS, "true", Join.OR)));
        shapes.put(4, List.of(Criterion.of(ROLE, Operator.IS, ROLE_STUDENT_SHARED),
                Criterion.of(APP, Operator.HAS_NOT_APP, "fr.lumni.app")));
        shapes.put(5, List.of(Criterion.of(BATTERY_LEVEL, Operator.MORE_THAN, "60"),
                Criterion.of(AVAILABLE_CAPACITY_MB, Operator.MORE_THAN, "2048"),
                Criterion.of(OS_VERSION, Operator.LESS_THAN, "17.0.1"),
                Criterion.of(GROUP, Operator.NOT_MEMBER_OF, "1")));
        shapes.put(6, List.of(Criterion.of(MODEL, Operator.IS, "iPad (9th generation)"),
                Criterion.of(SERIAL_NUMBER, Operator.NOT_LIKE, "*K1?")));
        shapes.put(7, List.of(Criterion.of(LAST_INVENTORY, Operator.AFTER, "2025-10-01"),
                Criterion.of(SHARED_IPAD, Operator.IS, "non")));
        shapes.put(8, List.of(Criterion.of(OS_VERSION, Operator.MORE_OR_EQUAL, "17.2"),
                new Criterion(NAME, Operator.LIKE, "*prof*", Join.OR),
                Criterion.of(BATTERY_LEVEL, Operator.LESS_OR_EQUAL, "20")));
        for (int id = 2; id <= 101; id++) {
            List<Criterion> criteria = new ArrayList<>(shapes.get(id % 9));
            if (id % 10 == 0 && id > 2) {
                criteria.add(Criterion.of(GROUP, Operator.MEMBER_OF, Integer.toString(id - 1)));
            }
            groups.add(new Group(id, RNE, RNE + " groupe " + id, GroupType.SMART, criteria, false));
        }
        return groups;
    }
}
