package fr.chariot.webconsole.api;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named set of devices the inventory screen can be opened on ({@code /console/inventory?in=<kind>:<id>}): a
 * group's members, the devices a profile is pending on, … Registered as an OSGi service by the feature that knows
 * the set.
 */
public interface DeviceSelection {

    /** The prefix of the selection's ids: lower-case letters, e.g. {@code group}. */
    String kind();

    /**
     * The devices of one set, as the user may see them.
     *
     * @param id what follows {@code <kind>:}
     * @return empty when the set does not exist or belongs to a college the user does not see
     */
    Optional<Selected> select(ConsoleUser user, String id);

    /**
     * A set of devices.
     *
     * @param label what the inventory screen says it shows, in the user's language (e.g. « Groupe RNE batterie »)
     * @param site  the college the set belongs to
     * @param udids its devices
     */
    record Selected(String label, String site, Set<String> udids) {
        public Selected {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(site, "site");
            udids = Set.copyOf(udids);
        }
    }
}
