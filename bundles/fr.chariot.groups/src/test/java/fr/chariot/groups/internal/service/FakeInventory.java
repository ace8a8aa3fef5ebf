package fr.chariot.groups.internal.service;

import java.io.Writer;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import fr.chariot.api.DeviceId;
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

/** The inventory's rows and apps held in maps; only what the groups bundle reads is implemented. */
public final class FakeInventory implements Inventory {

    private final Map<String, DeviceInventory> rows = new TreeMap<>();
    private final Map<String, List<InstalledApp>> apps = new HashMap<>();
    /** How many times a whole college was read. */
    int collegeReads;

    /** Sets a device's row: UDID, college, not stale, and the given values. */
    public void put(String udid, String site, Map<InventoryField, ?> values) {
        Map<InventoryField, Object> row = new EnumMap<>(InventoryField.class);
        row.put(InventoryField.UDID, udid);
        row.put(InventoryField.SITE, site);
        row.put(InventoryField.STALE, false);
        row.putAll(values);
        rows.put(udid, new DeviceInventory(row));
    }

    void apps(String udid, InstalledApp... installed) {
        apps.put(udid, List.of(installed));
    }

    static InstalledApp app(String bundleId, boolean installed) {
        return new InstalledApp(bundleId, Optional.empty(), Optional.empty(), installed, true, Optional.empty());
    }

    @Override
    public Optional<DeviceInventory> find(DeviceId device) {
        return Optional.ofNullable(rows.get(device.udid()));
    }

    @Override
    public List<InstalledApp> apps(DeviceId device) {
        return apps.getOrDefault(device.udid(), List.of());
    }

    @Override
    public List<DeviceInventory> devicesOf(String site) {
        collegeReads++;
        return rowsOf(site);
    }

    private List<DeviceInventory> rowsOf(String site) {
        return rows.values().stream().filter(row -> row.site().equals(site)).toList();
    }

    @Override
    public Map<DeviceId, Set<String>> appIdsOf(String site) {
        Map<DeviceId, Set<String>> ids = new HashMap<>();
        for (DeviceInventory row : rowsOf(site)) {
            Set<String> installed = apps(row.udid()).stream().filter(InstalledApp::installed)
                    .map(InstalledApp::bundleId).collect(Collectors.toSet());
            if (!installed.isEmpty()) {
                ids.put(row.udid(), installed);
            }
        }
        return ids;
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
