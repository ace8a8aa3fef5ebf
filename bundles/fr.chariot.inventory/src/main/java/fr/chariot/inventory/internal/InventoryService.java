package fr.chariot.inventory.internal;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(InventoryService.class);
    private static final int MAX_USER_NAME = 255;
    /** Fields stored by an older version may be gone: such names are skipped when read back. */
    private static final Set<String> KNOWN_FIELD_NAMES = Arrays.stream(InventoryField.values())
            .map(InventoryField::fieldName).collect(Collectors.toUnmodifiableSet());

    private final InventoryStore store;
    private final InventorySearch search;
    private final InventoryCollector collector;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Activate
    public InventoryService(@Reference(target = "(chariot.schema=inv)") DataSource db,
            @Reference InventoryStore store, @Reference InventoryCollector collector, InventoryConfig config) {
        this(store, new InventorySearch(db, store.searchTexts(), Duration.ofDays(Math.max(1, config.staleDays())),
                Clock.systemUTC()), collector);
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
        return store.find(device, search.staleRule());
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
                        "Un iPad professeur partagé a besoin de son numéro N (il se nomme RNE-Prof N)."));
                if (number < 1) {
                    throw new IllegalArgumentException(
                            "Les iPad professeur partagés sont numérotés à partir de 1, pas " + number + ".");
                }
            }
            case TEACHER_PERSONAL -> {
                name = teacherName.map(String::strip).filter(n -> !n.isEmpty()).orElseThrow(
                        () -> new IllegalArgumentException("Un iPad personnel de professeur a besoin du nom du "
                                + "professeur."));
                if (name.length() > 200) {
                    throw new IllegalArgumentException("Le nom du professeur dépasse 200 caractères.");
                }
            }
        }
        if (!store.assignRole(device, role, number, name)) {
            throw new IllegalArgumentException("Appareil inconnu de l'inventaire : " + device.udid() + ".");
        }
        try {
            collector.applyNamingRule(device);
        } catch (RuntimeException e) {
            // the role is stored: the name follows at the device's next DeviceInformation answer
            LOG.error("Applying the naming rule to {} after its role changed failed", device, e);
        }
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            store.find(device, search.staleRule()).ifPresent(row -> admin.postEvent(new Event(
                    InventoryTopics.CHANGED, Map.of(InventoryTopics.UDID, device.udid(), InventoryTopics.SITE,
                            row.site()))));
        }
    }

    @Override
    public List<DeviceInventory> devicesOf(String site) {
        return store.devicesOf(InventoryCollector.college(site), search.staleRule());
    }

    @Override
    public Map<DeviceId, Set<String>> appIdsOf(String site) {
        return store.appIdsOf(InventoryCollector.college(site));
    }

    @Override
    public int refreshHours(String site) {
        return collector.refreshHours(site);
    }

    @Override
    public void changeRefreshHours(String site, int hours) {
        collector.changeRefreshHours(site, hours);
    }

    @Override
    public int staleDays(String site) {
        return store.staleDays(InventoryCollector.college(site))
                .orElse((int) Math.max(1, search.defaultStaleAfter().toDays()));
    }

    @Override
    public void changeStaleDays(String site, int days) {
        String rne = InventoryCollector.college(site);
        if (days < 1 || days > MAX_STALE_DAYS) {
            throw new IllegalArgumentException("Le seuil d'inventaire non mis à jour va de 1 à " + MAX_STALE_DAYS
                    + " jours, pas " + days + ".");
        }
        store.setStaleDays(rne, days);
        LOG.info("Devices of {} now stale after {} days without inventory", rne, days);
    }

    @Override
    public Optional<List<InventoryField>> chosenColumns(String userName) {
        return store.columnNames(checkedUserName(userName)).map(names -> Arrays.stream(names.split(","))
                .filter(KNOWN_FIELD_NAMES::contains).map(InventoryField::byName).toList())
                .filter(columns -> !columns.isEmpty());
    }

    @Override
    public void chooseColumns(String userName, List<InventoryField> columns) {
        String user = checkedUserName(userName);
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("Choisissez au moins une colonne.");
        }
        Set<InventoryField> seen = EnumSet.noneOf(InventoryField.class);
        for (InventoryField column : columns) {
            if (column == null) {
                throw new IllegalArgumentException("Une des colonnes choisies est vide (null).");
            }
            if (!seen.add(column)) {
                throw new IllegalArgumentException("La colonne « " + column.fieldName() + " » est choisie deux "
                        + "fois.");
            }
        }
        store.setColumnNames(user, columns.stream().map(InventoryField::fieldName).collect(Collectors.joining(",")));
    }

    private static String checkedUserName(String userName) {
        String user = userName == null ? "" : userName.strip();
        if (user.isEmpty()) {
            throw new IllegalArgumentException("Il faut le nom d'un utilisateur de la console.");
        }
        if (user.length() > MAX_USER_NAME) {
            throw new IllegalArgumentException("Le nom d'utilisateur dépasse " + MAX_USER_NAME + " caractères.");
        }
        return user;
    }
}
