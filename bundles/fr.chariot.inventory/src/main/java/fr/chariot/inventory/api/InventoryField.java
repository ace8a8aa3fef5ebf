package fr.chariot.inventory.api;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every field of a device's inventory row, by the name used in JSON, filters, sorting, exports and smart-group
 * criteria. This list is the only way a column name reaches SQL: a name that is not here is refused.
 */
public enum InventoryField {
    UDID("udid", FieldType.TEXT, "UDID"),
    SITE("site", FieldType.TEXT, "the college's RNE"),
    ROLE("role", FieldType.ROLE, "student Shared iPad, shared teacher iPad or personal teacher iPad"),
    NAME("name", FieldType.TEXT, "DeviceName"),
    SERIAL_NUMBER("serialNumber", FieldType.TEXT, "SerialNumber"),
    MODEL("model", FieldType.TEXT, "Model, e.g. MK2K3NF/A"),
    MODEL_NAME("modelName", FieldType.TEXT, "ModelName, e.g. iPad"),
    MODEL_NUMBER("modelNumber", FieldType.TEXT, "ModelNumber"),
    PRODUCT_NAME("productName", FieldType.TEXT, "ProductName, e.g. iPad13,18"),
    OS_VERSION("osVersion", FieldType.VERSION, "OSVersion"),
    BUILD_VERSION("buildVersion", FieldType.TEXT, "BuildVersion"),
    BATTERY_LEVEL("batteryLevel", FieldType.INTEGER, "battery charge in percent, 0 to 100"),
    CAPACITY_MB("capacityMb", FieldType.INTEGER, "DeviceCapacity in MB (base 10, as the device counts)"),
    AVAILABLE_CAPACITY_MB("availableCapacityMb", FieldType.INTEGER, "AvailableDeviceCapacity in MB (base 10)"),
    WIFI_MAC("wifiMac", FieldType.TEXT, "WiFiMAC"),
    BLUETOOTH_MAC("bluetoothMac", FieldType.TEXT, "BluetoothMAC"),
    SUPERVISED("supervised", FieldType.BOOLEAN, "IsSupervised"),
    SHARED_IPAD("sharedIpad", FieldType.BOOLEAN, "IsMultiUser: a Shared iPad"),
    LOST_MODE("lostMode", FieldType.BOOLEAN, "IsMDMLostModeEnabled"),
    ACTIVATION_LOCK("activationLock", FieldType.BOOLEAN, "IsActivationLockEnabled"),
    FIND_MY("findMy", FieldType.BOOLEAN, "IsDeviceLocatorServiceEnabled"),
    CLOUD_BACKUP("cloudBackup", FieldType.BOOLEAN, "IsCloudBackupEnabled"),
    LAST_CLOUD_BACKUP("lastCloudBackup", FieldType.INSTANT, "LastCloudBackupDate"),
    AWAITING_CONFIGURATION("awaitingConfiguration", FieldType.BOOLEAN, "AwaitingConfiguration"),
    TIME_ZONE("timeZone", FieldType.TEXT, "TimeZone"),
    QUOTA_SIZE_MB("quotaSizeMb", FieldType.INTEGER, "Shared iPad QuotaSize per user, MB"),
    RESIDENT_USERS("residentUsers", FieldType.INTEGER, "Shared iPad ResidentUsers"),
    ESTIMATED_RESIDENT_USERS("estimatedResidentUsers", FieldType.INTEGER, "Shared iPad EstimatedResidentUsers"),
    MAXIMUM_RESIDENT_USERS("maximumResidentUsers", FieldType.INTEGER, "Shared iPad MaximumResidentUsers"),
    USER_SESSION_TIMEOUT("userSessionTimeout", FieldType.INTEGER, "Shared iPad UserSessionTimeout, seconds"),
    TEMPORARY_SESSION_TIMEOUT("temporarySessionTimeout", FieldType.INTEGER,
            "Shared iPad TemporarySessionTimeout, seconds"),
    TEMPORARY_SESSION_ONLY("temporarySessionOnly", FieldType.BOOLEAN, "Shared iPad TemporarySessionOnly"),
    PASSCODE_PRESENT("passcodePresent", FieldType.BOOLEAN, "SecurityInfo PasscodePresent"),
    PASSCODE_COMPLIANT("passcodeCompliant", FieldType.BOOLEAN, "SecurityInfo PasscodeCompliant"),
    HARDWARE_ENCRYPTION_CAPS("hardwareEncryptionCaps", FieldType.INTEGER, "SecurityInfo HardwareEncryptionCaps"),
    TEACHER_NUMBER("teacherNumber", FieldType.INTEGER, "N of a shared teacher iPad named RNE-Prof N"),
    TEACHER_NAME("teacherName", FieldType.TEXT, "the teacher a personal iPad belongs to"),
    ENROLLED("enrolled", FieldType.BOOLEAN, "enrolled now (false after the device removed its MDM profile)"),
    ENROLLED_AT("enrolledAt", FieldType.INSTANT, "when the device last finished enrolling"),
    LAST_INVENTORY("lastInventory", FieldType.INSTANT, "the time of the last successful DeviceInformation answer"),
    STALE("stale", FieldType.BOOLEAN, "no successful inventory yet, or the last one is older than staleDays");

    private static final Map<String, InventoryField> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(InventoryField::fieldName, Function.identity()));

    private final String fieldName;
    private final FieldType type;
    private final String description;

    InventoryField(String fieldName, FieldType type, String description) {
        this.fieldName = fieldName;
        this.type = type;
        this.description = description;
    }

    /** The name in JSON, queries and exports, e.g. {@code batteryLevel}. */
    public String fieldName() {
        return fieldName;
    }

    public FieldType type() {
        return type;
    }

    /** What the field holds, for people choosing columns or criteria. */
    public String description() {
        return description;
    }

    /**
     * The field with this name.
     *
     * @throws IllegalArgumentException naming the known fields, when there is none
     */
    public static InventoryField byName(String name) {
        InventoryField field = name == null ? null : BY_NAME.get(name);
        if (field == null) {
            throw new IllegalArgumentException("Champ d'inventaire inconnu « " + name + " » ; champs connus : "
                    + Arrays.stream(values()).map(InventoryField::fieldName).collect(Collectors.joining(", ")));
        }
        return field;
    }
}
