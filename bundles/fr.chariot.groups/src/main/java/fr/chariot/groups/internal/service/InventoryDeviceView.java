package fr.chariot.groups.internal.service;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import fr.chariot.groups.api.FieldType;
import fr.chariot.groups.api.InventoryField;
import fr.chariot.groups.api.InventoryFields;
import fr.chariot.groups.api.InventoryView;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.DeviceRole;

/**
 * One inventory row seen by the criteria engine: the inventory's field of the same name as in
 * {@link InventoryFields}, its value of the Java type the criterion's {@link FieldType} documents. Integers stay
 * {@code Long} (a {@link Number}), instants stay {@link java.time.Instant}, booleans and texts as they are; a role
 * becomes its name ({@code STUDENT_SHARED}).
 */
final class InventoryDeviceView implements InventoryView {

    /** The inventory's type for each catalogue kind; declared before {@link #SOURCES}, which is built from it. */
    private static final Map<FieldType, fr.chariot.inventory.api.FieldType> INVENTORY_TYPE = inventoryTypes();

    /** Catalogue name → the inventory's field of that name, when its type matches. */
    private static final Map<String, fr.chariot.inventory.api.InventoryField> SOURCES = sources();

    private final DeviceInventory row;
    private final String udid;
    private final Set<String> appIds;

    InventoryDeviceView(DeviceInventory row, Set<String> appIds) {
        this.row = row;
        this.udid = row.udid().udid();
        this.appIds = appIds;
    }

    @Override
    public String udid() {
        return udid;
    }

    @Override
    public Optional<Object> value(String field) {
        fr.chariot.inventory.api.InventoryField source = SOURCES.get(field);
        if (source == null) {
            return Optional.empty();
        }
        Optional<Object> value = row.value(source);
        return source.type() == fr.chariot.inventory.api.FieldType.ROLE
                ? value.map(role -> ((DeviceRole) role).name())
                : value;
    }

    @Override
    public Set<String> appIds() {
        return appIds;
    }

    /** @return the catalogue's value fields the inventory does not provide with a matching type (a test keeps it empty) */
    static Set<String> unmapped() {
        Set<String> unmapped = new TreeSet<>();
        for (InventoryField field : InventoryFields.ALL) {
            if (isValueField(field) && !SOURCES.containsKey(field.name())) {
                unmapped.add(field.name());
            }
        }
        return unmapped;
    }

    private static Map<FieldType, fr.chariot.inventory.api.FieldType> inventoryTypes() {
        Map<FieldType, fr.chariot.inventory.api.FieldType> types = new EnumMap<>(FieldType.class);
        types.put(FieldType.NUMBER, fr.chariot.inventory.api.FieldType.INTEGER);
        types.put(FieldType.VERSION, fr.chariot.inventory.api.FieldType.VERSION);
        types.put(FieldType.TEXT, fr.chariot.inventory.api.FieldType.TEXT);
        types.put(FieldType.DATE, fr.chariot.inventory.api.FieldType.INSTANT);
        types.put(FieldType.BOOLEAN, fr.chariot.inventory.api.FieldType.BOOLEAN);
        types.put(FieldType.ROLE, fr.chariot.inventory.api.FieldType.ROLE);
        return types;
    }

    /**
     * A field the inventory lacks or types differently is left out, so criteria on it match no device instead of
     * failing every recompute with a class cast.
     */
    private static Map<String, fr.chariot.inventory.api.InventoryField> sources() {
        Map<String, fr.chariot.inventory.api.InventoryField> sources = new HashMap<>();
        for (InventoryField field : InventoryFields.ALL) {
            if (!isValueField(field)) {
                continue;
            }
            try {
                fr.chariot.inventory.api.InventoryField source =
                        fr.chariot.inventory.api.InventoryField.byName(field.name());
                if (INVENTORY_TYPE.get(field.type()) == source.type()) {
                    sources.put(field.name(), source);
                }
            } catch (IllegalArgumentException unknownToTheInventory) {
                // left out: see unmapped()
            }
        }
        return Collections.unmodifiableMap(sources);
    }

    /** {@code app} and {@code group} are pseudo-fields: they test the apps and other groups, not a value. */
    private static boolean isValueField(InventoryField field) {
        return field.type() != FieldType.APP && field.type() != FieldType.GROUP;
    }
}
