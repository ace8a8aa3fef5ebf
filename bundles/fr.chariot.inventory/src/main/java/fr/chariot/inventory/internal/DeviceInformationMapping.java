package fr.chariot.inventory.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How each DeviceInformation {@code QueryResponses} key becomes an {@code inv_device} column value. A key of the
 * wrong plist type is ignored, as if the device had left it out.
 */
final class DeviceInformationMapping {

    /** A query key, its column and the conversion of the device's value (null: ignore it). */
    private record Key(String query, String column, Function<Object, Object> convert) {
    }

    /** A value the device reports as unknown (BatteryLevel -1): stored as NULL, not skipped. */
    static final Object UNKNOWN = new Object();

    private static final List<Key> KEYS = List.of(
            text("DeviceName", "name", 255),
            text("OSVersion", "os_version", 32),
            text("BuildVersion", "build_version", 32),
            text("ModelName", "model_name", 100),
            text("Model", "model", 64),
            text("ProductName", "product_name", 64),
            text("ModelNumber", "model_number", 64),
            text("SerialNumber", "serial_number", 64),
            new Key("DeviceCapacity", "capacity_mb", DeviceInformationMapping::gigabytesToMegabytes),
            new Key("AvailableDeviceCapacity", "available_capacity_mb",
                    DeviceInformationMapping::gigabytesToMegabytes),
            new Key("BatteryLevel", "battery_level", DeviceInformationMapping::batteryPercent),
            text("WiFiMAC", "wifi_mac", 32),
            text("BluetoothMAC", "bluetooth_mac", 32),
            bool("IsSupervised", "supervised"),
            bool("IsMultiUser", "shared_ipad"),
            bool("IsDeviceLocatorServiceEnabled", "find_my"),
            bool("IsActivationLockEnabled", "activation_lock"),
            bool("IsMDMLostModeEnabled", "lost_mode"),
            bool("IsCloudBackupEnabled", "cloud_backup"),
            new Key("LastCloudBackupDate", "last_cloud_backup", v -> v instanceof Instant ? v : null),
            bool("AwaitingConfiguration", "awaiting_configuration"),
            text("TimeZone", "time_zone", 64),
            text("SoftwareUpdateDeviceID", "software_update_device_id", 64),
            integer("QuotaSize", "quota_size_mb"),
            integer("ResidentUsers", "resident_users"),
            integer("EstimatedResidentUsers", "estimated_resident_users"),
            integer("MaximumResidentUsers", "maximum_resident_users"),
            integer("UserSessionTimeout", "user_session_timeout"),
            integer("TemporarySessionTimeout", "temporary_session_timeout"),
            bool("TemporarySessionOnly", "temporary_session_only"));

    private DeviceInformationMapping() {
    }

    /**
     * The columns to update from one answer, in a stable order; {@link #UNKNOWN} stands for a value to clear. Keys
     * the device left out keep their stored value: a device omits what it does not know or may not tell.
     */
    static Map<String, Object> columns(Map<String, Object> queryResponses) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (Key key : KEYS) {
            Object raw = queryResponses.get(key.query());
            Object value = raw == null ? null : key.convert().apply(raw);
            if (value != null) {
                columns.put(key.column(), value);
            }
        }
        Object os = columns.get("os_version");
        if (os instanceof String version) {
            columns.put("os_version_sort", InventoryColumns.versionSortKey(version));
        }
        return columns;
    }

    private static Key text(String query, String column, int max) {
        return new Key(query, column, v -> v instanceof String s ? Jdbc.clip(s, max) : null);
    }

    private static Key bool(String query, String column) {
        return new Key(query, column, v -> v instanceof Boolean ? v : null);
    }

    private static Key integer(String query, String column) {
        return new Key(query, column, v -> v instanceof Number n && !(v instanceof Double || v instanceof Float)
                ? (Object) (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n.longValue())) : null);
    }

    /** iOS reports capacities in base-10 GB as reals; the inventory counts MB (base 10, as the device does). */
    private static Object gigabytesToMegabytes(Object value) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
            return null;
        }
        return Math.round(n.doubleValue() * 1000);
    }

    /** BatteryLevel is 0..1, or -1 when the device does not know. */
    private static Object batteryPercent(Object value) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return null;
        }
        double level = n.doubleValue();
        if (level < 0) {
            return UNKNOWN;
        }
        return (int) Math.round(Math.min(1.0, level) * 100);
    }
}
