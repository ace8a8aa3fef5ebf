package fr.chariot.webconsole.api;

import fr.chariot.api.DeviceId;
import java.util.Optional;

/**
 * A section of a device's page (« inventaire particulier »), contributed by a feature: the groups the device is
 * in, the commands a technician may send, … Registered as an OSGi service; the device page shows each panel in its
 * {@link #tab()} by {@link #order()}.
 */
public interface DevicePanel {

    /** The tab the section belongs to. */
    DeviceTab tab();

    /** Rank within the tab, smallest first. */
    int order();

    /**
     * The section for this device; empty when the feature has nothing to say about it. Called only after the
     * device page checked the user sees the device's college.
     *
     * @param site the device's college (RNE)
     */
    Optional<Section> section(ConsoleUser user, DeviceId device, String site);
}
