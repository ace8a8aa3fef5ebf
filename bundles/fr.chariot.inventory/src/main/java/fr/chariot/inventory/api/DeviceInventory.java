package fr.chariot.inventory.api;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import fr.chariot.api.DeviceId;

/**
 * One device's inventory row: a value for each {@link InventoryField} the device (or a person) has given, of the
 * Java type its {@link FieldType} names. Fields nobody reported yet have no value; {@link InventoryField#STALE}
 * always has one.
 */
public final class DeviceInventory {

    private final Map<InventoryField, Object> values;

    /**
     * @param values the known values, each of its field's type; must hold {@link InventoryField#UDID},
     *               {@link InventoryField#SITE} and {@link InventoryField#STALE}
     * @throws IllegalArgumentException when a value has the wrong type or a required field is missing
     */
    public DeviceInventory(Map<InventoryField, ?> values) {
        EnumMap<InventoryField, Object> copy = new EnumMap<>(InventoryField.class);
        values.forEach((field, value) -> {
            Objects.requireNonNull(value, field.fieldName());
            if (!expectedClass(field.type()).isInstance(value)) {
                throw new IllegalArgumentException(field.fieldName() + " holds a " + field.type() + ", not "
                        + value.getClass().getSimpleName());
            }
            copy.put(field, value);
        });
        for (InventoryField required : new InventoryField[] {InventoryField.UDID, InventoryField.SITE,
                InventoryField.STALE}) {
            if (!copy.containsKey(required)) {
                throw new IllegalArgumentException("an inventory row needs " + required.fieldName());
            }
        }
        this.values = Collections.unmodifiableMap(copy);
    }

    /** The Java class of a field type's values. */
    public static Class<?> expectedClass(FieldType type) {
        return switch (type) {
            case TEXT, VERSION -> String.class;
            case INTEGER -> Long.class;
            case BOOLEAN -> Boolean.class;
            case INSTANT -> Instant.class;
            case ROLE -> DeviceRole.class;
        };
    }

    public Optional<Object> value(InventoryField field) {
        return Optional.ofNullable(values.get(field));
    }

    public DeviceId udid() {
        return new DeviceId((String) values.get(InventoryField.UDID));
    }

    public String site() {
        return (String) values.get(InventoryField.SITE);
    }

    public Optional<String> name() {
        return Optional.ofNullable((String) values.get(InventoryField.NAME));
    }

    public Optional<String> serialNumber() {
        return Optional.ofNullable((String) values.get(InventoryField.SERIAL_NUMBER));
    }

    public Optional<DeviceRole> role() {
        return Optional.ofNullable((DeviceRole) values.get(InventoryField.ROLE));
    }

    public Optional<Long> batteryLevel() {
        return Optional.ofNullable((Long) values.get(InventoryField.BATTERY_LEVEL));
    }

    public Optional<Instant> lastInventory() {
        return Optional.ofNullable((Instant) values.get(InventoryField.LAST_INVENTORY));
    }

    public Optional<Instant> enrolledAt() {
        return Optional.ofNullable((Instant) values.get(InventoryField.ENROLLED_AT));
    }

    public boolean stale() {
        return (Boolean) values.get(InventoryField.STALE);
    }

    /** Every known value, by field. */
    public Map<InventoryField, Object> values() {
        return values;
    }

    /** Every known value by field name ({@code batteryLevel} → 87), in {@link InventoryField} order, for JSON. */
    public Map<String, Object> byFieldName() {
        Map<String, Object> named = new LinkedHashMap<>();
        values.forEach((field, value) -> named.put(field.fieldName(), value));
        return Collections.unmodifiableMap(named);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceInventory that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "DeviceInventory" + byFieldName();
    }
}
