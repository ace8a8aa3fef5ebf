package fr.chariot.inventory.internal.console.device;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.api.CommandHistory;
import fr.chariot.api.CommandQueue;
import fr.chariot.api.CommandRecord;
import fr.chariot.api.CommandStatus;
import fr.chariot.api.Commands;
import fr.chariot.api.DeviceDirectory;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.api.ErrorChains;
import fr.chariot.api.SiteDirectory;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.InstalledApp;
import fr.chariot.inventory.api.InstalledProfile;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.RefreshReport;
import fr.chariot.inventory.api.SharedIpadUser;
import fr.chariot.webconsole.api.ConsolePage;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DevicePanel;
import fr.chariot.webconsole.api.DeviceTab;
import fr.chariot.webconsole.api.MenuEntry;
import fr.chariot.webconsole.api.PageRequest;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.Section;
import fr.chariot.webconsole.api.Texts;
import fr.chariot.webconsole.api.View;

/**
 * A device's page, the « inventaire particulier » of the technicians' guide: {@code devices/<udid>} (Inventaire),
 * {@code devices/<udid>/management} (Gestion), {@code devices/<udid>/history} (Historique), and the changes posted
 * to {@code devices/<udid>/refresh}, {@code …/role} and {@code …/users/delete}. Other features add sections to the
 * tabs as {@link DevicePanel} services.
 */
@Component(service = ConsolePage.class)
public class DevicePage implements ConsolePage {

    static final String PATH = "devices";
    static final String MESSAGES = "fr/chariot/inventory/internal/console/device/messages";
    static final String TEMPLATE = "fr/chariot/inventory/internal/console/device/device.peb";
    /** The origin of the commands this page queues: no feature handles their results, the history shows them. */
    static final String ORIGIN = "console";
    static final int HISTORY_LIMIT = 100;
    /** As the REST API: far beyond the teachers of one college, a bigger N is a typo. */
    static final int MAX_TEACHER_NUMBER = 999;
    /** api.md: the last users of a Shared iPad, at most ten. */
    static final int MAX_USERS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(DevicePage.class);
    private static final String MANAGEMENT = "management";
    private static final String HISTORY = "history";
    private static final String REFRESH = "refresh";
    private static final String ROLE = "role";
    private static final String DELETE_USER = "users/delete";

    private final DeviceDirectory devices;
    private final SiteDirectory sites;
    private final Inventory inventory;
    private final CommandHistory history;
    private final CommandQueue queue;
    private final AuditLog audit;
    /** The audit log reads the same in French whoever made the change. */
    private final Texts auditTexts = new Texts(DevicePage.class.getClassLoader(), MESSAGES);
    private final Set<DevicePanel> panels = ConcurrentHashMap.newKeySet();

