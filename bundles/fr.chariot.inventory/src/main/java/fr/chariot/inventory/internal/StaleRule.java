package fr.chariot.inventory.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Which devices are stale at one moment: those without a successful inventory, or whose last one is before their
 * college's limit (its own threshold when a technician set one, else the configured default).
 *
 * @param defaultBefore the limit of colleges on the default threshold
 * @param beforeBySite  the limit of each college with its own threshold, by RNE
 */
record StaleRule(Instant defaultBefore, Map<String, Instant> beforeBySite) {

    StaleRule {
        Objects.requireNonNull(defaultBefore, "defaultBefore");
        beforeBySite = Map.copyOf(beforeBySite);
    }

    /** The same limit for every college. */
    static StaleRule uniform(Instant before) {
        return new StaleRule(before, Map.of());
    }

    Instant before(String site) {
        return beforeBySite.getOrDefault(site, defaultBefore);
    }

    boolean isStale(String site, Instant lastInventory) {
        return lastInventory == null || lastInventory.isBefore(before(site));
    }
}
