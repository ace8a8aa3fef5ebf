package fr.chariot.groups.internal.criteria;

import java.time.Instant;

import fr.chariot.groups.api.InventoryView;

/**
 * A smart group's criteria, ready to test devices: an OR of ANDs, because AND binds tighter than OR
 * ({@code a OR b AND c} = {@code a OR (b AND c)}). No criteria at all match every device.
 */
public final class CompiledCriteria {

    private final Condition[][] anyOf;
    private final long[] referencedGroups;

    CompiledCriteria(Condition[][] anyOf, long[] referencedGroups) {
        this.anyOf = anyOf;
        this.referencedGroups = referencedGroups;
    }

    /** @param now the instant of this recompute, for "N days ago" */
    public boolean matches(InventoryView device, Instant now) {
        for (Condition[] allOf : anyOf) {
            if (allMatch(allOf, device, now)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allMatch(Condition[] allOf, InventoryView device, Instant now) {
        for (Condition condition : allOf) {
            if (!condition.test(device, now)) {
                return false;
            }
        }
        return true;
    }

    /** @return the ids of the groups named by member-of / not-member-of criteria */
    public long[] referencedGroups() {
        return referencedGroups.clone();
    }
}
