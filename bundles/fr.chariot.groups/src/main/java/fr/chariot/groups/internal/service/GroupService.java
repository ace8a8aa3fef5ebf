package fr.chariot.groups.internal.service;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.api.DeviceId;
import fr.chariot.api.Site;
import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupNotFoundException;
import fr.chariot.groups.api.GroupTopics;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.Groups;
import fr.chariot.groups.api.InvalidGroupException;
import fr.chariot.groups.api.InventoryFields;
import fr.chariot.groups.api.InventoryView;
import fr.chariot.groups.api.MembershipChange;
import fr.chariot.groups.api.Operator;
import fr.chariot.groups.internal.Memberships;
import fr.chariot.groups.internal.criteria.CriteriaCompiler;
import fr.chariot.groups.internal.criteria.GroupValidator;
import fr.chariot.groups.internal.store.GroupStore;
import fr.chariot.groups.internal.store.JdbcGroupStore;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.InstalledApp;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryTopics;

/**
 * The {@link Groups} service: groups stored by {@link JdbcGroupStore}, members kept in {@link Memberships}, smart
 * groups following the inventory.
 *
 * <ul>
 * <li>Creating a smart group or changing its criteria recomputes it (and the smart groups naming it) over the
 * college's devices; a static group's new members recompute only the smart groups naming it.</li>
 * <li>{@link InventoryTopics#CHANGED} re-evaluates the college's smart groups for that one device.</li>
 * <li>Criteria that depend on the clock ("N days ago", {@code stale}) are recomputed every
 * {@link GroupsConfig#timeRecomputeMinutes()}, since no event says that time passed.</li>
 * </ul>
 * Every membership change is saved, then posted as {@link GroupTopics#MEMBERSHIP_CHANGED}.
 *
 * <p>All changes of one college's memberships (a person's change, an inventory event, the clock) hold that
 * college's lock from reading the inventory to posting, so the members in memory, in the database and in the
 * events always agree and no older inventory read overwrites a newer one. Events and clock recomputes run on one
 * thread of the bundle, in arrival order (so in order per device), never on EventAdmin's thread.
 */
// immediate: the catch-up and the clock recomputes must run even before anyone asks for the service
@Component(immediate = true, service = {Groups.class, EventHandler.class}, configurationPid = GroupsConfig.PID,
        property = EventConstants.EVENT_TOPIC + "=" + InventoryTopics.CHANGED)
