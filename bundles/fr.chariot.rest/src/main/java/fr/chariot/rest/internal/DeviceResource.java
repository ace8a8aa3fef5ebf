package fr.chariot.rest.internal;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.accounts.api.Principal;
import fr.chariot.api.Command;
import fr.chariot.api.CommandHistory;
import fr.chariot.api.CommandQueue;
import fr.chariot.api.CommandRecord;
import fr.chariot.api.Commands;
import fr.chariot.api.DeviceDirectory;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.Groups;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.ExportFormat;
import fr.chariot.inventory.api.InstalledApp;
import fr.chariot.inventory.api.InstalledProfile;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryPage;
import fr.chariot.inventory.api.InventoryQuery;
import fr.chariot.inventory.api.SharedIpadUser;

/**
 * {@code /devices}: the general inventory of the caller's colleges (search, export), one device with everything
 * known of it, its role, its Shared iPad users and its commands. A device of a college the caller does not see
 * answers exactly like a device that does not exist (architecture.md 8).
 */
final class DeviceResource {

    /** The {@code origin} of the commands queued through the API: their results go to no feature. */
    static final String ORIGIN = "api";
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;
    static final int DEFAULT_HISTORY_LIMIT = 50;
    static final int MAX_HISTORY_LIMIT = 500;
    /** api.md: the last users of a Shared iPad, at most ten. */
    static final int MAX_USERS = 10;
    /** Far beyond the teachers of one college; a bigger N is a typo. */
    static final int MAX_TEACHER_NUMBER = 999;
    private static final String REQUEST_TYPE = "requestType";
    /** Apple's RequestTypes are plain identifiers; anything else is a typo or an injection attempt. */
    private static final Pattern REQUEST_TYPE_FORMAT = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,99}");
    /** Keys the queue writes itself; taking them from the caller would let it forge another command's identity. */
    private static final List<String> RESERVED_KEYS = List.of("RequestType", "CommandUUID");

    /** The export file's date is the colleges' day, not UTC's. */
    static final ZoneId FRENCH_TIME = ZoneId.of("Europe/Paris");

    private final DeviceDirectory devices;
    private final CommandQueue queue;
    private final CommandHistory history;
    private final Inventory inventory;
    private final Groups groups;
    private final InventorySearch search;
    private final Clock clock;

    DeviceResource(Colleges colleges, DeviceDirectory devices, CommandQueue queue, CommandHistory history,
            Inventory inventory, Groups groups, Clock clock) {
        this.devices = devices;
        this.queue = queue;
        this.history = history;
        this.inventory = inventory;
        this.groups = groups;
        this.search = new InventorySearch(colleges);
        this.clock = clock;
    }

    /** {@code /devices/export} before {@code /devices/{udid}}: read top-down, the literal path wins. */
    List<Route> routes() {
        return List.of(
                new Route("GET", "/devices", true, this::list),
                new Route("GET", "/devices/export", true, this::export),
                new Route("GET", "/devices/{udid}", true, this::get),
                new Route("PUT", "/devices/{udid}/role", true, this::assignRole),
                new Route("DELETE", "/devices/{udid}/users/{userName}", true, this::deleteUser),
                new Route("POST", "/devices/{udid}/commands", true, this::queueCommand),
                new Route("GET", "/devices/{udid}/commands", true, this::commands));
    }

    /**
     * @param columns the chosen columns each item carries beyond the fixed ones
     */
    record DevicePage(long total, int page, int size, List<String> columns, List<Map<String, Object>> items) {
    }

    record RoleBody(String udid, String role, Integer teacherNumber, String teacherName) {
    }

    record CommandQueued(String commandUuid) {
    }

    record CommandBody(String commandUuid, String requestType, String origin, String status, String queuedAt,
            String sentAt, String completedAt, int notNowCount, Object errorChain, Object response) {

        static CommandBody of(CommandRecord command) {
            return new CommandBody(command.commandUuid(), command.requestType(), command.origin(),
                    command.status().name(), command.queuedAt().toString(), time(command.sentAt()),
                    time(command.completedAt()), command.notNowCount(), PlistJson.toJson(command.errorChain()),
                    PlistJson.toJson(command.response()));
        }
    }

    private ApiResponse list(Route.Call call) throws ApiError {
        Principal caller = call.caller();
        int page = Requests.intParameter(call.request(), "page", 1, 1, Integer.MAX_VALUE);
        int size = Requests.intParameter(call.request(), "size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        List<InventoryField> columns = chosenColumns(call, List.of());
        InventoryQuery query = search.query(caller, call.request(), page - 1, size);
        InventoryPage found = inventory.search(query);
        List<Map<String, Object>> items = found.items().stream()
                // The inventory is not scoped itself: never show what it returned for another college.
                .filter(row -> caller.canSee(row.site()))
                .map(row -> InventoryItems.item(row, devices.find(row.udid()), columns))
                .toList();
        return ApiResponse.ok(new DevicePage(found.total(), page, size,
                columns.stream().map(InventoryField::fieldName).toList(), items));
    }

    /** {@code columns=} if given, else the caller's remembered choice, else the default. */
    private List<InventoryField> chosenColumns(Route.Call call, List<InventoryField> byDefault) throws ApiError {
        Optional<List<InventoryField>> asked = InventorySearch.columns(call.request());
        if (asked.isPresent()) {
            return asked.get();
        }
        return inventory.chosenColumns(call.caller().username()).orElse(byDefault);
    }

    private ApiResponse export(Route.Call call) throws ApiError {
        String formatName = call.request().parameter("format").orElse("csv");
        ExportFormat format;
        try {
            format = ExportFormat.byName(formatName.strip());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Le format d'export (« format ») est csv, txt ou xml, pas « " + formatName
                    + " ».");
        }
        List<InventoryField> columns = chosenColumns(call, InventoryItems.LIST_FIELDS);
        // Everything is checked before the first byte: once streaming starts, the status is sent.
        InventoryQuery query = search.query(call.caller(), call.request(), 0, InventoryQuery.MAX_PAGE_SIZE);
        String fileName = "inventaire-" + LocalDate.now(clock.withZone(FRENCH_TIME)) + "." + format.extension();
        ApiResponse.BodyWriter writer = out -> {
            Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            inventory.export(query, columns, format, text);
            text.flush();
        };
        return new ApiResponse(200, new ApiResponse.Streamed(format.mediaType() + "; charset=UTF-8", writer),
                Map.of("Content-Disposition", "attachment; filename=\"" + fileName + "\""));
    }

    private ApiResponse get(Route.Call call) throws ApiError {
        DeviceRecord device = visibleDevice(call);
        DeviceId udid = device.udid();
        Map<String, Object> body = InventoryItems.allFields(device, inventory.find(udid));
        List<InstalledApp> apps = inventory.apps(udid);
        body.put("apps", Map.of(
                "managed", apps.stream().filter(InstalledApp::managed).map(AppBody::of).toList(),
                "other", apps.stream().filter(app -> !app.managed()).map(AppBody::of).toList()));
        body.put("users", inventory.users(udid).stream().limit(MAX_USERS).map(UserBody::of).toList());
        body.put("profiles", inventory.profiles(udid).stream().map(ProfileBody::of).toList());
        body.put("groups", groups.groupsOf(device.rne(), udid.udid()).stream().map(GroupRef::of).toList());
        return ApiResponse.ok(body);
    }

    record AppBody(String bundleId, String name, String version, boolean installed, String status) {
        static AppBody of(InstalledApp app) {
            return new AppBody(app.bundleId(), app.name().orElse(null), app.version().orElse(null), app.installed(),
                    app.status().orElse(null));
        }
    }

    record UserBody(String userName, boolean loggedIn, boolean hasDataToSync, Long dataQuota, Long dataUsed) {
        static UserBody of(SharedIpadUser user) {
            return new UserBody(user.userName(), user.loggedIn(), user.hasDataToSync(), user.dataQuota().orElse(null),
                    user.dataUsed().orElse(null));
        }
    }

    record ProfileBody(String identifier, String payloadUuid, String displayName, String organization,
            boolean managed, boolean encrypted, boolean removalDisallowed) {
        static ProfileBody of(InstalledProfile profile) {
            return new ProfileBody(profile.identifier(), profile.payloadUuid().orElse(null),
                    profile.displayName().orElse(null), profile.organization().orElse(null), profile.managed(),
                    profile.encrypted(), profile.removalDisallowed());
        }
    }

    record GroupRef(long id, String name, String type) {
        static GroupRef of(Group group) {
            return new GroupRef(group.id(), group.name(), group.type().name());
        }
    }

    private ApiResponse assignRole(Route.Call call) throws ApiError {
        if (!call.caller().canAct()) {
            throw ApiError.forbidden("Un compte en lecture seule ne peut pas changer le rôle d'un appareil.");
        }
        JsonNode body = Requests.jsonObject(call.request());
        Requests.onlyFields(body, Set.of("role", "teacherNumber", "teacherName"));
        String roleName = Requests.text(body, "role");
        DeviceRole role;
        try {
            role = DeviceRole.valueOf(roleName.strip());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Le rôle (« role ») est STUDENT_SHARED, TEACHER_SHARED ou TEACHER_PERSONAL, "
                    + "pas « " + roleName + " ».");
        }
        Optional<Integer> teacherNumber = Requests.optionalInt(body, "teacherNumber", 1, MAX_TEACHER_NUMBER);
        Optional<String> teacherName = Requests.optionalText(body, "teacherName").map(String::strip);
        if (role == DeviceRole.TEACHER_SHARED && teacherNumber.isEmpty()) {
            throw ApiError.badRequest(
                    "Un iPad enseignant partagé s'appelle « RNE-Prof N » : donnez « teacherNumber ».");
        }
        if (role == DeviceRole.TEACHER_PERSONAL && teacherName.isEmpty()) {
            throw ApiError.badRequest("Un iPad personnel porte le nom de l'enseignant : donnez « teacherName ».");
        }
        DeviceRecord device = visibleDevice(call);
        if (inventory.find(device.udid()).isEmpty()) {
            throw new ApiError(409, "not_inventoried", "L'inventaire ne connaît pas encore l'appareil "
                    + device.udid().udid() + " : attendez son premier inventaire.");
        }
        try {
            inventory.assignRole(device.udid(), role, teacherNumber, teacherName);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Le rôle n'a pas été changé : " + e.getMessage());
        }
        return ApiResponse.ok(new RoleBody(device.udid().udid(), role.name(), teacherNumber.orElse(null),
                teacherName.orElse(null)));
    }

    private ApiResponse deleteUser(Route.Call call) throws ApiError {
        if (!call.caller().canAct()) {
            throw ApiError.forbidden("Un compte en lecture seule ne peut pas supprimer d'utilisateur.");
        }
        boolean force = booleanParameter(call.request(), "force");
        String userName = call.pathParameter("userName");
        DeviceRecord device = visibleDevice(call);
        boolean shared = inventory.find(device.udid()).flatMap(row -> row.value(InventoryField.SHARED_IPAD))
                .map(Boolean.TRUE::equals).orElse(false);
        if (!shared) {
            throw new ApiError(409, "not_shared_ipad", "L'appareil " + device.udid().udid()
                    + " n'est pas un iPad partagé (d'après son dernier inventaire) : il n'a pas d'utilisateurs à "
                    + "supprimer.");
        }
        return queue(device, Commands.deleteUser(userName, force));
    }

    private static boolean booleanParameter(ApiRequest request, String name) throws ApiError {
        String text = request.parameter(name).orElse("false").strip();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw ApiError.badRequest("Le paramètre « " + name + " » vaut true ou false (reçu : « " + text + " »).");
    }

    private ApiResponse queueCommand(Route.Call call) throws ApiError {
        if (!call.caller().canAct()) {
            throw ApiError.forbidden("Un compte en lecture seule ne peut pas envoyer de commande.");
        }
        Command command = command(Requests.jsonObject(call.request()));
        return queue(visibleDevice(call), command);
    }

    /** Queues one command for the device, which must be enrolled: 202 with its UUID. */
    private ApiResponse queue(DeviceRecord device, Command command) throws ApiError {
        if (!device.enrolled()) {
            throw new ApiError(409, "not_enrolled",
                    "L'appareil " + device.udid() + " n'est pas inscrit : il ne peut pas recevoir de commande.");
        }
        List<String> uuids;
        try {
            uuids = queue.enqueue(ORIGIN, command, List.of(device.udid()));
        } catch (IllegalArgumentException e) {
            throw new ApiError(409, "not_queued", "La commande n'a pas été mise en file : " + e.getMessage());
        }
        return ApiResponse.of(202, new CommandQueued(uuids.get(0)));
    }

    private ApiResponse commands(Route.Call call) throws ApiError {
        int limit = Requests.intParameter(call.request(), "limit", DEFAULT_HISTORY_LIMIT, 1, MAX_HISTORY_LIMIT);
        DeviceRecord device = visibleDevice(call);
        return ApiResponse.ok(history.history(device.udid(), limit).stream().map(CommandBody::of).toList());
    }

    /** The device named in the path, if the caller may see it; otherwise 404, whatever the reason. */
    private DeviceRecord visibleDevice(Route.Call call) throws ApiError {
        String udid = call.pathParameter("udid");
        Principal caller = call.caller();
        Optional<DeviceRecord> device;
        try {
            device = devices.find(new DeviceId(udid));
        } catch (IllegalArgumentException e) {
            device = Optional.empty();
        }
        return device.filter(d -> caller.canSee(d.rne()))
                .orElseThrow(() -> ApiError.notFound("Aucun appareil « " + udid + " » parmi ceux de vos collèges."));
    }

    /** {@code {"requestType":"…", …request keys}} as a command; refused whole at the first value without plist form. */
    static Command command(JsonNode body) throws ApiError {
        JsonNode type = body.get(REQUEST_TYPE);
        if (type == null || !type.isTextual() || !REQUEST_TYPE_FORMAT.matcher(type.textValue()).matches()) {
            throw ApiError.badRequest("Le champ « requestType » est obligatoire : le RequestType d'Apple, "
                    + "p. ex. « DeviceInformation ».");
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String key = field.getKey();
            if (key.equals(REQUEST_TYPE)) {
                continue;
            }
            if (RESERVED_KEYS.contains(key)) {
                throw ApiError.badRequest("La clé « " + key + " » est fixée par Chariot ; donnez le type de "
                        + "commande dans « requestType ».");
            }
            keys.put(key, PlistJson.toPlist(field.getValue(), key));
        }
        return new Command(type.textValue(), keys);
    }

    private static String time(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
