package fr.chariot.inventory.internal.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.webconsole.api.PageRequest;

/** How the general inventory shows a field's value to a person (dates in the colleges' time, yes/no, units). */
final class Values {

    /** The colleges' time: dates are shown and files named in it. */
    static final ZoneId FRENCH_TIME = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(FRENCH_TIME);

    private Values() {
    }

    /** The value as text; empty when the device never reported it. */
    static String format(PageRequest request, InventoryField field, Optional<Object> value) {
        if (value.isEmpty()) {
            return "";
        }
        Object v = value.get();
        return switch (field) {
            case BATTERY_LEVEL -> v + " %";
            case CAPACITY_MB, AVAILABLE_CAPACITY_MB, QUOTA_SIZE_MB -> gigabytes(request, (Long) v);
            default -> switch (field.type()) {
                case BOOLEAN -> request.text((Boolean) v ? "common.yes" : "common.no");
                case INSTANT -> DATE_TIME.format((Instant) v);
                case ROLE -> request.text("role." + ((DeviceRole) v).name());
                case TEXT, VERSION, INTEGER -> v.toString();
            };
        };
    }

    /** Megabytes as iOS shows them: gigabytes of 1,000 MB, one decimal. */
    private static String gigabytes(PageRequest request, long megabytes) {
        Locale locale = request.user().locale();
        return request.text("unit.gigabytes", String.format(locale, "%.1f", megabytes / 1000.0));
    }
}
