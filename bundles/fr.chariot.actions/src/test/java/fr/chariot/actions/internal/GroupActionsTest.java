package fr.chariot.actions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.actions.api.ActionReport;
import fr.chariot.actions.api.ActionRequest;
import fr.chariot.actions.api.ActionType;
import fr.chariot.actions.api.DeviceActions;
import fr.chariot.actions.api.DeviceOutcome;
import fr.chariot.actions.api.OutcomeStatus;
import fr.chariot.api.AppleSchema;
import fr.chariot.api.Command;
import fr.chariot.api.CommandResult;
import fr.chariot.api.CommandStatus;
import fr.chariot.api.DeviceId;
import fr.chariot.persistence.internal.MutableClock;
import fr.chariot.persistence.internal.TestDerby;

class GroupActionsTest {

    private static final String SITE = "0751234A";
    private static final Instant T0 = Instant.parse("2025-03-10T08:00:00Z");

    @TempDir
    Path folder;

    private TestDerby derby;
    private final Fakes.Queue queue = new Fakes.Queue();
    private final Fakes.History history = new Fakes.History();
    private final Fakes.FakeInventory inventory = new Fakes.FakeInventory();
    private final MutableClock clock = new MutableClock(T0);
    private GroupActions actions;

    private DeviceId ipad1;
    private DeviceId ipad2;
    private DeviceId unsupervised;

    @BeforeEach
    void setUp() throws Exception {
        derby = new TestDerby(folder, "act");
        actions = newInstance();
        ipad1 = inventory.add("00008030-0001", SITE, true, true);
        ipad2 = inventory.add("00008030-0002", SITE, true, true);
        unsupervised = inventory.add("00008030-0003", SITE, true, false);
    }

    @AfterEach
    void tearDown() {
        derby.close();
    }

    /** A component as a restart would make it: nothing but the database is shared with the others. */
    private GroupActions newInstance() {
        return new GroupActions(new ActionStore(derby.dataSource), queue, history, inventory, clock,
                Duration.ofDays(90));
    }

    private ActionReport start(ActionType type, Optional<String> installAction, DeviceId... devices) {
        return actions.start(new ActionRequest(type, List.of(devices), installAction, "technicien@ac-paris.fr"));
    }

    private DeviceOutcome outcome(long id, DeviceId device) {
        return actions.report(id).orElseThrow().devices().stream().filter(o -> o.device().equals(device))
                .findFirst().orElseThrow();
    }

    private CommandResult answer(DeviceOutcome waiting, String requestType, CommandStatus status,
            Map<String, Object> response, List<Map<String, Object>> errorChain) {
        clock.advance(Duration.ofMinutes(1));
        return new CommandResult(waiting.commandUuid().orElseThrow(), waiting.device(), Optional.empty(), requestType,
                GroupActions.ORIGIN, status, response, errorChain, clock.instant());
    }

    private static void assertConforms(String yaml, Command command) {
        assertEquals(List.of(), AppleSchema.command(yaml).requestProblems(command), yaml);
    }

    /** Only Apple's keys with Apple's types; keys Apple marks required on other platforms may be absent. */
    private static void assertPlausibleAnswer(String yaml, Map<String, Object> response) {
        assertEquals(List.of(), AppleSchema.command(yaml).responseProblems(response).stream()
                .filter(problem -> !problem.endsWith("required but absent")).toList(), yaml);
    }

    private static Map<String, Object> update(String productKey, String version, boolean allowsInstallLater) {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("ProductKey", productKey);
        update.put("HumanReadableName", "iPadOS " + version);
        update.put("ProductName", "iPadOS");
        update.put("Version", version);
        update.put("Build", "21F" + version.replace(".", ""));
        update.put("InstallSize", 6_000_000_000L);
        update.put("IsCritical", false);
        update.put("RestartRequired", true);
        update.put("AllowsInstallLater", allowsInstallLater);
        update.put("IsSecurityResponse", false);
        return update;
    }

