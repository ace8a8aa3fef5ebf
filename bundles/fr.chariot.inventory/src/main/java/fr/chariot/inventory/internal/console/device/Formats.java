package fr.chariot.inventory.internal.console.device;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.webconsole.api.PageRequest;

/**
 * Values as a technician reads them, in the reader's language: Oui/Non, capacities in Go, battery in %, dates in
 * the colleges' time. Every text comes from the page's message files.
 */
final class Formats {

    /** The colleges' clock, whatever the server's zone. */
    static final ZoneId FRENCH_TIME = ZoneId.of("Europe/Paris");

    private final PageRequest request;
    private final DateTimeFormatter dateTime;

    Formats(PageRequest request) {
        this.request = request;
        this.dateTime = DateTimeFormatter.ofPattern(request.text("format.dateTime"), request.user().locale())
                .withZone(FRENCH_TIME);
    }

    String text(String key, Object... arguments) {
        return request.text(key, arguments);
    }

    String label(InventoryField field) {
        return text("field." + field.fieldName());
    }

    /** A field's value as shown on the device page. */
    String value(InventoryField field, Object value) {
        return switch (field) {
            case BATTERY_LEVEL -> text("unit.percent", value);
            case CAPACITY_MB, AVAILABLE_CAPACITY_MB, QUOTA_SIZE_MB -> gigabytes((Long) value * 1_000_000L);
            case USER_SESSION_TIMEOUT, TEMPORARY_SESSION_TIMEOUT -> text("unit.seconds", value);
            case HARDWARE_ENCRYPTION_CAPS -> encryption((Long) value);
            case TEACHER_NUMBER -> String.valueOf(value);
            default -> switch (field.type()) {
                case BOOLEAN -> yesNo((Boolean) value);
                case INSTANT -> dateTime((Instant) value);
                case ROLE -> role((DeviceRole) value);
                case INTEGER -> NumberFormat.getIntegerInstance(request.user().locale()).format(value);
                case TEXT, VERSION -> (String) value;
            };
        };
    }

    String yesNo(boolean value) {
        return text(value ? "common.yes" : "common.no");
    }

    String dateTime(Instant instant) {
        return dateTime.format(instant);
    }

    String dateTime(Optional<Instant> instant) {
        return instant.map(this::dateTime).orElse("");
    }

    String role(DeviceRole role) {
        return text("role." + role.name());
    }

    /** The role with what names the device: « iPad professeur partagé n° 3 », « iPad de M. Martin ». */
    String roleOf(DeviceInventory row) {
        return row.role().map(role -> switch (role) {
            case STUDENT_SHARED -> role(role);
            case TEACHER_SHARED -> row.value(InventoryField.TEACHER_NUMBER)
                    .map(n -> text("role.TEACHER_SHARED.numbered", String.valueOf(n))).orElse(role(role));
            case TEACHER_PERSONAL -> row.value(InventoryField.TEACHER_NAME)
                    .map(name -> text("role.TEACHER_PERSONAL.named", name)).orElse(role(role));
        }).orElse(text("role.none"));
    }

    /** Base 10, as iOS counts: 64 000 MB is « 64 Go ». */
    String gigabytes(long bytes) {
        return text("unit.gigabytes", decimal(bytes / 1e9));
    }

    /** Go from one Go up, Mo below: a Shared iPad user's data is often a few hundred Mo. */
    String bytes(long bytes) {
        return bytes >= 1_000_000_000L ? gigabytes(bytes) : text("unit.megabytes", decimal(bytes / 1e6));
    }

    private String decimal(double value) {
        NumberFormat format = NumberFormat.getNumberInstance(request.user().locale());
        format.setMaximumFractionDigits(1);
        return format.format(value);
    }

    /** SecurityInfo's HardwareEncryptionCaps: 1 block level, 2 file level, 3 both. */
    private String encryption(long caps) {
        String key = "encryption." + caps;
        String text = text(key);
        return text.equals(key) ? String.valueOf(caps) : text;
    }
}
