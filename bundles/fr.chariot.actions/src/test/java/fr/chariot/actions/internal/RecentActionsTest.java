package fr.chariot.actions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.actions.api.ActionReport;
import fr.chariot.actions.api.ActionRequest;
import fr.chariot.actions.api.ActionType;
import fr.chariot.api.DeviceId;
import fr.chariot.persistence.internal.MutableClock;
import fr.chariot.persistence.internal.TestDerby;

/** {@code DeviceActions.recent}: the console's list of the actions on a user's colleges. */
class RecentActionsTest {

    private static final String PARIS = "0751234A";
    private static final String LYON = "0691234B";

    @TempDir
    Path folder;

    private TestDerby derby;
    private final Fakes.FakeInventory inventory = new Fakes.FakeInventory();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-10T08:00:00Z"));
    private GroupActions actions;
    private DeviceId paris;
    private DeviceId lyon;

    @BeforeEach
    void setUp() throws Exception {
        derby = new TestDerby(folder, "act");
        actions = new GroupActions(new ActionStore(derby.dataSource), new Fakes.Queue(), new Fakes.History(),
                inventory, clock, Duration.ofDays(90));
        paris = inventory.add("00008030-0001", PARIS, true, true);
        lyon = inventory.add("00008030-0002", LYON, true, true);
    }

    @AfterEach
    void tearDown() {
        derby.close();
    }

    private long start(DeviceId... devices) {
        clock.advance(Duration.ofMinutes(1));
        return actions.start(new ActionRequest(ActionType.RESTART, List.of(devices), Optional.empty(), "tech")).id();
    }

    private List<Long> recent(Optional<Set<String>> sites, int limit) {
        return actions.recent(sites, limit).stream().map(ActionReport::id).toList();
    }

    @Test
    void newestFirstAndOnlyActionsWithADeviceOfTheCollegesAsked() {
        long onParis = start(paris);
        long onLyon = start(lyon);
        long onBoth = start(lyon, paris);
        long onUnknown = start(new DeviceId("00008030-0009"));

        assertEquals(List.of(onBoth, onParis), recent(Optional.of(Set.of(PARIS)), 10));
        assertEquals(List.of(onBoth, onLyon, onParis), recent(Optional.of(Set.of(PARIS, LYON)), 10));
        assertEquals(List.of(onUnknown, onBoth, onLyon, onParis), recent(Optional.empty(), 10),
                "every action, even on devices nobody's college holds");
        assertEquals(List.of(), recent(Optional.of(Set.of()), 10));
        assertEquals(2, actions.recent(Optional.of(Set.of(PARIS)), 10).get(0).devices().size(),
                "whole reports: the caller filters the devices");
    }

    @Test
    void theLimitKeepsTheNewest() {
        start(paris);
        long second = start(paris);
        long third = start(paris);

        assertEquals(List.of(third, second), recent(Optional.of(Set.of(PARIS)), 2));
        assertThrows(IllegalArgumentException.class, () -> actions.recent(Optional.empty(), 0));
    }
}
