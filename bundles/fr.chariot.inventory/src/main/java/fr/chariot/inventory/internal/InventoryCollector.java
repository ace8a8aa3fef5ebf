package fr.chariot.inventory.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.api.Command;
import fr.chariot.api.CommandQueue;
import fr.chariot.api.CommandResult;
import fr.chariot.api.CommandStatus;
import fr.chariot.api.Commands;
import fr.chariot.api.DeviceDirectory;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.api.DeviceTopics;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;
import fr.chariot.inventory.api.DeviceNaming;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.RefreshReport;

/**
 * Keeps every device's inventory asked for: the full set when a device enrolls or someone asks, DeviceInformation
 * when the last inventory is older than its college's refresh period (checked hourly), UserList after each answer
 * from a Shared iPad, DeviceInformation again after a Settings that renamed the device. Also applies the naming
 * rule to supervised devices.
 *
 * <p>A device that does not answer (switched off in its cart) keeps one DeviceInformation outstanding; another is
 * queued only after {@code staleDays}, in case that answer was lost, so an offline device never piles up commands.
 */
@Component(service = {EventHandler.class, InventoryCollector.class}, configurationPid = InventoryConfig.PID,
        property = {EventConstants.EVENT_TOPIC + "=" + DeviceTopics.ENROLLED,
                EventConstants.EVENT_TOPIC + "=" + DeviceTopics.CHECKED_OUT})
@Designate(ocd = InventoryConfig.class)
public class InventoryCollector implements EventHandler {

    /** The origin of every command the inventory queues; its results come back to {@link InventoryResultHandler}. */
    static final String ORIGIN = "inventory";

    private static final Logger LOG = LoggerFactory.getLogger(InventoryCollector.class);
    /** Devices per enqueue call: one transaction and one push burst each. */
    private static final int BATCH = 500;
    private static final Duration CHECK_EVERY = Duration.ofHours(1);
    /** A result may be handed over again after a restart; the protocol keeps completed commands 30 days. */
    private static final Duration HANDLED_RETENTION = Duration.ofDays(45);

