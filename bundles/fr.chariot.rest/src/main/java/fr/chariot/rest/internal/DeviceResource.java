package fr.chariot.rest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.api.Command;
import fr.chariot.api.CommandHistory;
import fr.chariot.api.CommandQueue;
import fr.chariot.api.CommandRecord;
import fr.chariot.api.DeviceDirectory;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;

/**
 * {@code /devices}: the devices of the caller's colleges and their commands. A device of a college the caller does
 * not see answers exactly like a device that does not exist (architecture.md 8).
 */
final class DeviceResource {

    /** The {@code origin} of the commands queued through the API: their results go to no feature. */
    static final String ORIGIN = "api";
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;
    static final int DEFAULT_HISTORY_LIMIT = 50;
    static final int MAX_HISTORY_LIMIT = 500;
    private static final String REQUEST_TYPE = "requestType";
    /** Apple's RequestTypes are plain identifiers; anything else is a typo or an injection attempt. */
    private static final Pattern REQUEST_TYPE_FORMAT = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,99}");
    /** Keys the queue writes itself; taking them from the caller would let it forge another command's identity. */
    private static final List<String> RESERVED_KEYS = List.of("RequestType", "CommandUUID");

    private final SiteDirectory sites;
    private final DeviceDirectory devices;
    private final CommandQueue queue;
    private final CommandHistory history;

    DeviceResource(SiteDirectory sites, DeviceDirectory devices, CommandQueue queue, CommandHistory history) {
        this.sites = sites;
        this.devices = devices;
        this.queue = queue;
        this.history = history;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/devices", true, this::list),
                new Route("GET", "/devices/{udid}", true, this::get),
                new Route("POST", "/devices/{udid}/commands", true, this::queueCommand),
                new Route("GET", "/devices/{udid}/commands", true, this::commands));
    }

    record DeviceBody(String udid, String serialNumber, String name, String site, String model, String osVersion,
            boolean enrolled, String enrolledAt, String lastSeen) {

        static DeviceBody of(DeviceRecord device) {
            return new DeviceBody(device.udid().udid(), device.serialNumber().orElse(null),
                    device.deviceName().orElse(null), device.rne(), device.productName().orElse(null),
                    device.osVersion().orElse(null), device.enrolled(), time(device.enrolledAt()),
                    time(device.lastSeenAt()));
        }
    }

    record DevicePage(int total, int page, int size, List<DeviceBody> items) {
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
        List<String> colleges = collegesToList(caller, call.request().parameter("site"));
        List<DeviceRecord> all = new ArrayList<>();
        for (String rne : colleges) {
            all.addAll(devices.list(rne));
        }
        long from = (long) (page - 1) * size;
        List<DeviceBody> items = from >= all.size() ? List.of()
                : all.subList((int) from, (int) Math.min(all.size(), from + size)).stream().map(DeviceBody::of)
                        .toList();
        return ApiResponse.ok(new DevicePage(all.size(), page, size, items));
    }

    /** The colleges to list, in RNE order: the one asked for if the caller sees it, else all the caller sees. */
    private List<String> collegesToList(Principal caller, Optional<String> site) throws ApiError {
        if (site.isPresent() && !site.get().isBlank()) {
            String rne;
            try {
                rne = Site.normalizeRne(site.get());
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(e.getMessage());
            }
            if (!caller.canSee(rne) || sites.find(rne).isEmpty()) {
                throw ApiError.notFound("Aucun collège " + rne + " parmi les vôtres.");
            }
            return List.of(rne);
        }
        if (caller.role() == Role.DEPARTMENT_ADMIN) {
            return sites.list().stream().map(Site::rne).sorted().toList();
        }
        return caller.sites().stream().sorted().toList();
    }

    private ApiResponse get(Route.Call call) throws ApiError {
        return ApiResponse.ok(DeviceBody.of(visibleDevice(call)));
    }

    private ApiResponse queueCommand(Route.Call call) throws ApiError {
        if (!call.caller().canAct()) {
            throw ApiError.forbidden("Un compte en lecture seule ne peut pas envoyer de commande.");
        }
        Command command = command(Requests.jsonObject(call.request()));
        DeviceRecord device = visibleDevice(call);
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
