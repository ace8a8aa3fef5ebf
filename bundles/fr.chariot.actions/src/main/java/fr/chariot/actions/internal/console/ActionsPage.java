package fr.chariot.actions.internal.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.actions.api.ActionReport;
import fr.chariot.actions.api.ActionRequest;
import fr.chariot.actions.api.ActionType;
import fr.chariot.actions.api.DeviceActions;
import fr.chariot.actions.api.DeviceOutcome;
import fr.chariot.actions.api.OutcomeStatus;
import fr.chariot.api.DeviceDirectory;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.webconsole.api.ConsolePage;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DeviceSelection;
import fr.chariot.webconsole.api.DeviceSelections;
import fr.chariot.webconsole.api.MenuEntry;
import fr.chariot.webconsole.api.MenuSection;
import fr.chariot.webconsole.api.PageRequest;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.View;

/**
 * « Actions de groupe » (seed §2.3 III): {@code actions} lists the recent actions on the user's colleges,
 * {@code actions/new} shows the devices the inventory chose and the action to pick, {@code actions/start} starts it,
 * {@code actions/<id>} reports device by device. A report shows each user only the devices they see.
 */
@Component(service = ConsolePage.class)
public class ActionsPage implements ConsolePage {

    static final String PATH = "actions";
    static final String MESSAGES = "fr/chariot/actions/internal/console/messages";
    private static final String TEMPLATES = "fr/chariot/actions/internal/console/";
    static final String ACTION = "action";
    static final String INSTALL_ACTION = "installAction";
    /** Apple's {@code InstallAction} values, in the order a technician reads them; the service checks them too. */
    static final List<String> INSTALL_ACTIONS = List.of(
            "Default", "DownloadOnly", "InstallASAP", "NotifyOnly", "InstallLater", "InstallForceRestart");
    static final String DEFAULT_INSTALL_ACTION = "Default";
    static final int RECENT = 30;
    static final int NAMES_SHOWN = 10;
    /** Devices per page of a report: each row reads the device's name from the inventory. */
    static final int REPORT_PAGE_SIZE = 100;
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter FRENCH_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(PARIS);
    private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(PARIS);

    private final DeviceActions actions;
    private final Inventory inventory;
    private final AuditLog audit;
    private final DeviceChoice choice;
    private final DeviceSelections selections = new DeviceSelections();

