package fr.chariot.inventory.internal.console;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryPage;
import fr.chariot.inventory.api.InventoryQuery;

/**
 * A search inside a named set of devices ({@code in=group:12}), done in memory: the inventory's search cannot
 * restrict to a UDID set, so the set's college is read whole ({@code devicesOf}) and the query's text, filters, sort
 * and page are applied here, as the database orders them (devices without a value last, UDID as tiebreak,
 * {@code stale} on the age of the last inventory).
 *
 * <p>The free text is matched in the name, serial number and UDID; unlike the database search, not in the names
 * of Shared iPad users (the rows do not carry them).
 */
final class SelectedDevices {

    private SelectedDevices() {
    }

    /** Every device of {@code college} in {@code udids} that the query matches, in its order (all pages). */
    static List<DeviceInventory> matching(List<DeviceInventory> college, Set<String> udids, InventoryQuery query) {
        String text = query.text().toLowerCase(Locale.ROOT);
        return college.stream()
                .filter(row -> udids.contains(row.udid().udid()))
                .filter(row -> text.isEmpty() || matchesText(row, text))
                .filter(row -> query.filters().entrySet().stream().allMatch(f -> matches(row, f)))
                .sorted(order(query.sort(), query.ascending()))
                .toList();
    }

    /** One page of {@link #matching}, with the total. */
    static InventoryPage page(List<DeviceInventory> matching, InventoryQuery query) {
        long from = Math.min((long) query.page() * query.size(), matching.size());
        long to = Math.min(from + query.size(), matching.size());
        return new InventoryPage(matching.size(), query.page(), query.size(),
                matching.subList((int) from, (int) to));
    }

    private static boolean matchesText(DeviceInventory row, String text) {
        return row.udid().udid().toLowerCase(Locale.ROOT).contains(text)
                || row.name().map(n -> n.toLowerCase(Locale.ROOT).contains(text)).orElse(false)
                || row.serialNumber().map(s -> s.toLowerCase(Locale.ROOT).contains(text)).orElse(false);
    }

    private static boolean matches(DeviceInventory row, Map.Entry<InventoryField, Object> filter) {
        return row.value(filter.getKey()).map(filter.getValue()::equals).orElse(false);
    }

    /** The database's order: values in the direction asked, devices without one last, then by UDID. */
    static Comparator<DeviceInventory> order(InventoryField field, boolean ascending) {
        Comparator<DeviceInventory> byUdid = Comparator.comparing(row -> row.udid().udid());
        if (field == InventoryField.STALE) {
            // as the database sorts it: fresh (recent inventory) first when ascending, never inventoried first else
            Comparator<Optional<Instant>> age = ascending
                    ? Comparator.comparing(o -> o.orElse(null), Comparator.nullsLast(Comparator.reverseOrder()))
                    : Comparator.comparing(o -> o.orElse(null), Comparator.nullsFirst(Comparator.naturalOrder()));
            return Comparator.comparing(DeviceInventory::lastInventory, age).thenComparing(byUdid);
        }
        Comparator<Comparable<Object>> values = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
        return Comparator.comparing((DeviceInventory row) -> sortKey(field, row), Comparator.nullsLast(values))
                .thenComparing(byUdid);
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> sortKey(InventoryField field, DeviceInventory row) {
        Object value = row.value(field).orElse(null);
        if (value == null) {
            return null;
        }
        Object key = switch (field.type()) {
            case VERSION -> versionKey((String) value);
            case ROLE -> ((DeviceRole) value).name();
            default -> value;
        };
        return (Comparable<Object>) key;
    }

    /** Each number zero-padded ({@code 17.4.1} → {@code 00017.00004.00001}), so text order is version order. */
    private static String versionKey(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : version.strip().split("\\.")) {
            if (key.length() > 0) {
                key.append('.');
            }
            key.append(part.matches("[0-9]{1,5}") ? "0".repeat(5 - part.length()) + part : part);
        }
        return key.toString();
    }
}
