package fr.chariot.api;

/**
 * EventAdmin topics posted about devices, after the change they announce has been committed.
 *
 * <p>Every event carries {@link #UDID} and, where the device belongs to a college, {@link #SITE}. Handlers run
 * asynchronously and must finish quickly; a device's request never waits for them.
 */
public final class DeviceTopics {

    /** Common prefix of every device topic. */
    public static final String PREFIX = "fr/chariot/device/";
    /** A device finished enrollment (its first TokenUpdate). */
    public static final String ENROLLED = PREFIX + "ENROLLED";
    /** A device or user channel sent a new push token. */
    public static final String TOKEN_UPDATED = PREFIX + "TOKEN_UPDATED";
    /** A user logged in on a Shared iPad (a TokenUpdate on the user channel). */
    public static final String USER_LOGGED_IN = PREFIX + "USER_LOGGED_IN";
    /** A device removed its MDM profile. */
    public static final String CHECKED_OUT = PREFIX + "CHECKED_OUT";

    /** Event property: the device's UDID, a {@code String}. */
    public static final String UDID = "udid";
    /** Event property: the RNE of the device's college, a {@code String}. */
    public static final String SITE = "site";

    private DeviceTopics() {
    }
}
