package fr.chariot.groups.api;

import java.util.Optional;
import java.util.Set;

/**
 * One device's inventory as the criteria engine reads it. Provided by the inventory bundle; read-only, and read many
 * times per evaluation, so an implementation should answer from fields it already holds.
 */
public interface InventoryView {

    /** @return the device's UDID */
    String udid();

    /**
     * @param field a name of {@link InventoryFields} other than {@code app} and {@code group}
     * @return the device's value, of the Java type its {@link FieldType} documents; empty when the device never
     *         reported it
     */
    Optional<Object> value(String field);

    /** @return the bundle identifiers of the apps installed on the device, e.g. {@code com.apple.Pages} */
    Set<String> appIds();
}
