package fr.chariot.actions.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.actions.api.ActionReport;
import fr.chariot.actions.api.ActionRequest;
import fr.chariot.actions.api.ActionType;
import fr.chariot.actions.api.DeviceActions;
import fr.chariot.actions.api.DeviceOutcome;
import fr.chariot.actions.api.OutcomeStatus;
import fr.chariot.api.Command;
import fr.chariot.api.CommandHistory;
import fr.chariot.api.CommandQueue;
import fr.chariot.api.CommandRecord;
import fr.chariot.api.CommandResult;
import fr.chariot.api.CommandResultHandler;
import fr.chariot.api.Commands;
import fr.chariot.api.DeviceId;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.RefreshReport;

/**
 * Group actions: queues each action's commands, follows the devices' answers (origin {@value #ORIGIN}) and
 * reports where each device stands. One component for both services, so that queueing and handling answers share
 * {@link #commandLock}.
 *
 * <p>Steps: Restart is {@code RestartDevice}; Update OS is {@code AvailableOSUpdates}, then
 * {@code ScheduleOSUpdate} of the newest update offered; Update Inventory is the inventory's own refresh, whose
 * answers go to the inventory: its {@code DeviceInformation} is looked up in the command history when the report
 * is read.
 */
@Component(service = {DeviceActions.class, CommandResultHandler.class}, configurationPid = ActionsConfig.PID,
        property = CommandResultHandler.ORIGIN + "=" + GroupActions.ORIGIN)
@Designate(ocd = ActionsConfig.class)
public class GroupActions implements DeviceActions, CommandResultHandler {

    /** The origin of every command queued here: their results come back to {@link #handle}. */
    static final String ORIGIN = "actions";

    /** {@code Updates[].InstallAction} of {@code system.update.schedule.yaml}. */
    static final Set<String> INSTALL_ACTIONS = Set.of(
            "Default", "DownloadOnly", "InstallASAP", "NotifyOnly", "InstallLater", "InstallForceRestart");
    static final String DEFAULT_INSTALL_ACTION = "Default";

    static final String UNKNOWN = "Appareil inconnu";
    static final String NOT_ENROLLED = "Appareil non inscrit (profil MDM retiré)";
    static final String UNSUPERVISED = "Appareil non supervisé";
    static final String SUPERVISION_UNKNOWN = "Supervision inconnue : inventaire pas encore reçu";
    static final String UNKNOWN_TO_MDM = "Appareil inconnu du service MDM";

    private static final String RESTART = "RestartDevice";
    private static final String AVAILABLE_UPDATES = "AvailableOSUpdates";
    private static final String SCHEDULE_UPDATE = "ScheduleOSUpdate";
    private static final String DEVICE_INFORMATION = "DeviceInformation";
    private static final int REQUESTED_BY_MAX = 255;
    /** Devices per enqueue call, as the inventory does: one transaction and one push burst each. */
    private static final int ENQUEUE_BATCH = 500;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(GroupActions.class);

