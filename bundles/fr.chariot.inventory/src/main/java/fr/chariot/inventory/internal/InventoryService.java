package fr.chariot.inventory.internal;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

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
import fr.chariot.inventory.api.InventoryTopics;
import fr.chariot.inventory.api.RefreshReport;
import fr.chariot.inventory.api.SharedIpadUser;

/** The {@link Inventory} service: reads from the store and the search, refreshes through the collector. */
@Component(service = Inventory.class, configurationPid = InventoryConfig.PID)
public class InventoryService implements Inventory {

    private final InventoryStore store;
    private final InventorySearch search;
    private final InventoryCollector collector;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Activate
    public InventoryService(@Reference(target = "(chariot.schema=inv)") DataSource db,
            @Reference InventoryStore store, @Reference InventoryCollector collector, InventoryConfig config) {
        this(store, new InventorySearch(db, Duration.ofDays(Math.max(1, config.staleDays())), Clock.systemUTC()),
                collector);
    }

    InventoryService(InventoryStore store, InventorySearch search, InventoryCollector collector) {
        this.store = store;
        this.search = search;
        this.collector = collector;
    }

    @Override
    public InventoryPage search(InventoryQuery query) {
        return search.search(Objects.requireNonNull(query, "query"));
    }

    @Override
    public Optional<DeviceInventory> find(DeviceId device) {
        return store.find(device, search.staleBefore());
    }

    @Override
    public List<InstalledApp> apps(DeviceId device) {
        return store.apps(device);
    }

    @Override
    public List<InstalledProfile> profiles(DeviceId device) {
        return store.profiles(device);
    }

    @Override
    public List<SharedIpadUser> users(DeviceId device) {
        return store.users(device);
    }

    @Override
    public void export(InventoryQuery query, List<InventoryField> columns, ExportFormat format, Writer out)
            throws IOException {
        InventoryExport export = new InventoryExport(format, columns, out);
        export.begin();
        search.forEach(query, export::row);
        export.end();
    }

    @Override
    public RefreshReport refresh(Collection<DeviceId> devices) {
        return collector.refresh(devices);
    }

    @Override
    public void assignRole(DeviceId device, DeviceRole role, Optional<Integer> teacherNumber,
            Optional<String> teacherName) {
        Objects.requireNonNull(role, "role");
        Integer number = null;
        String name = null;
        switch (role) {
            case STUDENT_SHARED -> {
            }
            case TEACHER_SHARED -> {
                number = teacherNumber.orElseThrow(() -> new IllegalArgumentException(
                        "a shared teacher iPad needs its number N (named RNE-Prof N)"));
                if (number < 1) {
                    throw new IllegalArgumentException("shared teacher iPads are numbered from 1, not " + number);
                }
            }
            case TEACHER_PERSONAL -> {
                name = teacherName.map(String::strip).filter(n -> !n.isEmpty()).orElseThrow(
                        () -> new IllegalArgumentException("a personal teacher iPad needs the teacher's name"));
                if (name.length() > 200) {
                    throw new IllegalArgumentException("the teacher's name is longer than 200 characters");
                }
            }
        }
        if (!store.assignRole(device, role, number, name)) {
            throw new IllegalArgumentException("unknown device " + device);
        }
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            store.find(device, search.staleBefore()).ifPresent(row -> admin.postEvent(new Event(
                    InventoryTopics.CHANGED, Map.of(InventoryTopics.UDID, device.udid(), InventoryTopics.SITE,
                            row.site()))));
        }
    }
}