    @Activate
    public DevicePage(@Reference DeviceDirectory devices, @Reference SiteDirectory sites,
            @Reference Inventory inventory, @Reference CommandHistory history, @Reference CommandQueue queue,
            @Reference AuditLog audit) {
        this.devices = devices;
        this.sites = sites;
        this.inventory = inventory;
        this.history = history;
        this.queue = queue;
        this.audit = audit;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPanel(DevicePanel panel) {
        panels.add(panel);
    }

    void removePanel(DevicePanel panel) {
        panels.remove(panel);
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Optional<MenuEntry> menu() {
        return Optional.empty();
    }

    @Override
    public String messages() {
        return MESSAGES;
    }

    @Override
    public PageResult handle(PageRequest request) {
        String subPath = request.subPath();
        if (subPath.isEmpty()) {
            // the page of no device: the devices are listed by the general inventory
            return request.isPost() ? PageResult.notFound() : PageResult.redirect("inventory");
        }
        int slash = subPath.indexOf('/');
        String udid = slash < 0 ? subPath : subPath.substring(0, slash);
        String rest = slash < 0 ? "" : subPath.substring(slash + 1);
        Optional<DeviceRecord> found = visibleDevice(request.user(), udid);
        if (found.isEmpty()) {
            return PageResult.notFound();
        }
        DeviceRecord device = found.get();
        if (!request.isPost()) {
            return switch (rest) {
                case "" -> inventoryTab(request, device);
                case MANAGEMENT -> managementTab(request, device, currentRole(device));
                case HISTORY -> historyTab(request, device);
                default -> PageResult.notFound();
            };
        }
        if (!Set.of(REFRESH, ROLE, DELETE_USER).contains(rest)) {
            return PageResult.notFound();
        }
        if (!request.user().principal().canAct()) {
            return PageResult.forbidden();
        }
        return switch (rest) {
            case REFRESH -> refresh(request, device);
            case ROLE -> assignRole(request, device);
            default -> deleteUser(request, device);
        };
    }

    /** The device if the user sees its college; a device of another college answers as one that does not exist. */
    private Optional<DeviceRecord> visibleDevice(ConsoleUser user, String udid) {
        DeviceId id;
        try {
            id = new DeviceId(udid);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return devices.find(id).filter(device -> user.principal().canSee(device.rne()));
    }

    private static String base(DeviceRecord device) {
        return PATH + "/" + device.udid().udid();
    }

    // ---- tabs ----

    private PageResult inventoryTab(PageRequest request, DeviceRecord device) {
        Formats formats = new Formats(request);
        DeviceId udid = device.udid();
        Optional<DeviceInventory> row = inventory.find(udid);
        List<InstalledApp> apps = inventory.apps(udid);
        boolean shared = row.flatMap(r -> r.value(InventoryField.SHARED_IPAD)).map(Boolean.TRUE::equals)
                .orElse(false);
        Map<String, Object> model = new HashMap<>();
        model.put("cards", row.map(r -> InventoryCards.of(r, formats)).orElse(List.of()));
        model.put("managedApps", apps.stream().filter(InstalledApp::managed).map(DevicePage::app).toList());
        model.put("otherApps", apps.stream().filter(app -> !app.managed()).map(DevicePage::app).toList());
        model.put("sharedIpad", shared);
        model.put("sharedUsers", shared ? inventory.users(udid).stream().limit(MAX_USERS)
                .map(user -> user(user, formats)).toList() : List.of());
        model.put("canDeleteUsers", request.user().principal().canAct() && device.enrolled());
        model.put("profiles", inventory.profiles(udid).stream().map(profile -> profile(profile, formats)).toList());
        return view(request, device, row, DeviceTab.INVENTORY, model);
    }

    private static DeviceModel.App app(InstalledApp app) {
        return new DeviceModel.App(app.name().orElse(app.bundleId()), app.bundleId(), app.version().orElse(""),
                app.status().orElse(""));
    }

    private static DeviceModel.User user(SharedIpadUser user, Formats formats) {
        String state = formats.text(user.loggedIn() ? "users.loggedIn" : "users.loggedOut");
        String confirm = formats.text(user.hasDataToSync() ? "users.delete.confirm.unsynced"
                : "users.delete.confirm", user.userName());
        return new DeviceModel.User(user.userName(), state, user.dataUsed().map(formats::bytes).orElse(""),
                user.dataQuota().map(formats::bytes).orElse(""), user.hasDataToSync(), confirm);
    }

    private static DeviceModel.Profile profile(InstalledProfile profile, Formats formats) {
        return new DeviceModel.Profile(profile.displayName().orElse(profile.identifier()), profile.identifier(),
                profile.organization().orElse(""), formats.yesNo(profile.managed()),
                formats.yesNo(profile.removalDisallowed()));
    }

    private PageResult managementTab(PageRequest request, DeviceRecord device, DeviceModel.RoleForm form) {
        Optional<DeviceInventory> row = inventory.find(device.udid());
        Formats formats = new Formats(request);
        Map<String, Object> model = new HashMap<>();
        model.put("roleForm", form);
        model.put("roles", List.of(DeviceRole.values()).stream()
                .map(role -> new DeviceModel.Choice(role.name(), formats.role(role))).toList());
        model.put("inventoried", row.isPresent());
        model.put("maxTeacherNumber", MAX_TEACHER_NUMBER);
        return view(request, device, row, DeviceTab.MANAGEMENT, model);
    }

    private DeviceModel.RoleForm currentRole(DeviceRecord device) {
        Optional<DeviceInventory> row = inventory.find(device.udid());
        return new DeviceModel.RoleForm(
                row.flatMap(DeviceInventory::role).map(DeviceRole::name).orElse(""),
                row.flatMap(r -> r.value(InventoryField.TEACHER_NUMBER)).map(String::valueOf).orElse(""),
                row.flatMap(r -> r.value(InventoryField.TEACHER_NAME)).map(String::valueOf).orElse(""), "");
    }

    private PageResult historyTab(PageRequest request, DeviceRecord device) {
        Formats formats = new Formats(request);
        List<DeviceModel.Command> commands = history.history(device.udid(), HISTORY_LIMIT).stream()
                .map(command -> command(command, formats)).toList();
        return view(request, device, inventory.find(device.udid()), DeviceTab.HISTORY,
                Map.of("commands", commands, "historyLimit", HISTORY_LIMIT));
    }

    private static DeviceModel.Command command(CommandRecord command, Formats formats) {
        return new DeviceModel.Command(command.requestType(), command.userShortName().orElse(""), command.origin(),
                formats.text("status." + command.status().name()), badge(command.status()),
                formats.dateTime(command.queuedAt()), formats.dateTime(command.sentAt()),
                formats.dateTime(command.completedAt()), ErrorChains.describeAll(command.errorChain()));
    }

    private static String badge(CommandStatus status) {
        return switch (status) {
            case ACKNOWLEDGED -> "ok";
            case ERROR -> "problem";
            case NOT_NOW -> "warn";
            case PENDING, SENT -> "";
        };
    }

    /** The header, the tabs and the features' sections every tab shows, around the tab's own model. */
    private View view(PageRequest request, DeviceRecord device, Optional<DeviceInventory> row, DeviceTab tab,
            Map<String, Object> tabModel) {
        Formats formats = new Formats(request);
        DeviceModel.Header header = header(device, row, formats);
        String base = base(device);
        Map<String, Object> model = new HashMap<>(tabModel);
        model.put("header", header);
        model.put("tab", tab.name().toLowerCase(Locale.ROOT));
        model.put("tabs", List.of(
                new DeviceModel.Tab(formats.text("tab.inventory"), base, tab == DeviceTab.INVENTORY),
                new DeviceModel.Tab(formats.text("tab.management"), base + "/" + MANAGEMENT,
                        tab == DeviceTab.MANAGEMENT),
                new DeviceModel.Tab(formats.text("tab.history"), base + "/" + HISTORY, tab == DeviceTab.HISTORY)));
        model.put("base", base);
        model.put("canAct", request.user().principal().canAct());
        model.put("panels", panels(request.user(), device, tab));
        return new View(TEMPLATE, header.name(), model);
    }

    private DeviceModel.Header header(DeviceRecord device, Optional<DeviceInventory> row, Formats formats) {
        String udid = device.udid().udid();
        String name = row.flatMap(DeviceInventory::name).or(device::deviceName).orElse(udid);
        String serial = row.flatMap(DeviceInventory::serialNumber).or(device::serialNumber).orElse("");
        String college = sites.find(device.rne()).map(site -> formats.text("header.college", site.name(),
                site.rne())).orElse(device.rne());
        return new DeviceModel.Header(udid, name, serial, college,
                row.map(formats::roleOf).orElse(formats.text("role.none")),
                formats.dateTime(row.flatMap(DeviceInventory::lastInventory)),
                // never inventoried is as stale as it gets
                row.map(DeviceInventory::stale).orElse(true));
    }

    /**
     * The features' sections of one tab, by order. A panel that fails is logged and left out: one broken feature
     * must not take the device page down with it.
     */
    private List<DeviceModel.Panel> panels(ConsoleUser user, DeviceRecord device, DeviceTab tab) {
        List<DevicePanel> ofTab = panels.stream().filter(panel -> tab == panel.tab())
                .sorted(Comparator.comparingInt(DevicePanel::order)
                        .thenComparing(panel -> panel.getClass().getName()))
                .toList();
        List<DeviceModel.Panel> shown = new ArrayList<>();
        for (DevicePanel panel : ofTab) {
            try {
                panel.section(user, device.udid(), device.rne())
                        .ifPresent(section -> shown.add(panel(section, user.principal().canAct())));
            } catch (RuntimeException e) {
                LOG.error("Device panel {} failed for {}; the page is shown without it", panel.getClass().getName(),
                        device.udid(), e);
            }
        }
        return shown;
    }

    /** A read-only user gets no buttons: they could only be refused. */
    private static DeviceModel.Panel panel(Section section, boolean canAct) {
        List<DeviceModel.Row> rows = section.rows().stream().map(row -> new DeviceModel.Row(row.label(), row.value(),
                row.link().orElse(""), switch (row.level()) {
                    case NORMAL -> "";
                    case WARNING -> "warn";
                    case PROBLEM -> "problem";
                })).toList();
        List<DeviceModel.Button> buttons = canAct ? section.buttons().stream().map(button -> new DeviceModel.Button(
                button.label(), button.action(), button.fields().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(field -> new DeviceModel.Hidden(field.getKey(), field.getValue())).toList(),
                button.confirm().orElse(""))).toList() : List.of();
        return new DeviceModel.Panel(section.title(), rows, buttons);
    }

    // ---- changes ----

    private PageResult refresh(PageRequest request, DeviceRecord device) {
        RefreshReport report = inventory.refresh(List.of(device.udid()));
        String refused = report.refused().get(device.udid());
        String back = base(device) + "/" + MANAGEMENT;
        if (refused != null) {
            return PageResult.redirect(back, request.text("refresh.refused", refused));
        }
        record(request.user(), device, "device.inventory.refresh", auditTexts.text(Locale.FRENCH,
                "audit.refresh"));
        return PageResult.redirect(back, request.text("refresh.queued"));
    }

    private PageResult assignRole(PageRequest request, DeviceRecord device) {
        String roleName = request.parameter("role").orElse("");
        String numberText = request.parameter("teacherNumber").orElse("");
        String teacherName = request.parameter("teacherName").orElse("");
        DeviceRole role;
        try {
            role = DeviceRole.valueOf(roleName);
        } catch (IllegalArgumentException e) {
            return roleRefused(request, device, roleName, numberText, teacherName, request.text("role.error.role"));
        }
        Optional<Integer> number = Optional.empty();
        Optional<String> name = Optional.empty();
        if (role == DeviceRole.TEACHER_SHARED) {
            try {
                number = Optional.of(Integer.parseInt(numberText));
            } catch (NumberFormatException e) {
                number = Optional.empty();
            }
            if (number.isEmpty() || number.get() < 1 || number.get() > MAX_TEACHER_NUMBER) {
                return roleRefused(request, device, roleName, numberText, teacherName,
                        request.text("role.error.number", MAX_TEACHER_NUMBER));
            }
        } else if (role == DeviceRole.TEACHER_PERSONAL) {
            if (teacherName.isEmpty()) {
                return roleRefused(request, device, roleName, numberText, teacherName,
                        request.text("role.error.name"));
            }
            name = Optional.of(teacherName);
        }
        if (inventory.find(device.udid()).isEmpty()) {
            return roleRefused(request, device, roleName, numberText, teacherName,
                    request.text("role.error.notInventoried"));
        }
        try {
            inventory.assignRole(device.udid(), role, number, name);
        } catch (IllegalArgumentException e) {
            // the inventory's messages are written for technicians (e.g. a name too long)
            return roleRefused(request, device, roleName, numberText, teacherName, e.getMessage());
        }
        record(request.user(), device, "device.role", auditTexts.text(Locale.FRENCH, "audit.role." + role.name(),
                number.map(String::valueOf).orElse(""), name.orElse("")));
        return PageResult.redirect(base(device) + "/" + MANAGEMENT,
                request.text("role.saved", new Formats(request).role(role)));
    }

    private PageResult roleRefused(PageRequest request, DeviceRecord device, String role, String number,
            String name, String error) {
        return managementTab(request, device, new DeviceModel.RoleForm(role, number, name, error));
    }

    /**
     * DeleteUser exactly as the REST API queues it (ForceDeletion false: a user with data to sync stays until it is
     * synced), for an enrolled Shared iPad and one of the users it listed.
     */
    private PageResult deleteUser(PageRequest request, DeviceRecord device) {
        String back = base(device);
        Optional<String> userName = request.parameter("name");
        if (userName.isEmpty()) {
            return PageResult.redirect(back, request.text("users.delete.error.name"));
        }
        boolean shared = inventory.find(device.udid()).flatMap(row -> row.value(InventoryField.SHARED_IPAD))
                .map(Boolean.TRUE::equals).orElse(false);
        if (!shared) {
            return PageResult.redirect(back, request.text("users.delete.error.notShared"));
        }
        if (!device.enrolled()) {
            return PageResult.redirect(back, request.text("users.delete.error.notEnrolled"));
        }
        // a name the iPad did not list is a typo or a forged form: the device would only answer an error
        if (inventory.users(device.udid()).stream().noneMatch(user -> user.userName().equals(userName.get()))) {
            return PageResult.redirect(back, request.text("users.delete.error.unknown", userName.get()));
        }
        try {
            queue.enqueue(ORIGIN, Commands.deleteUser(userName.get(), false), List.of(device.udid()));
        } catch (IllegalArgumentException e) {
            return PageResult.redirect(back, request.text("users.delete.error.notQueued", e.getMessage()));
        }
        record(request.user(), device, "device.user.delete", auditTexts.text(Locale.FRENCH, "audit.userDelete",
                userName.get()));
        return PageResult.redirect(back, request.text("users.delete.queued", userName.get()));
    }

    private void record(ConsoleUser user, DeviceRecord device, String action, String details) {
        audit.record(new AuditEvent(user.username(), user.from(), Optional.of(device.rne()), action,
                List.of(device.udid().udid()), details));
    }
}
