package fr.chariot.rest.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.chariot.api.DeviceRecord;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.InventoryField;

/**
 * Devices as JSON objects keyed by {@link InventoryField#fieldName()}, merging what the inventory knows with what
 * the protocol knows ({@link DeviceRecord}): the protocol is the authority on a device's college and enrollment,
 * and the only one to know a device that has just enrolled.
 */
final class InventoryItems {

    /** The fields of every list item (api.md), whatever columns are chosen. */
    static final List<InventoryField> LIST_FIELDS = List.of(InventoryField.UDID, InventoryField.SERIAL_NUMBER,
            InventoryField.NAME, InventoryField.SITE, InventoryField.ROLE, InventoryField.MODEL,
            InventoryField.OS_VERSION, InventoryField.BATTERY_LEVEL, InventoryField.AVAILABLE_CAPACITY_MB,
            InventoryField.CAPACITY_MB, InventoryField.SUPERVISED, InventoryField.SHARED_IPAD,
            InventoryField.ENROLLED, InventoryField.ENROLLED_AT, InventoryField.LAST_INVENTORY, InventoryField.STALE);

    private InventoryItems() {
    }

    /**
     * One device of a list: {@link #LIST_FIELDS}, the chosen columns, and {@code lastSeen}. Fields without a value
     * are {@code null}, so every item has the same keys.
     */
    static Map<String, Object> item(DeviceInventory row, Optional<DeviceRecord> record, List<InventoryField> columns) {
        Map<String, Object> item = new LinkedHashMap<>();
        for (InventoryField field : LIST_FIELDS) {
            item.put(field.fieldName(), json(row.value(field)));
        }
        for (InventoryField field : columns) {
            item.put(field.fieldName(), json(row.value(field)));
        }
        record.ifPresent(device -> overlay(item, device));
        item.put("lastSeen", record.flatMap(DeviceRecord::lastSeenAt).map(Instant::toString).orElse(null));
        return item;
    }

    /**
     * Every inventory field of a device, {@code null} where unknown; from the protocol alone when the inventory does
     * not know the device yet (then {@code stale} is true: no inventory yet).
     */
    static Map<String, Object> allFields(DeviceRecord device, Optional<DeviceInventory> row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (InventoryField field : InventoryField.values()) {
            fields.put(field.fieldName(), json(row.flatMap(r -> r.value(field))));
        }
        if (row.isEmpty()) {
            fields.put(InventoryField.NAME.fieldName(), device.deviceName().orElse(null));
            fields.put(InventoryField.SERIAL_NUMBER.fieldName(), device.serialNumber().orElse(null));
            fields.put(InventoryField.PRODUCT_NAME.fieldName(), device.productName().orElse(null));
            fields.put(InventoryField.OS_VERSION.fieldName(), device.osVersion().orElse(null));
            fields.put(InventoryField.STALE.fieldName(), true);
        }
        overlay(fields, device);
        fields.put("lastSeen", device.lastSeenAt().map(Instant::toString).orElse(null));
        return fields;
    }

    /** A device that only the protocol knows, as a list item. */
    static Map<String, Object> item(DeviceRecord device) {
        Map<String, Object> all = allFields(device, Optional.empty());
        Map<String, Object> item = new LinkedHashMap<>();
        for (InventoryField field : LIST_FIELDS) {
            item.put(field.fieldName(), all.get(field.fieldName()));
        }
        item.put("lastSeen", all.get("lastSeen"));
        return item;
    }

    private static void overlay(Map<String, Object> fields, DeviceRecord device) {
        fields.put(InventoryField.UDID.fieldName(), device.udid().udid());
        fields.put(InventoryField.SITE.fieldName(), device.rne());
        fields.put(InventoryField.ENROLLED.fieldName(), device.enrolled());
        fields.put(InventoryField.ENROLLED_AT.fieldName(), device.enrolledAt().map(Instant::toString).orElse(null));
    }

    /** A value of a {@link DeviceInventory} as JSON writes it: instants as ISO-8601 text, roles by name. */
    static Object json(Optional<Object> value) {
        return value.map(v -> {
            if (v instanceof Instant instant) {
                return instant.toString();
            }
            if (v instanceof DeviceRole role) {
                return role.name();
            }
            return v;
        }).orElse(null);
    }
}
