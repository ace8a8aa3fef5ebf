package fr.chariot.inventory.internal.console.device;

import static fr.chariot.inventory.api.InventoryField.*;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.InventoryField;

/** The Inventaire tab's boxes: every field of the device's row, grouped as a technician looks for them. */
final class InventoryCards {

    /** Card title key → its fields, in the order shown. */
    private static final Map<String, List<InventoryField>> GROUPS = groups();

    private InventoryCards() {
    }

    private static Map<String, List<InventoryField>> groups() {
        Map<String, List<InventoryField>> groups = new LinkedHashMap<>();
        groups.put("card.general", List.of(NAME, SERIAL_NUMBER, UDID, SITE, ROLE, TEACHER_NUMBER, TEACHER_NAME,
                ENROLLED, ENROLLED_AT, LAST_INVENTORY, STALE, TIME_ZONE));
        groups.put("card.hardware", List.of(MODEL_NAME, MODEL, MODEL_NUMBER, PRODUCT_NAME, OS_VERSION,
                BUILD_VERSION));
        groups.put("card.batteryStorage", List.of(BATTERY_LEVEL, CAPACITY_MB, AVAILABLE_CAPACITY_MB));
        groups.put("card.network", List.of(WIFI_MAC, BLUETOOTH_MAC));
        groups.put("card.security", List.of(SUPERVISED, AWAITING_CONFIGURATION, LOST_MODE, ACTIVATION_LOCK,
                FIND_MY, PASSCODE_PRESENT, PASSCODE_COMPLIANT, HARDWARE_ENCRYPTION_CAPS, CLOUD_BACKUP,
                LAST_CLOUD_BACKUP));
        groups.put("card.sharedIpad", List.of(SHARED_IPAD, QUOTA_SIZE_MB, RESIDENT_USERS, ESTIMATED_RESIDENT_USERS,
                MAXIMUM_RESIDENT_USERS, USER_SESSION_TIMEOUT, TEMPORARY_SESSION_TIMEOUT, TEMPORARY_SESSION_ONLY));
        return groups;
    }

    /**
     * The cards of a row, fields without a value left out, cards without any left out. A field added to the API
     * later and not placed here still shows, in « Autres informations ».
     */
    static List<DeviceModel.Card> of(DeviceInventory row, Formats formats) {
        List<DeviceModel.Card> cards = new ArrayList<>();
        EnumSet<InventoryField> placed = EnumSet.noneOf(InventoryField.class);
        GROUPS.forEach((title, fields) -> {
            placed.addAll(fields);
            card(formats.text(title), fields, row, formats, cards);
        });
        List<InventoryField> others = EnumSet.complementOf(placed).stream().toList();
        card(formats.text("card.other"), others, row, formats, cards);
        return cards;
    }

    private static void card(String title, List<InventoryField> fields, DeviceInventory row, Formats formats,
            List<DeviceModel.Card> cards) {
        List<DeviceModel.Fact> facts = new ArrayList<>();
        for (InventoryField field : fields) {
            row.value(field).ifPresent(value -> facts.add(new DeviceModel.Fact(formats.label(field),
                    formats.value(field, value))));
        }
        if (!facts.isEmpty()) {
            cards.add(new DeviceModel.Card(title, facts));
        }
    }
}