@Designate(ocd = GroupsConfig.class)
public class GroupService implements Groups, EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GroupService.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final GroupStore store;
    private final GroupValidator validator;
    private final Memberships memberships;
    private final Inventory inventory;
    private final EventAdmin events;
    /** Where inventory events are handled; the worker thread in production, the caller's thread in tests. */
    private final Executor eventWork;
    private final ScheduledExecutorService worker;
    /** The smart groups of each college that has groups; a college without groups is absent. */
    private final Map<String, SiteGroups> siteGroups = new ConcurrentHashMap<>();
    private final Map<String, Object> siteLocks = new ConcurrentHashMap<>();

    @Activate
    public GroupService(@Reference(target = "(chariot.schema=grp)") DataSource dataSource,
            @Reference Inventory inventory, @Reference EventAdmin events, GroupsConfig config) {
        this(dataSource, inventory, events, ZoneId.of(config.timeZone()), Clock.systemUTC(),
                Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "chariot-groups");
                    t.setDaemon(true);
                    return t;
                }), null);
        long minutes = Math.max(1, config.timeRecomputeMinutes());
        // Inventory events are lost while this bundle is stopped: catch up once, then follow the clock.
        worker.execute(() -> recomputeSmartGroups(false));
        worker.scheduleWithFixedDelay(() -> recomputeSmartGroups(true), minutes, minutes, TimeUnit.MINUTES);
    }

    /**
     * @param worker    runs the clock recomputes (stopped at deactivate); {@code null} when the caller runs them
     * @param eventWork where inventory events are handled; {@code null} for {@code worker}
     */
    GroupService(DataSource dataSource, Inventory inventory, EventAdmin events, ZoneId zone, Clock clock,
            ScheduledExecutorService worker, Executor eventWork) {
        CriteriaCompiler compiler = new CriteriaCompiler(zone);
        this.validator = new GroupValidator(compiler);
        this.store = new JdbcGroupStore(dataSource, validator, clock);
        this.memberships = new Memberships(clock, compiler);
        this.inventory = inventory;
        this.events = events;
        this.worker = worker;
        this.eventWork = eventWork == null ? worker : eventWork;
        for (String site : store.sites()) {
            try {
                reload(site);
            } catch (InvalidGroupException e) {
                LOG.error("The groups of {} could not be loaded: {}", site, e.getMessage());
            }
        }
    }

    /** Lets the event or recompute under way finish (an interrupt would abort its database work), then stops. */
    @Deactivate
    void stop() throws InterruptedException {
        if (worker != null) {
            worker.shutdown();
            if (!worker.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        }
    }

    @Override
    public Group create(String site, String name, GroupType type, List<Criterion> criteria, boolean dashboard) {
        String rne = Site.normalizeRne(site);
        synchronized (lock(rne)) {
            // checked before the inventory is read, so bad input is answered as such
            validator.validate(new Group(0, rne, name.strip(), type, criteria, dashboard), store.list(rne));
            List<InventoryView> devices = type == GroupType.SMART ? devicesOf(rne) : List.of();
            Group group = store.create(rne, name, type, criteria, dashboard);
            reload(rne);
            if (type == GroupType.SMART) {
                commit(rne, memberships.recompute(rne, group.id(), devices));
            }
            return group;
        }
    }

    @Override
    public Optional<Group> find(long id) {
        return store.find(id);
    }

    @Override
    public List<Group> list(String site) {
        return store.list(site);
    }

    @Override
    public Group rename(String site, long id, String name) {
        return store.rename(site, id, name);
    }

    @Override
    public Group changeCriteria(String site, long id, List<Criterion> criteria) {
        String rne = Site.normalizeRne(site);
        synchronized (lock(rne)) {
            List<Group> groups = store.list(rne);
            Group old = groups.stream().filter(g -> g.id() == id).findFirst()
                    .orElseThrow(() -> new GroupNotFoundException(rne, id));
            validator.validate(new Group(id, rne, old.name(), old.type(), criteria, old.dashboard()), groups);
            List<InventoryView> devices = devicesOf(rne);
            Group changed = store.changeCriteria(rne, id, criteria);
            reload(rne);
            commit(rne, memberships.recompute(rne, id, devices));
            return changed;
        }
    }

    @Override
    public Group showOnDashboard(String site, long id, boolean dashboard) {
        return store.showOnDashboard(site, id, dashboard);
    }

    @Override
    public void delete(String site, long id) {
        String rne = Site.normalizeRne(site);
        synchronized (lock(rne)) {
            Set<String> members = store.members(rne, id);
            store.delete(rne, id);
            reload(rne);
            post(List.of(new MembershipChange(rne, id, Set.of(), members)));
        }
    }

    @Override
    public void addMembers(String site, long id, Collection<String> udids) {
        String rne = Site.normalizeRne(site);
        synchronized (lock(rne)) {
            Set<String> before = store.members(rne, id);
            checkDevicesOf(rne, udids);
            changeStaticMembers(rne, id, before, () -> store.addMembers(rne, id, udids));
        }
    }

    @Override
    public void removeMembers(String site, long id, Collection<String> udids) {
        String rne = Site.normalizeRne(site);
        synchronized (lock(rne)) {
            Set<String> before = store.members(rne, id);
            changeStaticMembers(rne, id, before, () -> store.removeMembers(rne, id, udids));
        }
    }

    /** Writes a static group's members, then recomputes the smart groups naming it, if any. */
    private void changeStaticMembers(String rne, long id, Set<String> before, Runnable write) {
        // read first: once the members are written, a failing inventory would leave the dependents behind
        List<InventoryView> devices = memberships.hasDependents(rne, id) ? devicesOf(rne) : null;
        write.run();
        reload(rne);
        Set<String> after = store.members(rne, id);
        List<MembershipChange> changes = new ArrayList<>();
        Set<String> entered = difference(after, before);
        Set<String> left = difference(before, after);
        if (!entered.isEmpty() || !left.isEmpty()) {
            changes.add(new MembershipChange(rne, id, entered, left));
        }
        if (devices != null) {
            List<MembershipChange> dependents = memberships.recompute(rne, id, devices);
            save(rne, dependents);
            changes.addAll(dependents);
        }
        post(changes);
    }

    /** Every UDID must be a device the inventory knows in that college; an unknown one and another college's read alike. */
    private void checkDevicesOf(String rne, Collection<String> udids) {
        List<String> problems = new ArrayList<>();
        for (String udid : new LinkedHashSet<>(udids)) {
            DeviceId device;
            try {
                device = new DeviceId(udid);
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add("« " + udid + " » n'est pas l'identifiant (UDID) d'un appareil.");
                continue;
            }
            Optional<DeviceInventory> row = inventory.find(device);
            if (row.isEmpty() || !rne.equals(row.get().site())) {
                problems.add("L'appareil « " + udid + " » n'est pas un appareil du collège " + rne + ".");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidGroupException(problems);
        }
    }

    @Override
    public Set<String> members(String site, long id) {
        return memberships.members(Site.normalizeRne(site), id);
    }

    @Override
    public List<Group> groupsOf(String site, String udid) {
        String rne = Site.normalizeRne(site);
        Set<Long> ids = memberships.groupsOf(rne, udid);
        if (ids.isEmpty()) {
            return List.of();
        }
        return store.list(rne).stream().filter(g -> ids.contains(g.id())).toList();
    }

    /**
     * EventAdmin calls this on its own thread with a time limit: reading the inventory and saving run on the
     * bundle's thread, in the order the events came.
     */
    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty(InventoryTopics.UDID) instanceof String udid)
                || !(event.getProperty(InventoryTopics.SITE) instanceof String site)) {
            LOG.warn("Ignoring {} without {} and {}", event.getTopic(), InventoryTopics.UDID, InventoryTopics.SITE);
            return;
        }
        DeviceId device;
        String rne;
        try {
            device = new DeviceId(udid);
            rne = Site.normalizeRne(site);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring {} with a malformed UDID or RNE", event.getTopic());
            return;
        }
        eventWork.execute(() -> {
            try {
                deviceChanged(device, rne);
            } catch (RuntimeException e) {
                LOG.error("Updating the smart groups of {} after its inventory changed failed", device, e);
            }
        });
    }

    /** Re-evaluates the college's smart groups for one device, from its inventory as it is now. */
    void deviceChanged(DeviceId device, String rne) {
        if (!siteGroups.containsKey(rne)) {
            return;
        }
        synchronized (lock(rne)) {
            Optional<DeviceInventory> row = inventory.find(device);
            if (row.isEmpty() || !rne.equals(row.get().site())) {
                // Gone, or moved to another college since the event: that college's own event handles it.
                LOG.debug("{} is no longer a device of {}; its groups there are left as they are", device, rne);
                return;
            }
            Set<String> apps = inventory.apps(device).stream().filter(InstalledApp::installed)
                    .map(InstalledApp::bundleId).collect(Collectors.toUnmodifiableSet());
            commit(rne, memberships.deviceChanged(rne, new InventoryDeviceView(row.get(), apps)));
        }
    }

    /**
     * Recomputes smart groups over their colleges' devices: every one (at start) or only those whose criteria
     * depend on the clock, with the smart groups naming them. A college that fails is logged; the others go on.
     */
    void recomputeSmartGroups(boolean onlyClockDependent) {
        for (String rne : siteGroups.keySet()) {
            try {
                synchronized (lock(rne)) {
                    SiteGroups groups = siteGroups.get(rne);
                    Set<Long> ids = groups == null ? Set.of()
                            : onlyClockDependent ? groups.clockDependent() : groups.smart();
                    if (!ids.isEmpty()) {
                        commit(rne, memberships.recompute(rne, ids, devicesOf(rne)));
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("Recomputing the smart groups of {} failed", rne, e);
            }
        }
    }

    /** Saves membership changes of smart groups, then announces them. */
    private void commit(String rne, List<MembershipChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        save(rne, changes);
        post(changes);
    }

    private void save(String rne, List<MembershipChange> changes) {
        try {
            store.saveChanges(changes);
        } catch (RuntimeException e) {
            // The changes are in memory only: go back to what the database holds, so nothing unsaved is believed.
            reload(rne);
            throw e;
        }
    }

    private void post(List<MembershipChange> changes) {
        for (MembershipChange change : changes) {
            if (change.entered().isEmpty() && change.left().isEmpty()) {
                continue;
            }
            events.postEvent(new Event(GroupTopics.MEMBERSHIP_CHANGED, Map.of(
                    GroupTopics.SITE, change.site(),
                    GroupTopics.GROUP_ID, change.groupId(),
                    GroupTopics.ENTERED, new TreeSet<>(change.entered()).toArray(String[]::new),
                    GroupTopics.LEFT, new TreeSet<>(change.left()).toArray(String[]::new))));
        }
    }

    /** Brings a college's groups and stored members into memory, after any change of its groups. */
    private void reload(String rne) {
        List<Group> groups = store.list(rne);
        if (groups.isEmpty()) {
            memberships.unload(rne);
            siteGroups.remove(rne);
            return;
        }
        memberships.load(rne, groups, store.members(rne));
        Set<Long> smart = new HashSet<>();
        Set<Long> clockDependent = new HashSet<>();
        for (Group group : groups) {
            if (group.type() == GroupType.SMART) {
                smart.add(group.id());
                if (group.criteria().stream().anyMatch(GroupService::dependsOnClock)) {
                    clockDependent.add(group.id());
                }
            }
        }
        siteGroups.put(rne, new SiteGroups(Set.copyOf(smart), Set.copyOf(clockDependent)));
    }

    /** "N days ago" moves with the clock; {@code stale} turns true when no inventory comes, so with no event either. */
    private static boolean dependsOnClock(Criterion criterion) {
        return criterion.operator() == Operator.MORE_THAN_DAYS_AGO
                || criterion.operator() == Operator.LESS_THAN_DAYS_AGO
                || InventoryFields.STALE.equals(criterion.field());
    }

    /** Every device of the college with its installed apps, as a full recompute reads them. */
    private List<InventoryView> devicesOf(String rne) {
        Map<DeviceId, Set<String>> apps = inventory.appIdsOf(rne);
        List<InventoryView> views = new ArrayList<>();
        for (DeviceInventory row : inventory.devicesOf(rne)) {
            views.add(new InventoryDeviceView(row, apps.getOrDefault(row.udid(), Set.of())));
        }
        return views;
    }

    private static Set<String> difference(Set<String> from, Set<String> minus) {
        Set<String> difference = new HashSet<>(from);
        difference.removeAll(minus);
        return difference;
    }

    private Object lock(String rne) {
        return siteLocks.computeIfAbsent(rne, key -> new Object());
    }

    private record SiteGroups(Set<Long> smart, Set<Long> clockDependent) {
    }
}
