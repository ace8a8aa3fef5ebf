package fr.chariot.actions.internal.console;

import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.AuditPage;
import fr.chariot.accounts.api.AuditQuery;
import fr.chariot.actions.api.ActionReport;
import fr.chariot.actions.api.ActionRequest;
import fr.chariot.actions.api.DeviceActions;
import fr.chariot.actions.api.DeviceOutcome;
import fr.chariot.actions.api.OutcomeStatus;
import fr.chariot.api.DeviceDirectory;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryPage;
import fr.chariot.inventory.api.InventoryQuery;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DeviceSelection;

/** In-memory stand-ins for what the console pages consume. */
final class ConsoleFakes {

    static final Instant T0 = Instant.parse("2025-03-10T08:00:00Z");

    private ConsoleFakes() {
    }

    /**
     * The devices as both the protocol's directory and the inventory know them. The inventory is a proxy answering
     * {@code find} and {@code search} only, so that methods added to {@link Inventory} leave these tests alone.
     */
    static final class Devices implements DeviceDirectory {

        final Map<DeviceId, DeviceInventory> rows = new LinkedHashMap<>();
        final List<InventoryQuery> searches = new ArrayList<>();
        final Inventory inventory = (Inventory) Proxy.newProxyInstance(Inventory.class.getClassLoader(),
                new Class<?>[] {Inventory.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "find" -> Optional.ofNullable(rows.get((DeviceId) args[0]));
                    case "search" -> search((InventoryQuery) args[0]);
                    case "toString" -> "fake inventory";
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        /** @param supervised null while the device's DeviceInformation has not arrived */
        DeviceId add(String udid, String site, String name, Boolean supervised) {
            return add(udid, site, name, true, supervised);
        }

        DeviceId add(String udid, String site, String name, boolean enrolled, Boolean supervised) {
            Map<InventoryField, Object> values = new EnumMap<>(InventoryField.class);
            values.put(InventoryField.UDID, udid);
            values.put(InventoryField.SITE, site);
            values.put(InventoryField.NAME, name);
            values.put(InventoryField.STALE, false);
            values.put(InventoryField.ENROLLED, enrolled);
            if (supervised != null) {
                values.put(InventoryField.SUPERVISED, supervised);
            }
            DeviceId device = new DeviceId(udid);
            rows.put(device, new DeviceInventory(values));
            return device;
        }

        @Override
        public Optional<DeviceRecord> find(DeviceId udid) {
            return Optional.ofNullable(rows.get(udid)).map(row -> new DeviceRecord(udid, row.site(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty(),
                    Optional.empty(), true));
        }

        @Override
        public List<DeviceRecord> list(String rne) {
            throw new UnsupportedOperationException();
        }

        /** Sites, text in the name and equality filters, by name then UDID, paged. */
        private InventoryPage search(InventoryQuery query) {
            searches.add(query);
            String text = query.text().toLowerCase(Locale.ROOT);
            List<DeviceInventory> matching = rows.values().stream()
                    .filter(row -> query.sites().map(sites -> sites.contains(row.site())).orElse(true))
                    .filter(row -> row.name().orElse("").toLowerCase(Locale.ROOT).contains(text))
                    .filter(row -> query.filters().entrySet().stream()
                            .allMatch(filter -> row.value(filter.getKey()).equals(Optional.of(filter.getValue()))))
                    .sorted(Comparator.comparing((DeviceInventory row) -> row.name().orElse(""))
                            .thenComparing(row -> row.udid().udid()))
                    .toList();
            int from = Math.min(matching.size(), query.page() * query.size());
            int to = Math.min(matching.size(), from + query.size());
            return new InventoryPage(matching.size(), query.page(), query.size(), matching.subList(from, to));
        }
    }

    /** Starts actions in memory: every device queued with the college the inventory gives, or refused if unknown. */
    static class Actions implements DeviceActions {

        final List<ActionRequest> started = new ArrayList<>();
        final Map<Long, ActionReport> reports = new LinkedHashMap<>();
        private final Devices devices;

        Actions(Devices devices) {
            this.devices = devices;
        }

        @Override
        public ActionReport start(ActionRequest request) {
            started.add(request);
            List<DeviceOutcome> outcomes = request.devices().stream().map(device -> {
                Optional<String> site = devices.inventory.find(device).map(DeviceInventory::site);
                return new DeviceOutcome(device, site, site.isPresent() ? OutcomeStatus.QUEUED : OutcomeStatus.REFUSED,
                        site.isPresent() ? Optional.empty() : Optional.of("Appareil inconnu"), Optional.empty(), T0);
            }).toList();
            return put(new ActionReport(reports.size() + 1, request.type(), request.installAction(),
                    request.requestedBy(), T0, outcomes));
        }

        ActionReport put(ActionReport report) {
            reports.put(report.id(), report);
            return report;
        }

        @Override
        public Optional<ActionReport> report(long id) {
            return Optional.ofNullable(reports.get(id));
        }

        @Override
        public List<ActionReport> recent(Optional<Set<String>> sites, int limit) {
            List<ActionReport> newestFirst = new ArrayList<>(reports.values());
            java.util.Collections.reverse(newestFirst);
            return newestFirst.stream()
                    .filter(report -> sites.isEmpty() || report.devices().stream()
                            .anyMatch(outcome -> outcome.site().map(sites.get()::contains).orElse(false)))
                    .limit(limit).toList();
        }
    }

    static final class Audit implements AuditLog {

        final List<AuditEvent> events = new ArrayList<>();

        @Override
        public void record(AuditEvent event) {
            events.add(event);
        }

        @Override
        public AuditPage entries(AuditQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void exportCsv(AuditQuery query, OutputStream out) {
            throw new UnsupportedOperationException();
        }
    }

    /** Groups ({@code group:<id>}) of one college each. */
    static final class Groups implements DeviceSelection {

        final Map<String, Selected> groups = new LinkedHashMap<>();

        @Override
        public String kind() {
            return "group";
        }

        @Override
        public Optional<Selected> select(ConsoleUser user, String id) {
            return Optional.ofNullable(groups.get(id)).filter(group -> user.principal().canSee(group.site()));
        }
    }
}