    private final ActionStore store;
    private final CommandQueue queue;
    private final CommandHistory history;
    private final Inventory inventory;
    private final Clock clock;
    private final Duration retention;
    /**
     * Held from queueing a command until its UUID is recorded, and while an answer is matched: a device can answer
     * before the UUID is in the database (a restart is acknowledged within seconds), and its answer would otherwise
     * find no device waiting on it.
     */
    private final ReentrantLock commandLock = new ReentrantLock();
    private final ScheduledExecutorService pruner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chariot-actions-prune");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public GroupActions(@Reference(target = "(chariot.schema=act)") DataSource db, @Reference CommandQueue queue,
            @Reference CommandHistory history, @Reference Inventory inventory, ActionsConfig config) {
        this(new ActionStore(db), queue, history, inventory, Clock.systemUTC(),
                Duration.ofDays(Math.max(1, config.retentionDays())));
        pruner.scheduleWithFixedDelay(this::pruneSafely, 1, PRUNE_EVERY.toMinutes(), TimeUnit.MINUTES);
    }

    GroupActions(ActionStore store, CommandQueue queue, CommandHistory history, Inventory inventory, Clock clock,
            Duration retention) {
        this.store = store;
        this.queue = queue;
        this.history = history;
        this.inventory = inventory;
        this.clock = clock;
        this.retention = retention;
    }

    @Deactivate
    void stop() {
        pruner.shutdownNow();
    }

    @Override
    public ActionReport start(ActionRequest request) {
        Optional<String> installAction = validate(request);
        List<ActionStore.NewOutcome> outcomes = new ArrayList<>();
        // devices that can do it, by position in the request, with their college
        Map<Integer, DeviceInventory> able = new LinkedHashMap<>();
        for (DeviceId device : request.devices()) {
            Optional<DeviceInventory> row = inventory.find(device);
            Optional<String> site = row.map(DeviceInventory::site);
            Optional<String> refusal = row.isEmpty() ? Optional.of(UNKNOWN) : refusal(request.type(), row.get());
            if (refusal.isPresent()) {
                outcomes.add(new ActionStore.NewOutcome(device, site, OutcomeStatus.REFUSED, refusal, Optional.empty(),
                        null));
            } else {
                able.put(outcomes.size(), row.get());
                outcomes.add(null);
            }
        }
        long id;
        commandLock.lock();
        try {
            queueAll(request.type(), able, outcomes);
            id = store.record(request.type(), installAction, request.requestedBy(), clock.instant(), outcomes);
        } finally {
            commandLock.unlock();
        }
        LOG.info("Group action {} ({}) asked by {} for {} devices, {} queued", id, request.type(),
                request.requestedBy(), outcomes.size(), able.size());
        return report(id).orElseThrow();
    }

    /** The InstallAction to record; throws when the request is malformed. */
    private static Optional<String> validate(ActionRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.devices().isEmpty()) {
            throw new IllegalArgumentException("une action de groupe porte sur au moins un appareil");
        }
        if (request.devices().size() > MAX_DEVICES) {
            throw new IllegalArgumentException("une action de groupe porte sur " + MAX_DEVICES
                    + " appareils au plus, pas " + request.devices().size());
        }
        if (request.requestedBy().isBlank() || request.requestedBy().length() > REQUESTED_BY_MAX) {
            throw new IllegalArgumentException("le demandeur est nommé en 1 à " + REQUESTED_BY_MAX + " caractères");
        }
        if (request.type() != ActionType.UPDATE_OS) {
            if (request.installAction().isPresent()) {
                throw new IllegalArgumentException("une action d'installation (installAction) ne vaut que pour "
                        + ActionType.UPDATE_OS);
            }
            return Optional.empty();
        }
        String installAction = request.installAction().orElse(DEFAULT_INSTALL_ACTION);
        if (!INSTALL_ACTIONS.contains(installAction)) {
            throw new IllegalArgumentException("action d'installation « " + installAction
                    + " » inconnue ; au choix : " + INSTALL_ACTIONS);
        }
        return Optional.of(installAction);
    }

    /** Why a device the inventory knows cannot do the action; empty when it can. */
    private static Optional<String> refusal(ActionType type, DeviceInventory device) {
        if (!Boolean.TRUE.equals(device.value(InventoryField.ENROLLED).orElse(false))) {
            return Optional.of(NOT_ENROLLED);
        }
        if (type == ActionType.UPDATE_INVENTORY) {
            return Optional.empty();
        }
        // RestartDevice and the OS update commands need supervision on iOS (protocol.md §11)
        Optional<Object> supervised = device.value(InventoryField.SUPERVISED);
        if (supervised.isEmpty()) {
            return Optional.of(SUPERVISION_UNKNOWN);
        }
        return Boolean.TRUE.equals(supervised.get()) ? Optional.empty() : Optional.of(UNSUPERVISED);
    }

    /** Queues the action for the devices that can do it and fills in their outcomes. */
    private void queueAll(ActionType type, Map<Integer, DeviceInventory> able,
            List<ActionStore.NewOutcome> outcomes) {
        if (able.isEmpty()) {
            return;
        }
        List<Integer> positions = List.copyOf(able.keySet());
        List<DeviceId> devices = positions.stream().map(position -> able.get(position).udid()).toList();
        if (type == ActionType.UPDATE_INVENTORY) {
            RefreshReport refresh = inventory.refresh(devices);
            for (int i = 0; i < positions.size(); i++) {
                DeviceId device = devices.get(i);
                Optional<String> site = Optional.of(able.get(positions.get(i)).site());
                String uuid = refresh.queued().get(device);
                outcomes.set(positions.get(i), uuid != null
                        ? new ActionStore.NewOutcome(device, site, OutcomeStatus.QUEUED, Optional.empty(),
                                Optional.of(uuid), DEVICE_INFORMATION)
                        : new ActionStore.NewOutcome(device, site, OutcomeStatus.REFUSED,
                                Optional.of(refresh.refused().getOrDefault(device, "Refusé par l'inventaire")),
                                Optional.empty(), null));
            }
            return;
        }
        Command command = type == ActionType.RESTART ? Commands.restartDevice() : Commands.availableOSUpdates();
        for (int from = 0; from < positions.size(); from += ENQUEUE_BATCH) {
            int to = Math.min(positions.size(), from + ENQUEUE_BATCH);
            List<Optional<String>> uuids = enqueue(command, devices.subList(from, to));
            for (int i = from; i < to; i++) {
                DeviceId device = devices.get(i);
                Optional<String> site = Optional.of(able.get(positions.get(i)).site());
                Optional<String> uuid = uuids.get(i - from);
                outcomes.set(positions.get(i), uuid.isPresent()
                        ? new ActionStore.NewOutcome(device, site, OutcomeStatus.QUEUED, Optional.empty(), uuid,
                                command.requestType())
                        : new ActionStore.NewOutcome(device, site, OutcomeStatus.REFUSED, Optional.of(UNKNOWN_TO_MDM),
                                Optional.empty(), null));
            }
        }
    }

    /**
     * Queues a command for the devices at once; when the queue refuses the lot (a device the inventory knows but
     * the protocol no longer does), one by one, so that only those devices are refused.
     *
     * @return each device's CommandUUID, empty for a device the queue refused
     */
    private List<Optional<String>> enqueue(Command command, List<DeviceId> devices) {
        try {
            return queue.enqueue(ORIGIN, command, devices).stream().map(Optional::of).toList();
        } catch (IllegalArgumentException refusedBatch) {
            LOG.warn("The command queue refused a batch of {} ({}); queueing one device at a time",
                    command.requestType(), refusedBatch.getMessage());
            List<Optional<String>> uuids = new ArrayList<>();
            for (DeviceId device : devices) {
                uuids.add(enqueueOne(command, device));
            }
            return uuids;
        }
    }

    private Optional<String> enqueueOne(Command command, DeviceId device) {
        try {
            return Optional.of(queue.enqueue(ORIGIN, command, List.of(device)).get(0));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ActionReport> report(long id) {
        return store.action(id).map(action -> {
            List<DeviceOutcome> outcomes = store.devices(id).stream()
                    .map(device -> action.type() == ActionType.UPDATE_INVENTORY ? inventoryOutcome(device)
                            : device.outcome())
                    .toList();
            return new ActionReport(action.id(), action.type(), action.installAction(), action.requestedBy(),
                    action.requestedAt(), outcomes);
        });
    }

    @Override
    public List<ActionReport> recent(Optional<Set<String>> sites, int limit) {
        Objects.requireNonNull(sites, "sites");
        if (limit < 1) {
            throw new IllegalArgumentException("au moins une action, pas " + limit);
        }
        // an action pruned between the two reads is simply left out
        return store.recent(sites, limit).stream().map(this::report).flatMap(Optional::stream).toList();
    }

    /**
     * A refresh's answer goes to the inventory's handler, so its outcome is read from the command history; a final
     * one is recorded, as the history forgets after its retention period.
     */
    private DeviceOutcome inventoryOutcome(ActionStore.StoredDevice device) {
        DeviceOutcome outcome = device.outcome();
        if (outcome.status() != OutcomeStatus.QUEUED || outcome.commandUuid().isEmpty()) {
            return outcome;
        }
        String uuid = outcome.commandUuid().get();
        Optional<CommandRecord> command = history.find(uuid);
        if (command.isEmpty()) {
            return outcome;
        }
        CommandRecord record = command.get();
        Instant at = record.completedAt().orElseGet(clock::instant);
        return switch (record.status()) {
            case ACKNOWLEDGED -> settle(device, uuid, OutcomeStatus.DONE, "Inventaire reçu", at);
            case ERROR -> settle(device, uuid, OutcomeStatus.FAILED, ErrorChains.describe(record.errorChain()), at);
            case NOT_NOW -> withReason(outcome, "L'appareil a répondu NotNow (occupé ou verrouillé) ; "
                    + "la demande lui sera renvoyée");
            case PENDING, SENT -> outcome;
        };
    }

    private DeviceOutcome settle(ActionStore.StoredDevice device, String uuid, OutcomeStatus status, String reason,
            Instant at) {
        store.advance(device, uuid, status, reason, uuid, DEVICE_INFORMATION, Optional.empty(), at);
        DeviceOutcome outcome = device.outcome();
        return new DeviceOutcome(outcome.device(), outcome.site(), status, Optional.of(reason), Optional.of(uuid), at);
    }

    private static DeviceOutcome withReason(DeviceOutcome outcome, String reason) {
        return new DeviceOutcome(outcome.device(), outcome.site(), outcome.status(), Optional.of(reason),
                outcome.commandUuid(), outcome.updatedAt());
    }

    /** An answer to a command queued here: moves its device on if it still waits on that command. */
    @Override
    public void handle(CommandResult result) {
        if (result.userShortName().isPresent()) {
            // every command of a group action is queued on the device channel
            return;
        }
        commandLock.lock();
        try {
            Optional<ActionStore.Waiting> waiting = store.waitingOn(result.commandUuid());
            if (waiting.isEmpty()) {
                LOG.debug("No group action waits on {} of {} (already handled, or pruned)", result.requestType(),
                        result.device());
                return;
            }
            ActionStore.StoredDevice device = waiting.get().device();
            if (!device.outcome().device().equals(result.device())
                    || !device.step().orElse("").equals(result.requestType())) {
                LOG.warn("Ignoring {} from {}: group action {} waits on {} from {} under that CommandUUID",
                        result.requestType(), result.device(), device.actionId(), device.step().orElse("?"),
                        device.outcome().device());
                return;
            }
            switch (result.status()) {
                case ACKNOWLEDGED -> acknowledged(waiting.get().action(), device, result);
                case ERROR -> store.advance(device, result.commandUuid(), OutcomeStatus.FAILED,
                        failurePrefix(device) + ErrorChains.describe(result.errorChain()), result.commandUuid(),
                        result.requestType(), Optional.empty(), result.receivedAt());
                case NOT_NOW -> store.explainWait(device, result.commandUuid(),
                        "L'appareil a répondu NotNow (occupé ou verrouillé) ; la commande lui sera renvoyée");
                case PENDING, SENT -> {
                    // not an answer
                }
            }
        } finally {
            commandLock.unlock();
        }
    }

    private void acknowledged(ActionStore.StoredAction action, ActionStore.StoredDevice device,
            CommandResult result) {
        String uuid = result.commandUuid();
        switch (result.requestType()) {
            case RESTART -> store.advance(device, uuid, OutcomeStatus.DONE, "Redémarrage accepté par l'appareil",
                    uuid, RESTART, Optional.empty(), result.receivedAt());
            case AVAILABLE_UPDATES -> {
                String installAction = action.installAction().orElse(DEFAULT_INSTALL_ACTION);
                OsUpdates.Choice choice = OsUpdates.choose(result.response(), installAction);
                if (choice.offer().isEmpty()) {
                    store.advance(device, uuid, choice.status(), choice.reason(), uuid, AVAILABLE_UPDATES,
                            Optional.empty(), result.receivedAt());
                    return;
                }
                OsUpdates.Offer offer = choice.offer().get();
                Optional<String> scheduled = enqueueOne(
                        Commands.scheduleOSUpdate(offer.productKey(), true, installAction), result.device());
                if (scheduled.isEmpty()) {
                    store.advance(device, uuid, OutcomeStatus.FAILED, "Programmation de la mise à jour "
                            + offer.label() + " impossible : appareil inconnu du service MDM", uuid,
                            AVAILABLE_UPDATES, choice.offer(), result.receivedAt());
                    return;
                }
                store.advance(device, uuid, OutcomeStatus.QUEUED, choice.reason(), scheduled.get(), SCHEDULE_UPDATE,
                        choice.offer(), result.receivedAt());
            }
            case SCHEDULE_UPDATE -> {
                OsUpdates.Scheduled scheduled = OsUpdates.scheduled(result.response(),
                        device.productKey().orElse(""), device.targetVersion().orElse("?"));
                store.advance(device, uuid, scheduled.status(), scheduled.reason(), uuid, SCHEDULE_UPDATE,
                        Optional.empty(), result.receivedAt());
            }
            default -> LOG.warn("Group action {} does not follow {}", action.id(), result.requestType());
        }
    }

    /** What failed, before the device's error: a two-step action says which step. */
    private static String failurePrefix(ActionStore.StoredDevice device) {
        return switch (device.step().orElse("")) {
            case AVAILABLE_UPDATES -> "Recherche des mises à jour : ";
            case SCHEDULE_UPDATE -> "Programmation de la mise à jour " + device.targetVersion().orElse("") + " : ";
            default -> "";
        };
    }

    /** Removes the reports older than the retention period. */
    int prune() {
        return store.prune(clock.instant().minus(retention));
    }

    private void pruneSafely() {
        try {
            int removed = prune();
            if (removed > 0) {
                LOG.info("Removed {} group action reports older than {} days", removed, retention.toDays());
            }
        } catch (RuntimeException e) {
            LOG.error("Removing old group action reports failed", e);
        }
    }
}
