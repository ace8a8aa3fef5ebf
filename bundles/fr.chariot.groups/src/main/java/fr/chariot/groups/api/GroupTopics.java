package fr.chariot.groups.api;

/** EventAdmin topics posted by the groups bundle, after the change is committed. */
public final class GroupTopics {

    /**
     * Devices entered or left a group (static or smart), or the group was deleted (every member left). Carries
     * {@link #SITE}, {@link #GROUP_ID}, {@link #ENTERED} and {@link #LEFT}: profiles and apps follow a device
     * entering or leaving a group from it.
     */
    public static final String MEMBERSHIP_CHANGED = "fr/chariot/groups/MEMBERSHIP_CHANGED";

    /** Event property: the group's college (RNE), a {@code String}. */
    public static final String SITE = "site";
    /** Event property: the group's id, a {@code Long}. */
    public static final String GROUP_ID = "groupId";
    /** Event property: the UDIDs that entered the group, a {@code String[]} (possibly empty). */
    public static final String ENTERED = "entered";
    /** Event property: the UDIDs that left the group, a {@code String[]} (possibly empty). */
    public static final String LEFT = "left";

    private GroupTopics() {
    }
}