    private final CommandQueue queue;
    private final InventoryStore store;
    private final DeviceDirectory devices;
    private final SiteDirectory sites;
    private final Duration refreshAfter;
    private final Duration retryPendingAfter;
    private final Clock clock;
    /** Where event work runs: the inventory's own thread, so EventAdmin's thread is never held. */
    private final Executor eventWork;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chariot-inventory-refresh");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public InventoryCollector(@Reference CommandQueue queue, @Reference InventoryStore store,
            @Reference DeviceDirectory devices, @Reference SiteDirectory sites, InventoryConfig config) {
        this(queue, store, devices, sites, Duration.ofHours(Math.max(1, config.refreshHours())),
                Duration.ofDays(Math.max(1, config.staleDays())), Clock.systemUTC(), null);
        scheduler.execute(this::reconcileSafely);
        scheduler.scheduleWithFixedDelay(this::refreshOutdatedSafely, 1, CHECK_EVERY.toMinutes(), TimeUnit.MINUTES);
    }

    InventoryCollector(CommandQueue queue, InventoryStore store, DeviceDirectory devices, SiteDirectory sites,
            Duration refreshAfter, Duration retryPendingAfter, Clock clock, Executor eventWork) {
        this.queue = queue;
        this.store = store;
        this.devices = devices;
        this.sites = sites;
        this.refreshAfter = refreshAfter;
        this.retryPendingAfter = retryPendingAfter;
        this.clock = clock;
        this.eventWork = eventWork == null ? scheduler : eventWork;
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
    }

    /**
     * EventAdmin calls this on its own thread with a time limit: the work (database, queueing, pushes) runs on the
     * inventory's thread.
     */
    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty(DeviceTopics.UDID) instanceof String udid)) {
            return;
        }
        DeviceId device;
        try {
            device = new DeviceId(udid);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring {} with a malformed UDID", event.getTopic());
            return;
        }
        String topic = event.getTopic();
        eventWork.execute(() -> {
            try {
                if (DeviceTopics.ENROLLED.equals(topic)) {
                    enrolled(device);
                } else if (DeviceTopics.CHECKED_OUT.equals(topic)) {
                    store.recordCheckOut(device);
                }
            } catch (RuntimeException e) {
                LOG.error("Handling {} for {} failed", topic, device, e);
            }
        });
    }

    /** A device (re-)enrolled: record it as the protocol knows it and ask for its whole inventory. */
    void enrolled(DeviceId device) {
        DeviceRecord record = devices.find(device).orElse(null);
        if (record == null) {
            LOG.warn("{} enrolled but the device directory does not know it", device);
            return;
        }
        store.recordDevice(record);
        if (record.enrolled()) {
            queueFullInventory(List.of(device));
        }
    }

    /** The "Update Inventory" action: the full set for each enrolled device; the others are refused with why. */
    RefreshReport refresh(Collection<DeviceId> asked) {
        Map<DeviceId, Boolean> enrollment = store.enrollment(asked);
        Map<DeviceId, String> refused = new LinkedHashMap<>();
        List<DeviceId> enrolled = new ArrayList<>();
        for (DeviceId device : asked.stream().distinct().toList()) {
            Boolean isEnrolled = enrollment.get(device);
            if (isEnrolled == null) {
                refused.put(device, "unknown device");
            } else if (!isEnrolled) {
                refused.put(device, "no longer enrolled (MDM profile removed)");
            } else {
                enrolled.add(device);
            }
        }
        Map<DeviceId, String> queued = queueFullInventory(enrolled);
        enrolled.stream().filter(d -> !queued.containsKey(d))
                .forEach(d -> refused.put(d, "the command queue refused it"));
        return new RefreshReport(queued, refused);
    }

    /** UserList, after a Shared iPad answered DeviceInformation. */
    void queueUserList(DeviceId device) {
        enqueue(Commands.userList(), List.of(device));
    }

    /**
     * Queues DeviceInformation for every enrolled device whose inventory is older than its college's refresh
     * period: one query for the colleges on the default period, one per other period in use.
     */
    int refreshOutdated() {
        Instant now = clock.instant();
        Instant pendingBefore = now.minus(retryPendingAfter);
        Map<String, Integer> changed = store.refreshHoursBySite();
        List<DeviceId> outdated = new ArrayList<>(store.needingRefresh(InventoryStore.SiteScope.allBut(
                changed.keySet()), now.minus(refreshAfter), now.minus(refreshAfter), pendingBefore));
        Map<Integer, List<String>> sitesByHours = new TreeMap<>();
        changed.forEach((site, hours) -> sitesByHours.computeIfAbsent(hours, h -> new ArrayList<>()).add(site));
        sitesByHours.forEach((hours, sitesOnIt) -> {
            Instant before = now.minus(Duration.ofHours(hours));
            outdated.addAll(store.needingRefresh(InventoryStore.SiteScope.only(sitesOnIt), before, before,
                    pendingBefore));
        });
        Map<DeviceId, String> queued = enqueue(Commands.deviceInformation(Commands.DEVICE_INFORMATION_QUERIES),
                outdated);
        store.infoRequested(queued, now);
        store.pruneHandled(now.minus(HANDLED_RETENTION));
        return queued.size();
    }

    /**
     * A college's RNE as {@link Site#normalizeRne} writes it.
     *
     * @throws IllegalArgumentException in French, for the technicians, when it is not an RNE
     */
    static String college(String site) {
        try {
            return Site.normalizeRne(site);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("« " + site + " » n'est pas un code RNE (UAI) : sept chiffres suivis "
                    + "d'une lettre, par exemple 0310001A.", e);
        }
    }

    /** A college's refresh period in hours: the one a technician set, else the configured default. */
    int refreshHours(String site) {
        return store.refreshHours(college(site)).orElse((int) refreshAfter.toHours());
    }

    /** @throws IllegalArgumentException when the college is not an RNE or the period is out of range */
    void changeRefreshHours(String site, int hours) {
        String rne = college(site);
        if (hours < 1 || hours > Inventory.MAX_REFRESH_HOURS) {
            throw new IllegalArgumentException("La période d'actualisation de l'inventaire va de 1 à "
                    + Inventory.MAX_REFRESH_HOURS + " heures, pas " + hours + ".");
        }
        store.setRefreshHours(rne, hours);
        LOG.info("Inventory of {} now refreshed every {} hours", rne, hours);
    }

    // ---- the naming rule

    /**
     * Asks a supervised device whose reported name differs from the naming rule's to take that name (Settings
     * DeviceName needs supervision). The same name is asked at most once per {@code staleDays}: a device that is
     * offline, refuses, or keeps its name is not sent one Settings per answer.
     *
     * @return the Settings command's UUID when one was queued
     */
    Optional<String> applyNamingRule(DeviceId device) {
        Optional<InventoryStore.NamingFacts> facts = store.naming(device)
                .filter(InventoryStore.NamingFacts::supervised);
        Optional<String> expected = facts.flatMap(InventoryCollector::expectedName);
        if (expected.isEmpty() || expected.equals(facts.get().reportedName())) {
            return Optional.empty();
        }
        String name = expected.get();
        Instant now = clock.instant();
        if (!store.claimRename(device, name, now, now.minus(retryPendingAfter))) {
            return Optional.empty();
        }
        String uuid = enqueue(Commands.settingsDeviceName(name), List.of(device)).get(device);
        if (uuid == null) {
            store.releaseRename(device, name);
            return Optional.empty();
        }
        LOG.info("{} is asked to take its name from the naming rule ({})", device, uuid);
        return Optional.of(uuid);
    }

    private static Optional<String> expectedName(InventoryStore.NamingFacts facts) {
        if (facts.role().isEmpty()) {
            return Optional.empty();
        }
        DeviceRole role = facts.role().get();
        Optional<Integer> year = facts.enrolledAt().map(at -> at.atZone(ZoneOffset.UTC).getYear());
        if (role == DeviceRole.STUDENT_SHARED && year.isEmpty()) {
            return Optional.empty();
        }
        // the year only enters a student iPad's name
        return DeviceNaming.expectedName(role, facts.site(), year.orElse(0), facts.serialNumber(),
                facts.teacherNumber(), facts.teacherName());
    }

    /**
     * The answer to a Settings DeviceName: on success DeviceInformation is asked so the inventory shows the new
     * name; a failure is logged and not retried before {@code staleDays} (see {@link #applyNamingRule}).
     */
    void settingsAnswered(CommandResult result) {
        List<String> errors = new ArrayList<>();
        result.errorChain().forEach(error -> errors.add(describe(error)));
        if (result.response().get("Settings") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> setting && "Error".equals(setting.get("Status"))) {
                    errors.add(setting.get("ErrorChain") instanceof List<?> chain && !chain.isEmpty()
                            && chain.get(0) instanceof Map<?, ?> first ? describe(first) : "Error");
                }
            }
        }
        if (result.status() == CommandStatus.ACKNOWLEDGED && errors.isEmpty()) {
            Map<DeviceId, String> queued = enqueue(Commands.deviceInformation(Commands.DEVICE_INFORMATION_QUERIES),
                    List.of(result.device()));
            store.infoRequested(queued, clock.instant());
        } else {
            LOG.warn("{} did not take its name from the naming rule (Settings {}): {}", result.device(),
                    result.commandUuid(), errors.isEmpty() ? result.status() : String.join("; ", errors));
        }
    }

    private static String describe(Map<?, ?> error) {
        return error.get("ErrorDomain") + " " + error.get("ErrorCode")
                + (error.get("LocalizedDescription") instanceof String text ? " " + text : "");
    }

    /**
     * Devices enrolled while this bundle was absent are added; devices the protocol knows better (another college,
     * checked out) are corrected.
     */
    void reconcile() {
        Map<String, InventoryStore.Membership> known = store.memberships();
        List<DeviceId> added = new ArrayList<>();
        for (Site site : sites.list()) {
            for (DeviceRecord record : devices.list(site.rne())) {
                InventoryStore.Membership stored = known.get(record.udid().udid());
                if (stored == null) {
                    if (record.enrolled()) {
                        store.recordDevice(record);
                        added.add(record.udid());
                    }
                } else if (!stored.equals(new InventoryStore.Membership(record.rne(), record.enrolled()))) {
                    store.recordDevice(record);
                }
            }
        }
        if (!added.isEmpty()) {
            LOG.info("{} enrolled devices were not in the inventory yet: their inventory is asked", added.size());
            queueFullInventory(added);
        }
    }

    private Map<DeviceId, String> queueFullInventory(List<DeviceId> targets) {
        Map<DeviceId, String> info = enqueue(Commands.deviceInformation(Commands.DEVICE_INFORMATION_QUERIES), targets);
        store.infoRequested(info, clock.instant());
        List<DeviceId> reached = List.copyOf(info.keySet());
        enqueue(Commands.securityInfo(), reached);
        enqueue(Commands.installedApplicationList(false), reached);
        enqueue(Commands.managedApplicationList(), reached);
        enqueue(Commands.profileList(), reached);
        return info;
    }

    /**
     * Queues a command in batches. A batch the queue refuses (a device it does not know, e.g. deleted meanwhile)
     * is retried device by device, so one bad device costs only itself.
     */
    private Map<DeviceId, String> enqueue(Command command, List<DeviceId> targets) {
        Map<DeviceId, String> queued = new LinkedHashMap<>();
        for (int from = 0; from < targets.size(); from += BATCH) {
            List<DeviceId> batch = targets.subList(from, Math.min(targets.size(), from + BATCH));
            try {
                List<String> uuids = queue.enqueue(ORIGIN, command, batch);
                for (int i = 0; i < batch.size(); i++) {
                    queued.put(batch.get(i), uuids.get(i));
                }
            } catch (IllegalArgumentException refused) {
                for (DeviceId device : batch) {
                    try {
                        queued.put(device, queue.enqueue(ORIGIN, command, List.of(device)).get(0));
                    } catch (IllegalArgumentException e) {
                        LOG.warn("{} not queued for {}: {}", command.requestType(), device, e.getMessage());
                    }
                }
            }
        }
        return queued;
    }

    private void reconcileSafely() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.error("Reconciling the inventory with the enrolled devices failed", e);
        }
    }

    private void refreshOutdatedSafely() {
        try {
            int queued = refreshOutdated();
            if (queued > 0) {
                LOG.info("Inventory refresh queued for {} devices", queued);
            }
        } catch (RuntimeException e) {
            LOG.error("The scheduled inventory refresh failed", e);
        }
    }
}