    @Activate
    public ActionsPage(@Reference DeviceActions actions, @Reference DeviceDirectory directory,
            @Reference Inventory inventory, @Reference AuditLog audit) {
        this.actions = actions;
        this.inventory = inventory;
        this.audit = audit;
        this.choice = new DeviceChoice(directory, inventory, selections);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeSelection")
    void addSelection(DeviceSelection selection) {
        selections.add(selection);
    }

    void removeSelection(DeviceSelection selection) {
        selections.remove(selection);
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Optional<MenuEntry> menu() {
        return Optional.of(MenuEntry.of(MenuSection.DEVICES, "menu.actions", 40));
    }

    @Override
    public String messages() {
        return MESSAGES;
    }

    @Override
    public PageResult handle(PageRequest request) {
        String sub = request.subPath();
        if (sub.isEmpty()) {
            return request.isPost() ? PageResult.notFound() : list(request);
        }
        if (sub.equals("new")) {
            return request.user().principal().canAct() ? choose(request) : PageResult.forbidden();
        }
        if (sub.equals("start")) {
            if (!request.isPost()) {
                return PageResult.notFound();
            }
            return request.user().principal().canAct() ? start(request) : PageResult.forbidden();
        }
        if (sub.matches("[0-9]{1,18}") && !request.isPost()) {
            return report(request, Long.parseLong(sub));
        }
        return PageResult.notFound();
    }

    // ---- actions: the recent ones

    /** A line of the list of recent actions. */
    public record Line(long id, String type, String requestedBy, String requestedAt, int devices,
            List<Count> counts) {
    }

    /** How many devices stand at a status; {@code level} is the badge's class. */
    public record Count(String status, long count, String level) {
    }

    private PageResult list(PageRequest request) {
        Principal principal = request.user().principal();
        Optional<Set<String>> sites = principal.role() == Role.DEPARTMENT_ADMIN ? Optional.empty()
                : Optional.of(principal.sites());
        List<Line> lines = new ArrayList<>();
        for (ActionReport report : actions.recent(sites, RECENT)) {
            List<DeviceOutcome> visible = visible(principal, report);
            if (!visible.isEmpty()) {
                lines.add(new Line(report.id(), report.type().name(), report.requestedBy(),
                        time(request.user(), report.requestedAt()), visible.size(), counts(visible)));
            }
        }
        return new View(TEMPLATES + "list.peb", request.text("list.title"),
                Map.of("lines", lines, "canAct", principal.canAct()));
    }

    // ---- actions/new: the devices chosen and the action to pick

    private PageResult choose(PageRequest request) {
        Map<String, Object> model = new HashMap<>();
        model.put("error", "");
        model.put("count", 0);
        model.put("names", List.of());
        model.put("others", 0);
        model.put("fields", List.of());
        model.put("label", "");
        model.put("installActions", INSTALL_ACTIONS);
        model.put("defaultInstallAction", DEFAULT_INSTALL_ACTION);
        try {
            Optional<DeviceChoice.Chosen> chosen = choice.resolve(request);
            if (chosen.isEmpty()) {
                return PageResult.notFound();
            }
            List<DeviceChoice.Picked> devices = chosen.get().devices();
            model.put("count", devices.size());
            model.put("names", devices.stream().limit(NAMES_SHOWN).map(DeviceChoice.Picked::name).toList());
            model.put("others", Math.max(0, devices.size() - NAMES_SHOWN));
            model.put("fields", chosen.get().fields());
            model.put("label", chosen.get().label());
        } catch (DeviceChoice.TooMany e) {
            model.put("error", request.text("new.tooMany", e.count, DeviceActions.MAX_DEVICES));
        } catch (IllegalArgumentException e) {
            model.put("error", request.text("new.bad", e.getMessage()));
        }
        return new View(TEMPLATES + "new.peb", request.text("new.title"), model);
    }

    // ---- actions/start

    private PageResult start(PageRequest request) {
        ActionType type;
        try {
            type = ActionType.valueOf(request.parameter(ACTION).orElse(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(request.text("new.noAction"), e);
        }
        // the form always sends its install choice; it means something only for an iOS update
        Optional<String> installAction = type == ActionType.UPDATE_OS
                ? Optional.of(request.parameter(INSTALL_ACTION).orElse(DEFAULT_INSTALL_ACTION))
                : Optional.empty();
        Optional<DeviceChoice.Chosen> chosen;
        try {
            chosen = choice.resolve(request);
        } catch (DeviceChoice.TooMany e) {
            throw new IllegalArgumentException(request.text("new.tooMany", e.count, DeviceActions.MAX_DEVICES), e);
        }
        if (chosen.isEmpty()) {
            return PageResult.notFound();
        }
        List<DeviceChoice.Picked> devices = chosen.get().devices();
        if (devices.isEmpty()) {
            throw new IllegalArgumentException(request.text("new.nothing"));
        }
        ConsoleUser user = request.user();
        ActionReport report;
        try {
            report = actions.start(new ActionRequest(type,
                    devices.stream().map(DeviceChoice.Picked::udid).toList(), installAction, user.username()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(request.text("new.bad", e.getMessage()), e);
        }
        Set<String> colleges = Set.copyOf(devices.stream().map(DeviceChoice.Picked::site).toList());
        audit.record(new AuditEvent(user.username(), user.from(),
                colleges.size() == 1 ? Optional.of(colleges.iterator().next()) : Optional.empty(), "action.start",
                devices.stream().map(device -> device.udid().udid()).toList(),
                type.name() + installAction.map(action -> " " + action).orElse("")));
        String flash = request.text("flash.sent", report.devices().size());
        long refused = report.count(OutcomeStatus.REFUSED);
        if (refused > 0) {
            flash += " " + request.text("flash.refused", refused);
        }
        return PageResult.redirect(PATH + "/" + report.id(), flash);
    }

    // ---- actions/<id>: the report

    /** A device of a report, as its table shows it. */
    public record Row(String udid, String name, String site, String status, String level, String reason,
            String updatedAt) {
    }

    private PageResult report(PageRequest request, long id) {
        ConsoleUser user = request.user();
        Optional<ActionReport> found = actions.report(id);
        if (found.isEmpty()) {
            return PageResult.notFound();
        }
        ActionReport report = found.get();
        List<DeviceOutcome> visible = visible(user.principal(), report);
        if (visible.isEmpty()) {
            return PageResult.notFound();
        }
        int pages = (visible.size() + REPORT_PAGE_SIZE - 1) / REPORT_PAGE_SIZE;
        int page = Math.min(pages - 1, pageNumber(request));
        List<Row> rows = visible.subList(page * REPORT_PAGE_SIZE,
                        Math.min(visible.size(), (page + 1) * REPORT_PAGE_SIZE)).stream()
                .map(outcome -> row(user, outcome)).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("id", report.id());
        model.put("type", report.type().name());
        model.put("installAction", report.installAction().orElse(""));
        model.put("requestedBy", report.requestedBy());
        model.put("requestedAt", time(user, report.requestedAt()));
        model.put("counts", counts(visible));
        model.put("rows", rows);
        model.put("page", page);
        model.put("pages", pages);
        return new View(TEMPLATES + "report.peb", request.text("report.title", report.id()), model);
    }

    private static int pageNumber(PageRequest request) {
        try {
            return Math.max(0, Integer.parseInt(request.parameter("page").orElse("0")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Row row(ConsoleUser user, DeviceOutcome outcome) {
        String udid = outcome.device().udid();
        String name = inventory.find(outcome.device()).flatMap(DeviceInventory::name).orElse(udid);
        return new Row(udid, name, outcome.site().orElse(""), outcome.status().name(), level(outcome.status()),
                outcome.reason().orElse(""), time(user, outcome.updatedAt()));
    }

    /** A device Chariot did not know has no college: only a department admin, who sees everything, sees it. */
    private static List<DeviceOutcome> visible(Principal principal, ActionReport report) {
        return report.devices().stream()
                .filter(outcome -> outcome.site().map(principal::canSee)
                        .orElse(principal.role() == Role.DEPARTMENT_ADMIN))
                .toList();
    }

    private static List<Count> counts(List<DeviceOutcome> outcomes) {
        List<Count> counts = new ArrayList<>();
        for (OutcomeStatus status : OutcomeStatus.values()) {
            counts.add(new Count(status.name(), outcomes.stream().filter(o -> o.status() == status).count(),
                    level(status)));
        }
        return counts;
    }

    /** The shell's badge class of a status. */
    private static String level(OutcomeStatus status) {
        return switch (status) {
            case QUEUED -> "";
            case DONE -> "ok";
            case FAILED -> "problem";
            case REFUSED -> "warn";
        };
    }

    private static String time(ConsoleUser user, Instant instant) {
        return (Locale.ENGLISH.getLanguage().equals(user.locale().getLanguage()) ? ENGLISH_TIME : FRENCH_TIME)
                .format(instant);
    }
}