    private static Map<String, Object> availableUpdates(Map<?, ?>... updates) {
        Map<String, Object> response = Map.of("AvailableOSUpdates", List.of(updates));
        assertPlausibleAnswer("system.update.available", response);
        return response;
    }

    private static Map<String, Object> updateResults(String productKey, String installAction, String status) {
        Map<String, Object> response = Map.of("UpdateResults", List.of(Map.of("ProductKey", productKey,
                "InstallAction", installAction, "Status", status)));
        assertPlausibleAnswer("system.update.schedule", response);
        return response;
    }

    private static Map<String, Object> error(String description, String domain, long code) {
        return Map.of("LocalizedDescription", description, "ErrorDomain", domain, "ErrorCode", code);
    }

    private int rows(String table) throws Exception {
        try (Connection c = derby.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Nested
    class Starting {

        @Test
        void devicesThatCannotRestartAreReportedRefusedAndTheOthersQueuedInOneCall() {
            DeviceId unknown = new DeviceId("00008030-0009");
            DeviceId checkedOut = inventory.add("00008030-0004", SITE, false, true);
            DeviceId neverInventoried = inventory.add("00008030-0005", SITE, true, null);

            ActionReport report = start(ActionType.RESTART, Optional.empty(), ipad1, unsupervised, unknown, checkedOut,
                    neverInventoried, ipad2);

            assertEquals(List.of(ipad1, unsupervised, unknown, checkedOut, neverInventoried, ipad2),
                    report.devices().stream().map(DeviceOutcome::device).toList());
            assertEquals(List.of(OutcomeStatus.QUEUED, OutcomeStatus.REFUSED, OutcomeStatus.REFUSED,
                    OutcomeStatus.REFUSED, OutcomeStatus.REFUSED, OutcomeStatus.QUEUED),
                    report.devices().stream().map(DeviceOutcome::status).toList());
            assertEquals(List.of(Optional.empty(), Optional.of("Appareil non supervisé"),
                    Optional.of("Appareil inconnu"), Optional.of(GroupActions.NOT_ENROLLED),
                    Optional.of(GroupActions.SUPERVISION_UNKNOWN), Optional.empty()),
                    report.devices().stream().map(DeviceOutcome::reason).toList());
            assertEquals(Optional.empty(), report.devices().get(2).site(), "the unknown device has no college");
            assertEquals(Optional.of(SITE), report.devices().get(1).site());

            assertEquals(1, queue.calls.size());
            Fakes.Queue.Call call = queue.calls.get(0);
            assertEquals("actions", call.origin());
            assertEquals(List.of(ipad1, ipad2), call.devices());
            assertEquals("RestartDevice", call.command().requestType());
            assertConforms("device.restart", call.command());
            assertEquals(Optional.of("cmd-1"), report.devices().get(0).commandUuid());
            assertEquals(Optional.of("cmd-2"), report.devices().get(5).commandUuid());
            assertEquals(Optional.empty(), report.devices().get(1).commandUuid());
            assertEquals(2, report.count(OutcomeStatus.QUEUED));
            assertEquals("technicien@ac-paris.fr", report.requestedBy());
            assertEquals(T0, report.requestedAt());
        }

        @Test
        void anUnsupervisedDeviceIsRefusedAnOsUpdateButNotAnInventory() {
            ActionReport os = start(ActionType.UPDATE_OS, Optional.empty(), unsupervised, ipad1);
            assertEquals(OutcomeStatus.REFUSED, os.devices().get(0).status());
            assertEquals(Optional.of("Appareil non supervisé"), os.devices().get(0).reason());
            assertEquals(List.of(ipad1), queue.calls("AvailableOSUpdates").get(0).devices());
            assertConforms("system.update.available", queue.calls.get(0).command());

            ActionReport refresh = start(ActionType.UPDATE_INVENTORY, Optional.empty(), unsupervised);
            assertEquals(OutcomeStatus.QUEUED, refresh.devices().get(0).status());
        }

        @Test
        void whenTheQueueNoLongerKnowsADeviceOnlyThatDeviceIsRefused() {
            queue.unknown.add(ipad2);

            ActionReport report = start(ActionType.RESTART, Optional.empty(), ipad1, ipad2);

            assertEquals(OutcomeStatus.QUEUED, report.devices().get(0).status());
            assertEquals(OutcomeStatus.REFUSED, report.devices().get(1).status());
            assertEquals(Optional.of(GroupActions.UNKNOWN_TO_MDM), report.devices().get(1).reason());
        }

        @Test
        void malformedRequestsAreRefusedWithNothingQueuedNorRecorded() throws Exception {
            List<DeviceId> tooMany = IntStream.rangeClosed(0, DeviceActions.MAX_DEVICES)
                    .mapToObj(i -> new DeviceId("D" + i)).toList();
            List<ActionRequest> malformed = List.of(
                    new ActionRequest(ActionType.RESTART, List.of(), Optional.empty(), "tech"),
                    new ActionRequest(ActionType.RESTART, tooMany, Optional.empty(), "tech"),
                    new ActionRequest(ActionType.RESTART, List.of(ipad1), Optional.of("Default"), "tech"),
                    new ActionRequest(ActionType.UPDATE_INVENTORY, List.of(ipad1), Optional.of("Default"), "tech"),
                    new ActionRequest(ActionType.UPDATE_OS, List.of(ipad1), Optional.of("Now"), "tech"),
                    new ActionRequest(ActionType.UPDATE_OS, List.of(ipad1), Optional.empty(), " "));

            for (ActionRequest request : malformed) {
                assertThrows(IllegalArgumentException.class, () -> actions.start(request), request.toString());
            }

            assertEquals(List.of(), queue.calls);
            assertEquals(List.of(), inventory.refreshCalls);
            assertEquals(0, rows("act_action"));
            assertEquals(0, rows("act_device"));
        }
    }

    @Nested
    class Restart {

        @Test
        void anAcknowledgedRestartIsDone() {
            long id = start(ActionType.RESTART, Optional.empty(), ipad1).id();

            actions.handle(answer(outcome(id, ipad1), "RestartDevice", CommandStatus.ACKNOWLEDGED, Map.of(), List.of()));

            DeviceOutcome done = outcome(id, ipad1);
            assertEquals(OutcomeStatus.DONE, done.status());
            assertEquals(clock.instant(), done.updatedAt());
            assertEquals(Optional.of("cmd-1"), done.commandUuid());
        }

        @Test
        void aFailedRestartKeepsTheDevicesOwnWords() {
            long id = start(ActionType.RESTART, Optional.empty(), ipad1).id();

            actions.handle(answer(outcome(id, ipad1), "RestartDevice", CommandStatus.ERROR, Map.of(),
                    List.of(error("L'appareil n'est pas supervisé.", "MCMDMErrorDomain", 12_004L),
                            error("Cause sous-jacente", "MCProfileErrorDomain", 1L))));

            DeviceOutcome failed = outcome(id, ipad1);
            assertEquals(OutcomeStatus.FAILED, failed.status());
            assertEquals(Optional.of("L'appareil n'est pas supervisé. (MCMDMErrorDomain 12004)"), failed.reason());
        }

        @Test
        void notNowLeavesTheDeviceQueuedWithTheReason() {
            long id = start(ActionType.RESTART, Optional.empty(), ipad1).id();
            DeviceOutcome before = outcome(id, ipad1);

            actions.handle(answer(before, "RestartDevice", CommandStatus.NOT_NOW, Map.of(), List.of()));

            DeviceOutcome after = outcome(id, ipad1);
            assertEquals(OutcomeStatus.QUEUED, after.status());
            assertTrue(after.reason().orElseThrow().contains("NotNow"));
            assertEquals(before.updatedAt(), after.updatedAt(), "the status did not change");

            actions.handle(answer(before, "RestartDevice", CommandStatus.ACKNOWLEDGED, Map.of(), List.of()));
            assertEquals(OutcomeStatus.DONE, outcome(id, ipad1).status());
        }

        @Test
        void aResultHandedOverAgainChangesNothing() {
            long id = start(ActionType.RESTART, Optional.empty(), ipad1).id();
            DeviceOutcome queued = outcome(id, ipad1);
            actions.handle(answer(queued, "RestartDevice", CommandStatus.ACKNOWLEDGED, Map.of(), List.of()));
            DeviceOutcome done = outcome(id, ipad1);

            actions.handle(answer(queued, "RestartDevice", CommandStatus.ACKNOWLEDGED, Map.of(), List.of()));
            actions.handle(answer(queued, "RestartDevice", CommandStatus.ERROR, Map.of(),
                    List.of(error("trop tard", "MCMDMErrorDomain", 1L))));

            assertEquals(done, outcome(id, ipad1));
        }

        @Test
        void anAnswerFromAnotherDeviceUnderTheSameUuidIsIgnored() {
            long id = start(ActionType.RESTART, Optional.empty(), ipad1).id();
            DeviceOutcome queued = outcome(id, ipad1);
            DeviceOutcome forged = new DeviceOutcome(ipad2, queued.site(), queued.status(), queued.reason(),
                    queued.commandUuid(), queued.updatedAt());

            actions.handle(answer(forged, "RestartDevice", CommandStatus.ACKNOWLEDGED, Map.of(), List.of()));

            assertEquals(OutcomeStatus.QUEUED, outcome(id, ipad1).status());
        }
    }

    @Nested
    class OsUpdate {

        @Test
        void theNewestUpdateOfferedIsScheduledWithTheChosenInstallAction() {
            ActionReport started = start(ActionType.UPDATE_OS, Optional.of("InstallASAP"), ipad1);
            assertEquals(Optional.of("InstallASAP"), started.installAction());
            long id = started.id();
            DeviceOutcome asked = outcome(id, ipad1);

            actions.handle(answer(asked, "AvailableOSUpdates", CommandStatus.ACKNOWLEDGED, availableUpdates(
                    update("iOSUpdate21H9", "17.9", false), update("iOSUpdate21H10", "17.10", false),
                    update("iOSUpdate21H2", "17.2", false)), List.of()));

            List<Fakes.Queue.Call> schedules = queue.calls("ScheduleOSUpdate");
            assertEquals(1, schedules.size());
            assertEquals(List.of(ipad1), schedules.get(0).devices());
            assertEquals("actions", schedules.get(0).origin());
            Command schedule = schedules.get(0).command();
            assertConforms("system.update.schedule", schedule);
            assertEquals(List.of(Map.of("ProductKey", "iOSUpdate21H10", "InstallAction", "InstallASAP")),
                    schedule.keys().get("Updates"));

            DeviceOutcome scheduling = outcome(id, ipad1);
            assertEquals(OutcomeStatus.QUEUED, scheduling.status());
            assertEquals(Optional.of("cmd-2"), scheduling.commandUuid(), "now waiting on ScheduleOSUpdate");
            assertTrue(scheduling.reason().orElseThrow().contains("17.10"), scheduling.reason().toString());

            actions.handle(answer(scheduling, "ScheduleOSUpdate", CommandStatus.ACKNOWLEDGED,
                    updateResults("iOSUpdate21H10", "InstallASAP", "Downloading"), List.of()));

            DeviceOutcome done = outcome(id, ipad1);
            assertEquals(OutcomeStatus.DONE, done.status());
            assertEquals(Optional.of("Mise à jour 17.10 programmée (téléchargement en cours)"), done.reason());
        }

        @Test
        void withoutAnInstallActionTheDefaultIsSent() {
            ActionReport started = start(ActionType.UPDATE_OS, Optional.empty(), ipad1);
            assertEquals(Optional.of("Default"), started.installAction());

            actions.handle(answer(outcome(started.id(), ipad1), "AvailableOSUpdates", CommandStatus.ACKNOWLEDGED,
                    availableUpdates(update("iOSUpdate21F90", "17.5", false)), List.of()));

            assertEquals(List.of(Map.of("ProductKey", "iOSUpdate21F90", "InstallAction", "Default")),
                    queue.calls("ScheduleOSUpdate").get(0).command().keys().get("Updates"));
        }

        @Test
        void aDeviceOfferingNoUpdateIsAlreadyUpToDate() {
            long id = start(ActionType.UPDATE_OS, Optional.empty(), ipad1).id();

            actions.handle(answer(outcome(id, ipad1), "AvailableOSUpdates", CommandStatus.ACKNOWLEDGED,
                    availableUpdates(), List.of()));

            DeviceOutcome done = outcome(id, ipad1);
            assertEquals(OutcomeStatus.DONE, done.status());
            assertEquals(Optional.of("Déjà à jour"), done.reason());
            assertEquals(List.of(), queue.calls("ScheduleOSUpdate"));
        }

        @Test
        void anUpdateTheDeviceCannotScheduleFails() {
            long id = start(ActionType.UPDATE_OS, Optional.empty(), ipad1).id();
            actions.handle(answer(outcome(id, ipad1), "AvailableOSUpdates", CommandStatus.ACKNOWLEDGED,
                    availableUpdates(update("iOSUpdate21F90", "17.5", false)), List.of()));

            actions.handle(answer(outcome(id, ipad1), "ScheduleOSUpdate", CommandStatus.ACKNOWLEDGED,
                    updateResults("iOSUpdate21F90", "DownloadOnly", "DownloadInsufficientSpace"), List.of()));

            DeviceOutcome failed = outcome(id, ipad1);
            assertEquals(OutcomeStatus.FAILED, failed.status());
            assertEquals(Optional.of("Mise à jour 17.5 : espace insuffisant pour télécharger"), failed.reason());
        }

        @Test
        void anErrorToTheSearchForUpdatesSaysWhichStepFailed() {
            long id = start(ActionType.UPDATE_OS, Optional.empty(), ipad1).id();

            actions.handle(answer(outcome(id, ipad1), "AvailableOSUpdates", CommandStatus.ERROR, Map.of(),
                    List.of(Map.of("USEnglishDescription", "Not supervised"))));

            DeviceOutcome failed = outcome(id, ipad1);
            assertEquals(OutcomeStatus.FAILED, failed.status());
            assertEquals(Optional.of("Recherche des mises à jour : Not supervised"), failed.reason());
        }

        @Test
        void installLaterNeedsAnUpdateThatAllowsIt() {
            long id = start(ActionType.UPDATE_OS, Optional.of("InstallLater"), ipad1, ipad2).id();

            actions.handle(answer(outcome(id, ipad1), "AvailableOSUpdates", CommandStatus.ACKNOWLEDGED,
                    availableUpdates(update("iOSUpdate21F90", "17.5", false)), List.of()));
            actions.handle(answer(outcome(id, ipad2), "AvailableOSUpdates", CommandStatus.ACKNOWLEDGED,
                    availableUpdates(update("iOSUpdate21F90", "17.5", true), update("iOSUpdate21G", "17.6", false)),
                    List.of()));

            assertEquals(OutcomeStatus.FAILED, outcome(id, ipad1).status());
            assertEquals(List.of(Map.of("ProductKey", "iOSUpdate21F90", "InstallAction", "InstallLater")),
                    queue.calls("ScheduleOSUpdate").get(0).command().keys().get("Updates"));
        }

        @Test
        void theListOfUpdatesHandedOverAgainSchedulesOnlyOnce() {
            long id = start(ActionType.UPDATE_OS, Optional.empty(), ipad1).id();
            CommandResult offered = answer(outcome(id, ipad1), "AvailableOSUpdates", CommandStatus.ACKNOWLEDGED,
                    availableUpdates(update("iOSUpdate21F90", "17.5", false)), List.of());

            actions.handle(offered);
            DeviceOutcome scheduling = outcome(id, ipad1);
            actions.handle(offered);

            assertEquals(1, queue.calls("ScheduleOSUpdate").size());
            assertEquals(scheduling, outcome(id, ipad1));
        }

        @Test
        void everyStepSurvivesARestart() {
            long id = start(ActionType.UPDATE_OS, Optional.empty(), ipad1).id();
            DeviceOutcome asked = outcome(id, ipad1);

            actions = newInstance();
            actions.handle(answer(asked, "AvailableOSUpdates", CommandStatus.ACKNOWLEDGED,
                    availableUpdates(update("iOSUpdate21F90", "17.5", false)), List.of()));
            DeviceOutcome scheduling = outcome(id, ipad1);

            actions = newInstance();
            actions.handle(answer(scheduling, "ScheduleOSUpdate", CommandStatus.ACKNOWLEDGED,
                    updateResults("iOSUpdate21F90", "DownloadOnly", "Idle"), List.of()));

            DeviceOutcome done = newInstance().report(id).orElseThrow().devices().get(0);
            assertEquals(OutcomeStatus.DONE, done.status());
            assertEquals(Optional.of("Mise à jour 17.5 programmée"), done.reason());
        }
    }

    @Nested
    class UpdateInventory {

        @Test
        void eachDeviceStandsAsItsDeviceInformationInTheHistory() {
            DeviceId refusedByInventory = inventory.add("00008030-0006", SITE, true, true);
            inventory.refreshRefuses.put(refusedByInventory, "Appareil retiré de la gestion");
            DeviceId unknown = new DeviceId("00008030-0009");

            ActionReport started = start(ActionType.UPDATE_INVENTORY, Optional.empty(), ipad1, ipad2, unsupervised,
                    refusedByInventory, unknown);

            assertEquals(List.of(List.of(ipad1, ipad2, unsupervised, refusedByInventory)), inventory.refreshCalls);
            assertEquals(List.of(), queue.calls, "the inventory queues its own commands");
            List<DeviceOutcome> devices = started.devices();
            assertEquals(Optional.of("Appareil retiré de la gestion"), devices.get(3).reason());
            assertEquals(OutcomeStatus.REFUSED, devices.get(3).status());
            assertEquals(Optional.of("Appareil inconnu"), devices.get(4).reason());

            Instant answered = T0.plusSeconds(600);
            history.put(devices.get(0).commandUuid().orElseThrow(), ipad1, CommandStatus.ACKNOWLEDGED, List.of(),
                    answered);
            history.put(devices.get(1).commandUuid().orElseThrow(), ipad2, CommandStatus.ERROR,
                    List.of(error("Requête refusée", "MCMDMErrorDomain", 12_021L)), answered);
            history.put(devices.get(2).commandUuid().orElseThrow(), unsupervised, CommandStatus.SENT, List.of(),
                    answered);

            ActionReport report = actions.report(started.id()).orElseThrow();
            assertEquals(List.of(OutcomeStatus.DONE, OutcomeStatus.FAILED, OutcomeStatus.QUEUED,
                    OutcomeStatus.REFUSED, OutcomeStatus.REFUSED),
                    report.devices().stream().map(DeviceOutcome::status).toList());
            assertEquals(answered, report.devices().get(0).updatedAt());
            assertEquals(Optional.of("Requête refusée (MCMDMErrorDomain 12021)"), report.devices().get(1).reason());

            history.records.clear();
            ActionReport afterTheHistoryForgot = newInstance().report(started.id()).orElseThrow();
            assertEquals(report.devices(), afterTheHistoryForgot.devices(), "a final outcome is kept");
        }
    }

    @Test
    void reportsOlderThanTheRetentionAreRemoved() throws Exception {
        long old = start(ActionType.RESTART, Optional.empty(), ipad1).id();
        clock.advance(Duration.ofDays(91));
        long recent = start(ActionType.RESTART, Optional.empty(), ipad1).id();

        assertEquals(1, actions.prune());

        assertEquals(Optional.empty(), actions.report(old));
        assertTrue(actions.report(recent).isPresent());
        assertEquals(1, rows("act_device"));
    }

    @Test
    void anUnknownActionHasNoReport() {
        assertEquals(Optional.empty(), actions.report(42));
    }
}
