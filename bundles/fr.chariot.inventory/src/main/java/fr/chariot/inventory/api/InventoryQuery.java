package fr.chariot.inventory.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A search of the general inventory: free text, the colleges the caller may see, equality filters, a sort and a
 * page.
 *
 * @param text      matched, ignoring case, anywhere in the device's name, serial number, UDID or a Shared iPad
 *                  user's name; empty matches every device
 * @param sites     the colleges searched (RNEs); {@code Optional.empty()} means every college (a department
 *                  administrator), an empty set none
 * @param filters   field → the value it must equal, of the field's type (see {@link DeviceInventory})
 * @param sort      the field sorted on; devices with equal values follow in UDID order, so pages never overlap
 * @param ascending the sort order; devices without a value come last either way
 * @param page      the page number, from 0
 * @param size      devices per page, 1 to {@value #MAX_PAGE_SIZE}
 */
public record InventoryQuery(String text, Optional<Set<String>> sites, Map<InventoryField, Object> filters,
        InventoryField sort, boolean ascending, int page, int size) {

    public static final int MAX_PAGE_SIZE = 1000;
    public static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_TEXT = 200;

    /** @throws IllegalArgumentException with a message for a person when a part is out of range */
    public InventoryQuery {
        text = Objects.requireNonNull(text, "text").strip();
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("Le texte cherché dépasse " + MAX_TEXT + " caractères.");
        }
        sites = sites.map(rnes -> Set.copyOf(rnes.stream().map(Rne::normalize).toList()));
        EnumMap<InventoryField, Object> checked = new EnumMap<>(InventoryField.class);
        filters.forEach((field, value) -> {
            if (!DeviceInventory.expectedClass(field.type()).isInstance(value)) {
                throw new IllegalArgumentException("Le filtre sur « " + field.fieldName() + " » attend "
                        + expected(field.type()) + ".");
            }
            checked.put(field, value);
        });
        filters = Collections.unmodifiableMap(checked);
        Objects.requireNonNull(sort, "sort");
        if (page < 0) {
            throw new IllegalArgumentException("Les pages sont numérotées à partir de 0, pas " + page + ".");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("Une page compte de 1 à " + MAX_PAGE_SIZE + " appareils, pas " + size
                    + ".");
        }
    }

    /** Every device of the given colleges (empty: all colleges), by name, first page of the default size. */
    public static InventoryQuery all(Optional<Set<String>> sites) {
        return new InventoryQuery("", sites, Map.of(), InventoryField.NAME, true, 0, DEFAULT_PAGE_SIZE);
    }

    /**
     * A query from text a person or a script typed (HTTP parameters): field names are checked against
     * {@link InventoryField} and values parsed by the field's type.
     *
     * @param filters field name → value text; booleans are {@code true}/{@code false}, dates ISO-8601 instants,
     *                roles a {@link DeviceRole} name
     * @param sort    a field name; {@code null} or blank sorts by name
     * @param order   {@code asc} or {@code desc}; {@code null} or blank is ascending
     * @throws IllegalArgumentException naming what is wrong: unknown field, malformed value, bad order or page
     */
    public static InventoryQuery parse(String text, Optional<Set<String>> sites, Map<String, String> filters,
            String sort, String order, int page, int size) {
        Map<InventoryField, Object> typed = new LinkedHashMap<>();
        filters.forEach((name, value) -> {
            InventoryField field = InventoryField.byName(name);
            typed.put(field, parseValue(field, value));
        });
        InventoryField sortField = sort == null || sort.isBlank() ? InventoryField.NAME : InventoryField.byName(sort);
        boolean ascending;
        if (order == null || order.isBlank() || order.equalsIgnoreCase("asc")) {
            ascending = true;
        } else if (order.equalsIgnoreCase("desc")) {
            ascending = false;
        } else {
            throw new IllegalArgumentException("L'ordre de tri est « asc » ou « desc », pas « " + order + " ».");
        }
        return new InventoryQuery(text == null ? "" : text, sites, typed, sortField, ascending, page, size);
    }

    /**
     * Parses a value typed by a person for a field.
     *
     * @throws IllegalArgumentException when the text is not a value of the field's type
     */
    public static Object parseValue(InventoryField field, String value) {
        Objects.requireNonNull(value, field.fieldName());
        String text = value.strip();
        try {
            return switch (field.type()) {
                case TEXT, VERSION -> text;
                case INTEGER -> Long.parseLong(text);
                case BOOLEAN -> switch (text.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException(field.fieldName() + " attend "
                            + expected(FieldType.BOOLEAN) + ", pas « " + value + " »");
                };
                case INSTANT -> Instant.parse(text);
                case ROLE -> DeviceRole.valueOf(text.toUpperCase(Locale.ROOT));
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field.fieldName() + " attend " + expected(FieldType.INTEGER)
                    + ", pas « " + value + " »", e);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field.fieldName() + " attend " + expected(FieldType.INSTANT)
                    + ", pas « " + value + " »", e);
        } catch (IllegalArgumentException e) {
            if (field.type() == FieldType.ROLE) {
                throw new IllegalArgumentException(field.fieldName() + " attend " + expected(FieldType.ROLE)
                        + ", pas « " + value + " »", e);
            }
            throw e;
        }
    }

    /** What a value of this type looks like, in the technicians' words. */
    private static String expected(FieldType type) {
        return switch (type) {
            case TEXT -> "un texte";
            case VERSION -> "une version (exemple : 17.4.1)";
            case INTEGER -> "un nombre entier";
            case BOOLEAN -> "true ou false";
            case INSTANT -> "une date comme 2025-09-01T08:00:00Z";
            case ROLE -> "un rôle : STUDENT_SHARED (iPad élève partagé), TEACHER_SHARED (iPad professeur partagé) "
                    + "ou TEACHER_PERSONAL (iPad personnel d'un professeur)";
        };
    }

    /** The same query on another page. */
    public InventoryQuery withPage(int newPage) {
        return new InventoryQuery(text, sites, filters, sort, ascending, newPage, size);
    }
}
