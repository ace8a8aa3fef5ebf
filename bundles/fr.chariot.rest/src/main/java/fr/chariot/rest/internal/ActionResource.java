package fr.chariot.rest.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.actions.api.ActionReport;
import fr.chariot.actions.api.ActionRequest;
import fr.chariot.actions.api.ActionType;
import fr.chariot.actions.api.DeviceActions;
import fr.chariot.actions.api.DeviceOutcome;
import fr.chariot.actions.api.OutcomeStatus;
import fr.chariot.api.DeviceDirectory;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryPage;
import fr.chariot.inventory.api.InventoryQuery;

/**
 * {@code /devices/actions}: one action on a list of devices or on a search's result, and its report device by
 * device. Whoever asks must see every device named; a report shows each caller only the devices they see.
 */
final class ActionResource {

    static final String PATH = "/devices/actions";
    private static final Set<String> FIELDS = Set.of("action", "devices", "q", "site", "filters", "installAction");

    private final DeviceDirectory devices;
    private final Inventory inventory;
    private final DeviceActions actions;
    private final InventorySearch search;

    ActionResource(Colleges colleges, DeviceDirectory devices, Inventory inventory, DeviceActions actions) {
        this.devices = devices;
        this.inventory = inventory;
        this.actions = actions;
        this.search = new InventorySearch(colleges);
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", PATH, true, this::start),
                new Route("GET", PATH + "/{id}", true, this::report));
    }

    /** @param counts devices per status, every status present */
    record Started(long id, String report, long devices, Map<String, Long> counts) {
    }

    record OutcomeBody(String udid, String site, String status, String reason, String commandUuid,
            String updatedAt) {
        static OutcomeBody of(DeviceOutcome outcome) {
            return new OutcomeBody(outcome.device().udid(), outcome.site().orElse(null), outcome.status().name(),
                    outcome.reason().orElse(null), outcome.commandUuid().orElse(null), outcome.updatedAt().toString());
        }
    }

    record ReportBody(long id, String action, String installAction, String requestedBy, String requestedAt,
            Map<String, Long> counts, List<OutcomeBody> devices) {
    }

    private ApiResponse start(Route.Call call) throws ApiError {
        Principal caller = call.caller();
        if (!caller.canAct()) {
            throw ApiError.forbidden("Un compte en lecture seule ne peut pas lancer d'action.");
        }
        JsonNode body = Requests.jsonObject(call.request());
        Requests.onlyFields(body, FIELDS);
        ActionType type = actionType(Requests.text(body, "action"));
        Optional<String> installAction = Requests.optionalText(body, "installAction");
        Optional<List<String>> named = Requests.optionalTextList(body, "devices");
        boolean bySearch = body.has("q");
        if (named.isPresent() == bySearch) {
            throw ApiError.badRequest("Donnez soit « devices » (la liste des UDID), soit « q » (une recherche dont "
                    + "tous les appareils sont pris).");
        }
        if (named.isPresent() && (body.has("site") || body.has("filters"))) {
            throw ApiError.badRequest("« site » et « filters » précisent une recherche « q », pas une liste "
                    + "« devices ».");
        }
        List<DeviceId> chosen = named.isPresent() ? visibleDevices(caller, named.get()) : searched(caller, body);
        if (chosen.isEmpty()) {
            throw ApiError.badRequest("Aucun appareil choisi : l'action n'a pas été lancée.");
        }
        if (chosen.size() > DeviceActions.MAX_DEVICES) {
            throw tooMany(chosen.size());
        }
        ActionReport report;
        try {
            report = actions.start(new ActionRequest(type, chosen, installAction, caller.username()));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("L'action n'a pas été lancée : " + e.getMessage());
        }
        String location = "/api/v1" + PATH + "/" + report.id();
        return ApiResponse.at(202, location,
                new Started(report.id(), location, report.devices().size(), counts(report.devices())));
    }

    private static ActionType actionType(String name) throws ApiError {
        try {
            return ActionType.valueOf(name.strip());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("L'action (« action ») est UPDATE_INVENTORY, UPDATE_OS ou RESTART, pas « "
                    + name + " ».");
        }
    }

    /** The devices named, each one the caller sees; otherwise 404 without saying which, and nothing starts. */
    private List<DeviceId> visibleDevices(Principal caller, List<String> udids) throws ApiError {
        Set<DeviceId> chosen = new LinkedHashSet<>();
        for (String udid : udids) {
            Optional<DeviceRecord> device;
            try {
                device = devices.find(new DeviceId(udid.strip()));
            } catch (IllegalArgumentException e) {
                device = Optional.empty();
            }
            if (device.isEmpty() || !caller.canSee(device.get().rne())) {
                throw ApiError.notFound("Un ou plusieurs appareils ne sont pas parmi ceux de vos collèges : "
                        + "l'action n'a pas été lancée.");
            }
            chosen.add(device.get().udid());
        }
        return List.copyOf(chosen);
    }

    /** Every device of the search (all pages), refused when more than an action takes. */
    private List<DeviceId> searched(Principal caller, JsonNode body) throws ApiError {
        JsonNode text = body.get("q");
        if (!text.isTextual()) {
            throw ApiError.badRequest("Le champ « q » est le texte cherché (vide : tous les appareils).");
        }
        Map<String, String> filters = new LinkedHashMap<>();
        JsonNode given = body.get("filters");
        if (given != null) {
            if (!given.isObject()) {
                throw ApiError.badRequest("Le champ « filters » est un objet {\"champ\": \"valeur\"}.");
            }
            for (Map.Entry<String, JsonNode> filter : given.properties()) {
                if (!filter.getValue().isValueNode() || filter.getValue().isNull()) {
                    throw ApiError.badRequest("Le filtre « " + filter.getKey() + " » attend une valeur simple.");
                }
                filters.put(filter.getKey(), filter.getValue().asText());
            }
        }
        InventoryQuery query = search.query(caller, text.textValue(), Requests.optionalText(body, "site"), filters,
                null, null, 0, InventoryQuery.MAX_PAGE_SIZE);
        List<DeviceId> found = new ArrayList<>();
        for (int page = 0;; page++) {
            InventoryPage result = inventory.search(query.withPage(page));
            if (result.total() > DeviceActions.MAX_DEVICES) {
                throw tooMany(result.total());
            }
            for (DeviceInventory row : result.items()) {
                if (caller.canSee(row.site())) {
                    found.add(row.udid());
                }
            }
            if (result.items().size() < query.size()) {
                return found;
            }
        }
    }

    private static ApiError tooMany(long count) {
        return ApiError.badRequest("La sélection compte " + count + " appareils ; une action en prend au plus "
                + DeviceActions.MAX_DEVICES + ". Précisez la recherche.");
    }

    private ApiResponse report(Route.Call call) throws ApiError {
        Principal caller = call.caller();
        String id = call.pathParameter("id");
        ApiError missing = ApiError.notFound("Aucune action n°" + id + " sur des appareils de vos collèges.");
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw missing;
        }
        ActionReport report = actions.report(number).orElseThrow(() -> missing);
        List<DeviceOutcome> visible = report.devices().stream().filter(outcome -> sees(caller, outcome)).toList();
        if (visible.isEmpty()) {
            throw missing;
        }
        return ApiResponse.ok(new ReportBody(report.id(), report.type().name(), report.installAction().orElse(null),
                report.requestedBy(), report.requestedAt().toString(), counts(visible),
                visible.stream().map(OutcomeBody::of).toList()));
    }

    /** A device Chariot does not know has no college: only a department admin, who sees everything, sees it. */
    private static boolean sees(Principal caller, DeviceOutcome outcome) {
        return outcome.site().map(caller::canSee).orElse(caller.role() == Role.DEPARTMENT_ADMIN);
    }

    private static Map<String, Long> counts(List<DeviceOutcome> outcomes) {
        Map<OutcomeStatus, Long> counts = new EnumMap<>(OutcomeStatus.class);
        for (OutcomeStatus status : OutcomeStatus.values()) {
            counts.put(status, 0L);
        }
        outcomes.forEach(outcome -> counts.merge(outcome.status(), 1L, Long::sum));
        Map<String, Long> named = new LinkedHashMap<>();
        counts.forEach((status, count) -> named.put(status.name(), count));
        return named;
    }
}
