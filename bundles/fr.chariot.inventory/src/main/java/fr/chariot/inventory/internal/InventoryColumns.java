package fr.chariot.inventory.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.InventoryField;

/**
 * The one mapping from {@link InventoryField} to {@code inv_device} columns. Column names in SQL come only from
 * here, never from a request.
 */
final class InventoryColumns {

    /** Each stored field's column is its name in snake case ({@code batteryLevel} → {@code battery_level}). */
    private static final Map<InventoryField, String> COLUMNS = new EnumMap<>(InventoryField.class);

    static {
        for (InventoryField field : InventoryField.values()) {
            if (field != InventoryField.STALE) {
                COLUMNS.put(field, snakeCase(field.fieldName()));
            }
        }
    }

    /** The columns with {@code (column, udid)} indexes in both directions ({@code V2__settings_columns_naming.sql}). */
    private static final Set<String> INDEXED_WITH_UDID = Set.of("name", "serial_number", "model", "product_name",
            "os_version_sort", "battery_level", "capacity_mb", "available_capacity_mb", "last_inventory",
            "enrolled_at", "role");

    /** Every column a row is read from, for SELECT lists. */
    static final String SELECT_LIST = String.join(", ", COLUMNS.values());

    private InventoryColumns() {
    }

    /** The column holding a field; {@link InventoryField#STALE} has none (computed from last_inventory). */
    static String column(InventoryField field) {
        String column = COLUMNS.get(field);
        if (column == null) {
            throw new IllegalArgumentException(field.fieldName() + " is computed, not stored");
        }
        return column;
    }

    /**
     * How a field sorts: on {@code column}, values in {@code valuesOrder} ({@code column ASC} or {@code DESC}), NULLs
     * last or first.
     */
    record Order(String column, boolean valuesAscending, boolean nullsLast) {

        String valuesOrder() {
            return column + (valuesAscending ? " ASC" : " DESC");
        }

        /** Derby's indexes keep NULLs after every value: last when read ascending, first when descending. */
        boolean nullsAsIndexed() {
            return valuesAscending == nullsLast;
        }

        String orderBy() {
            return valuesOrder() + (nullsLast ? " NULLS LAST" : " NULLS FIRST");
        }

        /** Whether V2 gave this column its {@code (column, udid)} indexes, so a walk in this order sorts nothing. */
        boolean indexedWithUdid() {
            return INDEXED_WITH_UDID.contains(column);
        }
    }

    /** How a field sorts: versions on their padded form, staleness on the age of the last inventory. */
    static Order order(InventoryField field, boolean ascending) {
        if (field == InventoryField.STALE) {
            // stale is monotone in last_inventory: fresh (recent) first when ascending, never-inventoried first else
            return ascending ? new Order("last_inventory", false, true) : new Order("last_inventory", true, false);
        }
        String column = field == InventoryField.OS_VERSION ? "os_version_sort" : column(field);
        return new Order(column, ascending, true);
    }

    /** ORDER BY for a field, before the UDID tiebreak; devices without a value come last (see {@link #order}). */
    static String orderBy(InventoryField field, boolean ascending) {
        return order(field, ascending).orderBy();
    }

    /** Reads the current row of a SELECT of {@link #SELECT_LIST}; stale by its college's threshold. */
    static DeviceInventory read(ResultSet rs, StaleRule stale) throws SQLException {
        Map<InventoryField, Object> values = new EnumMap<>(InventoryField.class);
        for (Map.Entry<InventoryField, String> entry : COLUMNS.entrySet()) {
            InventoryField field = entry.getKey();
            String column = entry.getValue();
            Object value = switch (field.type()) {
                case TEXT, VERSION -> rs.getString(column);
                case INTEGER -> Jdbc.number(rs, column);
                case BOOLEAN -> Jdbc.bool(rs, column);
                case INSTANT -> Jdbc.instant(rs, column);
                case ROLE -> {
                    String role = rs.getString(column);
                    yield role == null ? null : DeviceRole.valueOf(role);
                }
            };
            if (value != null) {
                values.put(field, value);
            }
        }
        Instant last = (Instant) values.get(InventoryField.LAST_INVENTORY);
        values.put(InventoryField.STALE, stale.isStale((String) values.get(InventoryField.SITE), last));
        return new DeviceInventory(values);
    }

    private static String snakeCase(String camel) {
        return camel.chars().mapToObj(c -> Character.isUpperCase(c)
                ? "_" + Character.toLowerCase((char) c) : String.valueOf((char) c)).collect(Collectors.joining());
    }

    /**
     * A version's sort key: each number zero-padded to 5 digits ({@code 17.4.1} → {@code 00017.00004.00001}), so
     * text order is version order.
     */
    static String versionSortKey(String version) {
        if (version == null) {
            return null;
        }
        StringBuilder key = new StringBuilder();
        for (String part : version.strip().split("\\.")) {
            if (key.length() > 0) {
                key.append('.');
            }
            if (part.matches("[0-9]{1,5}")) {
                key.append("0".repeat(5 - part.length())).append(part);
            } else {
                key.append(part);
            }
        }
        return Jdbc.clip(key.toString(), 64);
    }
}
