package fr.chariot.inventory.internal.console.device;

import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.AuditPage;
import fr.chariot.accounts.api.AuditQuery;
import fr.chariot.api.Command;
import fr.chariot.api.CommandHistory;
import fr.chariot.api.CommandQueue;
import fr.chariot.api.CommandRecord;
import fr.chariot.api.DeviceDirectory;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.InstalledApp;
import fr.chariot.inventory.api.InstalledProfile;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryPage;
import fr.chariot.inventory.api.InventoryQuery;
import fr.chariot.inventory.api.ExportFormat;
import fr.chariot.inventory.api.RefreshReport;
import fr.chariot.inventory.api.SharedIpadUser;

/**
 * Stand-ins for the services the device page reads and changes, recording what it asks. The inventory is a fake:
 * the real one's wiring (collector, configuration) is package-private to {@code fr.chariot.inventory.internal}.
 */
final class PageFakes {

    private PageFakes() {
    }

    static final class Directory implements DeviceDirectory, SiteDirectory {
        final Map<DeviceId, DeviceRecord> devices = new LinkedHashMap<>();
        final Map<String, Site> sites = new LinkedHashMap<>();

        DeviceRecord enroll(String udid, String rne, boolean enrolled) {
            sites.putIfAbsent(rne, new Site(rne, "Collège " + rne));
            DeviceRecord record = new DeviceRecord(new DeviceId(udid), rne, Optional.of("SERIAL" + udid.length()),
                    Optional.of("iPad13,18"), Optional.of("17.0"), Optional.empty(), enrolled, Optional.empty(),
                    Optional.empty(), true);
            devices.put(record.udid(), record);
            return record;
        }

        @Override
        public Optional<DeviceRecord> find(DeviceId udid) {
            return Optional.ofNullable(devices.get(udid));
        }

        @Override
        public List<DeviceRecord> list(String rne) {
            return devices.values().stream().filter(d -> d.rne().equals(rne)).toList();
        }

        @Override
        public List<Site> list() {
            return List.copyOf(sites.values());
        }

        @Override
        public Optional<Site> find(String rne) {
            return Optional.ofNullable(sites.get(rne));
        }

        @Override
        public Site create(Site site) {
            sites.put(site.rne(), site);
            return site;
        }
    }

    record RoleAssigned(DeviceId device, DeviceRole role, Optional<Integer> teacherNumber,
            Optional<String> teacherName) {
    }

    static final class FakeInventory implements Inventory {
        final Map<DeviceId, DeviceInventory> rows = new HashMap<>();
        final Map<DeviceId, List<InstalledApp>> apps = new HashMap<>();
        final Map<DeviceId, List<InstalledProfile>> profiles = new HashMap<>();
        final Map<DeviceId, List<SharedIpadUser>> users = new HashMap<>();
        final List<Collection<DeviceId>> refreshed = new ArrayList<>();
        final List<RoleAssigned> roles = new ArrayList<>();
        /** Devices refresh refuses, with the reason. */
        final Map<DeviceId, String> refusing = new HashMap<>();

        DeviceInventory put(DeviceId udid, String site, Map<InventoryField, Object> values) {
            Map<InventoryField, Object> all = new HashMap<>(values);
            all.put(InventoryField.UDID, udid.udid());
            all.put(InventoryField.SITE, site);
            all.putIfAbsent(InventoryField.STALE, false);
            DeviceInventory row = new DeviceInventory(all);
            rows.put(udid, row);
            return row;
        }

        @Override
        public Optional<DeviceInventory> find(DeviceId device) {
            return Optional.ofNullable(rows.get(device));
        }

        @Override
        public List<InstalledApp> apps(DeviceId device) {
            return apps.getOrDefault(device, List.of());
        }

        @Override
        public List<InstalledProfile> profiles(DeviceId device) {
            return profiles.getOrDefault(device, List.of());
        }

        @Override
        public List<SharedIpadUser> users(DeviceId device) {
            return users.getOrDefault(device, List.of());
        }

        @Override
        public RefreshReport refresh(Collection<DeviceId> devices) {
            refreshed.add(List.copyOf(devices));
            Map<DeviceId, String> queued = new HashMap<>();
            Map<DeviceId, String> refused = new HashMap<>();
            for (DeviceId device : devices) {
                if (refusing.containsKey(device)) {
                    refused.put(device, refusing.get(device));
                } else {
                    queued.put(device, UUID.randomUUID().toString());
                }
            }
            return new RefreshReport(queued, refused);
        }

        @Override
        public void assignRole(DeviceId device, DeviceRole role, Optional<Integer> teacherNumber,
                Optional<String> teacherName) {
            if (teacherName.isPresent() && teacherName.get().length() > 200) {
                throw new IllegalArgumentException("Le nom du professeur dépasse 200 caractères.");
            }
            roles.add(new RoleAssigned(device, role, teacherNumber, teacherName));
        }

        @Override
        public InventoryPage search(InventoryQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void export(InventoryQuery query, List<InventoryField> columns, ExportFormat format, Writer out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DeviceInventory> devicesOf(String site) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<DeviceId, Set<String>> appIdsOf(String site) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int refreshHours(String site) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changeRefreshHours(String site, int hours) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int staleDays(String site) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changeStaleDays(String site, int days) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<List<InventoryField>> chosenColumns(String userName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void chooseColumns(String userName, List<InventoryField> columns) {
            throw new UnsupportedOperationException();
        }
    }

    record Queued(String origin, Command command, Collection<DeviceId> devices) {
    }

    static final class Queue implements CommandQueue {
        final List<Queued> queued = new ArrayList<>();

        @Override
        public List<String> enqueue(String origin, Command command, Collection<DeviceId> devices) {
            queued.add(new Queued(origin, command, List.copyOf(devices)));
            return devices.stream().map(d -> UUID.randomUUID().toString()).toList();
        }
    }

    static final class History implements CommandHistory {
        final List<CommandRecord> commands = new ArrayList<>();
        int askedLimit;

        @Override
        public List<CommandRecord> history(DeviceId device, int limit) {
            askedLimit = limit;
            return commands.stream().filter(c -> c.device().equals(device))
                    .sorted((a, b) -> b.queuedAt().compareTo(a.queuedAt())).limit(limit).toList();
        }

        @Override
        public Optional<CommandRecord> find(String commandUuid) {
            return commands.stream().filter(c -> c.commandUuid().equals(commandUuid)).findFirst();
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
}
