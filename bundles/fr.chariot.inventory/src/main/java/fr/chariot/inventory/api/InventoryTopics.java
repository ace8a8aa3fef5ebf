package fr.chariot.inventory.api;

/** EventAdmin topics posted by the inventory, after the change is committed. */
public final class InventoryTopics {

    /**
     * A device's inventory row changed (a DeviceInformation answer, a role, apps, users...). Carries
     * {@link #UDID} and {@link #SITE}. Smart groups recompute that one device from it.
     */
    public static final String CHANGED = "fr/chariot/inventory/CHANGED";

    /** Event property: the device's UDID, a {@code String}. */
    public static final String UDID = "udid";
    /** Event property: the RNE of the device's college, a {@code String}. */
    public static final String SITE = "site";

    private InventoryTopics() {
    }
}
