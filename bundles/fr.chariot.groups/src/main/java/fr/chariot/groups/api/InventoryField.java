package fr.chariot.groups.api;

import java.util.Objects;

/**
 * One field of the inventory a smart group's criterion may test.
 *
 * @param name  the name used in criteria, in the REST API and by {@link InventoryView#value(String)}, e.g.
 *              {@code batteryLevel}
 * @param type  its kind
 * @param label its French name for the console and for error messages, e.g. {@code niveau de batterie (%)}
 */
public record InventoryField(String name, FieldType type, String label) {

    public InventoryField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
    }
}
