package fr.chariot.inventory.api;

/**
 * The type of an {@link InventoryField}'s value, which decides how it compares and what Java type it has.
 */
public enum FieldType {
    /** {@code String}, compared as text. */
    TEXT,
    /** {@code String} such as {@code 17.4.1}, compared number by number ({@code 12.0.10} after {@code 12.0.9}). */
    VERSION,
    /** {@code Long}. */
    INTEGER,
    /** {@code Boolean}. */
    BOOLEAN,
    /** {@code java.time.Instant}. */
    INSTANT,
    /** {@link DeviceRole}. */
    ROLE
}
