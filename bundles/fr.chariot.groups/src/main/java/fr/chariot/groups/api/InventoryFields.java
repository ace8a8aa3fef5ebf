package fr.chariot.groups.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of the fields a criterion may test: the one place that says which names exist and of which kind.
 * The inventory provides each device's values under these names through {@link InventoryView}; the Java type of a
 * value follows its {@link FieldType}.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>name</th><th>kind</th><th>meaning</th></tr>
 * <tr><td>batteryLevel</td><td>NUMBER</td><td>battery charge in percent, 0 to 100</td></tr>
 * <tr><td>capacityMb, availableCapacityMb</td><td>NUMBER</td><td>storage and free storage, in MB</td></tr>
 * <tr><td>osVersion</td><td>VERSION</td><td>iPadOS version, e.g. 17.4.1</td></tr>
 * <tr><td>buildVersion, name, serialNumber, model, modelName, productName, wifiMac</td><td>TEXT</td><td></td></tr>
 * <tr><td>role</td><td>ROLE</td><td>one of {@link #ROLES}</td></tr>
 * <tr><td>lastInventory, enrolledAt</td><td>DATE</td><td>last successful inventory update; enrollment</td></tr>
 * <tr><td>supervised, sharedIpad, stale</td><td>BOOLEAN</td><td>stale: no inventory update for too long</td></tr>
 * <tr><td>app</td><td>APP</td><td>not a value: tests {@link InventoryView#appIds()}</td></tr>
 * <tr><td>group</td><td>GROUP</td><td>not a value: tests membership of another group</td></tr>
 * </table>
 */
public final class InventoryFields {

    public static final String BATTERY_LEVEL = "batteryLevel";
    public static final String CAPACITY_MB = "capacityMb";
    public static final String AVAILABLE_CAPACITY_MB = "availableCapacityMb";
    public static final String OS_VERSION = "osVersion";
    public static final String BUILD_VERSION = "buildVersion";
    public static final String NAME = "name";
    public static final String SERIAL_NUMBER = "serialNumber";
    public static final String MODEL = "model";
    public static final String MODEL_NAME = "modelName";
    public static final String PRODUCT_NAME = "productName";
    public static final String WIFI_MAC = "wifiMac";
    public static final String ROLE = "role";
    public static final String LAST_INVENTORY = "lastInventory";
    public static final String ENROLLED_AT = "enrolledAt";
    public static final String SUPERVISED = "supervised";
    public static final String SHARED_IPAD = "sharedIpad";
    public static final String STALE = "stale";
    /** Pseudo-field of {@link Operator#HAS_APP} / {@link Operator#HAS_NOT_APP} criteria. */
    public static final String APP = "app";
    /** Pseudo-field of {@link Operator#MEMBER_OF} / {@link Operator#NOT_MEMBER_OF} criteria. */
    public static final String GROUP = "group";

    /** A student cart iPad in Shared iPad mode. */
    public static final String ROLE_STUDENT_SHARED = "STUDENT_SHARED";
    /** The teacher's iPad of a cart, passed from teacher to teacher. */
    public static final String ROLE_TEACHER_SHARED = "TEACHER_SHARED";
    /** A teacher's own iPad. */
    public static final String ROLE_TEACHER_PERSONAL = "TEACHER_PERSONAL";
    /** The values of the {@code role} field. */
    public static final Set<String> ROLES = Set.of(ROLE_STUDENT_SHARED, ROLE_TEACHER_SHARED, ROLE_TEACHER_PERSONAL);

    /** Every field, in the order a console offers them. */
    public static final List<InventoryField> ALL = List.of(
            new InventoryField(BATTERY_LEVEL, FieldType.NUMBER, "niveau de batterie (%)"),
            new InventoryField(CAPACITY_MB, FieldType.NUMBER, "capacité (Mo)"),
            new InventoryField(AVAILABLE_CAPACITY_MB, FieldType.NUMBER, "espace disponible (Mo)"),
            new InventoryField(OS_VERSION, FieldType.VERSION, "version d'iPadOS"),
            new InventoryField(BUILD_VERSION, FieldType.TEXT, "build d'iPadOS"),
            new InventoryField(NAME, FieldType.TEXT, "nom de l'appareil"),
            new InventoryField(SERIAL_NUMBER, FieldType.TEXT, "numéro de série"),
            new InventoryField(MODEL, FieldType.TEXT, "modèle"),
            new InventoryField(MODEL_NAME, FieldType.TEXT, "nom du modèle"),
            new InventoryField(PRODUCT_NAME, FieldType.TEXT, "identifiant du produit"),
            new InventoryField(WIFI_MAC, FieldType.TEXT, "adresse MAC Wi-Fi"),
            new InventoryField(ROLE, FieldType.ROLE, "rôle"),
            new InventoryField(LAST_INVENTORY, FieldType.DATE, "dernière mise à jour de l'inventaire"),
            new InventoryField(ENROLLED_AT, FieldType.DATE, "date d'enrôlement"),
            new InventoryField(SUPERVISED, FieldType.BOOLEAN, "supervisé"),
            new InventoryField(SHARED_IPAD, FieldType.BOOLEAN, "iPad partagé"),
            new InventoryField(STALE, FieldType.BOOLEAN, "inventaire périmé"),
            new InventoryField(APP, FieldType.APP, "application installée"),
            new InventoryField(GROUP, FieldType.GROUP, "groupe"));

    private static final Map<String, InventoryField> BY_NAME;

    static {
        Map<String, InventoryField> byName = new LinkedHashMap<>();
        for (InventoryField field : ALL) {
            byName.put(field.name(), field);
        }
        BY_NAME = Map.copyOf(byName);
    }

    private InventoryFields() {
    }

    /** @return the field of that exact name (names are case-sensitive, as in JSON) */
    public static Optional<InventoryField> find(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }
}
