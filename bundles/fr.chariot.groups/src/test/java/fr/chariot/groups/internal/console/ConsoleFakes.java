package fr.chariot.groups.internal.console;

import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.AuditPage;
import fr.chariot.accounts.api.AuditQuery;
import fr.chariot.api.DeviceId;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.ExportFormat;
import fr.chariot.inventory.api.InstalledApp;
import fr.chariot.inventory.api.InstalledProfile;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryPage;
import fr.chariot.inventory.api.InventoryQuery;
import fr.chariot.inventory.api.RefreshReport;
import fr.chariot.inventory.api.SharedIpadUser;

/** The services the console pages use besides the real groups service, held in memory. */
final class ConsoleFakes {

    private ConsoleFakes() {
    }

    /** Devices by UDID with a name and a serial number; no apps. Only what the pages and the service read. */
    static final class Devices implements Inventory {

        private final Map<String, DeviceInventory> rows = new TreeMap<>();

        void put(String udid, String site, String name, Map<InventoryField, ?> values) {
            Map<InventoryField, Object> row = new EnumMap<>(InventoryField.class);
            row.put(InventoryField.UDID, udid);
            row.put(InventoryField.SITE, site);
            row.put(InventoryField.STALE, false);
            row.put(InventoryField.NAME, name);
            row.put(InventoryField.SERIAL_NUMBER, "SN-" + udid);
            row.putAll(values);
            rows.put(udid, new DeviceInventory(row));
        }

        @Override
        public Optional<DeviceInventory> find(DeviceId device) {
            return Optional.ofNullable(rows.get(device.udid()));
        }

        @Override
        public List<InstalledApp> apps(DeviceId device) {
            return List.of();
        }

        @Override
        public List<DeviceInventory> devicesOf(String site) {
            return rows.values().stream().filter(row -> row.site().equals(site)).toList();
        }

        @Override
        public Map<DeviceId, Set<String>> appIdsOf(String site) {
            return Map.of();
        }

        @Override
        public InventoryPage search(InventoryQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<InstalledProfile> profiles(DeviceId device) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SharedIpadUser> users(DeviceId device) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void export(InventoryQuery query, List<InventoryField> columns, ExportFormat format, Writer out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RefreshReport refresh(Collection<DeviceId> devices) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void assignRole(DeviceId device, DeviceRole role, Optional<Integer> teacherNumber,
                Optional<String> teacherName) {
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

    static final class Colleges implements SiteDirectory {

        private final List<Site> sites;

        Colleges(Site... sites) {
            this.sites = List.of(sites);
        }

        @Override
        public List<Site> list() {
            return sites;
        }

        @Override
        public Optional<Site> find(String rne) {
            return sites.stream().filter(site -> site.rne().equals(rne)).findFirst();
        }

        @Override
        public Site create(Site site) {
            throw new UnsupportedOperationException();
        }
    }

    static final class Audit implements AuditLog {

        final List<AuditEvent> recorded = new ArrayList<>();

        @Override
        public void record(AuditEvent event) {
            recorded.add(event);
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

    /** Membership events are the service's business, tested there. */
    static final class NoEvents implements EventAdmin {

        @Override
        public void postEvent(Event event) {
        }

        @Override
        public void sendEvent(Event event) {
        }
    }
}
