package fr.chariot.rest.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.accounts.api.Principal;
import fr.chariot.api.DeviceDirectory;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupNotFoundException;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.Groups;
import fr.chariot.groups.api.InvalidGroupException;
import fr.chariot.groups.api.Join;
import fr.chariot.groups.api.Operator;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;

/**
 * {@code /groups}: the static and smart groups of the caller's colleges. A group of another college answers
 * exactly like a group that does not exist. A refused change leaves the group as it was.
 */
final class GroupResource {

    private static final Logger LOG = LoggerFactory.getLogger(GroupResource.class);
    private static final Set<String> CREATE_FIELDS = Set.of("name", "site", "type", "criteria", "members",
            "dashboard");
    private static final Set<String> UPDATE_FIELDS = Set.of("name", "criteria", "members", "dashboard");
    private static final Set<String> CRITERION_FIELDS = Set.of("field", "operator", "value", "join");
    /** A member list longer than this is a mistake; a college has a few hundred iPads. */
    static final int MAX_MEMBERS = 10_000;

    private final Colleges colleges;
    private final DeviceDirectory devices;
    private final Inventory inventory;
    private final Groups groups;

    GroupResource(Colleges colleges, DeviceDirectory devices, Inventory inventory, Groups groups) {
        this.colleges = colleges;
        this.devices = devices;
        this.inventory = inventory;
        this.groups = groups;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/groups", true, this::list),
                new Route("POST", "/groups", true, this::create),
                new Route("GET", "/groups/{id}", true, this::get),
                new Route("PUT", "/groups/{id}", true, this::update),
                new Route("DELETE", "/groups/{id}", true, this::delete),
                new Route("GET", "/groups/{id}/members", true, this::members));
    }

    record CriterionBody(String field, String operator, String value, String join) {
        static CriterionBody of(Criterion criterion) {
            return new CriterionBody(criterion.field(), criterion.operator().name(), criterion.value(),
                    criterion.join().name());
        }
    }

    record GroupBody(long id, String site, String name, String type, List<CriterionBody> criteria, boolean dashboard,
            int memberCount) {
    }

    private GroupBody body(Group group) {
        return new GroupBody(group.id(), group.site(), group.name(), group.type().name(),
                group.criteria().stream().map(CriterionBody::of).toList(), group.dashboard(),
                groups.members(group.site(), group.id()).size());
    }

    private ApiResponse list(Route.Call call) throws ApiError {
        Principal caller = call.caller();
        Optional<String> site = call.request().parameter("site").filter(rne -> !rne.isBlank());
        List<String> searched = site.isPresent() ? List.of(colleges.visible(caller, site.get()))
                : colleges.all(caller);
        List<GroupBody> found = new ArrayList<>();
        for (String rne : searched) {
            for (Group group : groups.list(rne)) {
                found.add(body(group));
            }
        }
        return ApiResponse.ok(found);
    }

    private ApiResponse get(Route.Call call) throws ApiError {
        return ApiResponse.ok(body(visibleGroup(call)));
    }

    private ApiResponse create(Route.Call call) throws ApiError {
        Principal caller = call.caller();
        refuseReadOnly(caller);
        JsonNode body = Requests.jsonObject(call.request());
        Requests.onlyFields(body, CREATE_FIELDS);
        String name = Requests.text(body, "name").strip();
        String typeName = Requests.text(body, "type");
        GroupType type;
        try {
            type = GroupType.valueOf(typeName.strip());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Le type (« type ») est STATIC ou SMART, pas « " + typeName + " ».");
        }
        List<Criterion> criteria = criteria(body).orElse(List.of());
        Optional<List<String>> members = Requests.optionalTextList(body, "members");
        boolean dashboard = Requests.optionalBoolean(body, "dashboard").orElse(false);
        checkKind(type, !criteria.isEmpty(), members.isPresent());
        String site = colleges.visible(caller, Requests.text(body, "site"));
        Set<String> memberIds = members.isPresent() ? membersOf(site, members.get()) : Set.of();

        Group group;
        try {
            group = groups.create(site, name, type, criteria, dashboard);
        } catch (InvalidGroupException e) {
            throw invalid(e);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Le groupe n'a pas été créé : " + e.getMessage());
        }
        if (!memberIds.isEmpty()) {
            try {
                groups.addMembers(site, group.id(), memberIds);
            } catch (RuntimeException e) {
                // All or nothing: a group created without the members asked for is not what was asked.
                groups.delete(site, group.id());
                if (e instanceof InvalidGroupException invalid) {
                    throw invalid(invalid);
                }
                throw e;
            }
        }
        LOG.info("Group {} '{}' ({}) created in {} by '{}'", group.id(), group.name(), type, site,
                caller.username());
        return ApiResponse.at(201, "/api/v1/groups/" + group.id(), body(group));
    }

    private ApiResponse update(Route.Call call) throws ApiError {
        Principal caller = call.caller();
        refuseReadOnly(caller);
        JsonNode body = Requests.jsonObject(call.request());
        Requests.onlyFields(body, UPDATE_FIELDS);
        if (body.isEmpty()) {
            throw ApiError.badRequest(
                    "Rien à changer : donnez « name », « criteria », « dashboard » ou « members ».");
        }
        Optional<String> name = Requests.optionalText(body, "name").map(String::strip);
        Optional<List<Criterion>> criteria = criteria(body);
        Optional<List<String>> members = Requests.optionalTextList(body, "members");
        Optional<Boolean> dashboard = Requests.optionalBoolean(body, "dashboard");
        Group before = visibleGroup(call);
        String site = before.site();
        long id = before.id();
        checkKind(before.type(), criteria.isPresent(), members.isPresent());
        Optional<Set<String>> memberIds = members.isPresent() ? Optional.of(membersOf(site, members.get()))
                : Optional.empty();

        // Groups changes one thing per call: undo what was done when a later step is refused.
        Deque<Runnable> undo = new ArrayDeque<>();
        try {
            if (criteria.isPresent()) {
                groups.changeCriteria(site, id, criteria.get());
                undo.push(() -> groups.changeCriteria(site, id, before.criteria()));
            }
            if (name.isPresent() && !name.get().equals(before.name())) {
                groups.rename(site, id, name.get());
                undo.push(() -> groups.rename(site, id, before.name()));
            }
            if (memberIds.isPresent()) {
                replaceMembers(site, id, memberIds.get(), undo);
            }
            if (dashboard.isPresent()) {
                groups.showOnDashboard(site, id, dashboard.get());
                undo.push(() -> groups.showOnDashboard(site, id, before.dashboard()));
            }
        } catch (InvalidGroupException e) {
            undo.forEach(Runnable::run);
            throw invalid(e);
        } catch (GroupNotFoundException e) {
            // Deleted meanwhile: nothing left to undo.
            throw notFound(String.valueOf(id));
        }
        LOG.info("Group {} of {} changed by '{}'", id, site, caller.username());
        return ApiResponse.ok(body(groups.find(id).orElseThrow(() -> notFound(String.valueOf(id)))));
    }

    /** New members first: adding is what can be refused, and then nobody has been removed. */
    private void replaceMembers(String site, long id, Set<String> wanted, Deque<Runnable> undo) {
        Set<String> current = groups.members(site, id);
        Set<String> added = new LinkedHashSet<>(wanted);
        added.removeAll(current);
        Set<String> removed = new LinkedHashSet<>(current);
        removed.removeAll(wanted);
        if (!added.isEmpty()) {
            groups.addMembers(site, id, added);
            undo.push(() -> groups.removeMembers(site, id, added));
        }
        if (!removed.isEmpty()) {
            groups.removeMembers(site, id, removed);
            undo.push(() -> groups.addMembers(site, id, removed));
        }
    }

    private ApiResponse delete(Route.Call call) throws ApiError {
        Principal caller = call.caller();
        refuseReadOnly(caller);
        Group group = visibleGroup(call);
        try {
            groups.delete(group.site(), group.id());
        } catch (InvalidGroupException e) {
            throw new ApiError(409, "conflict", e.getMessage());
        } catch (GroupNotFoundException e) {
            throw notFound(String.valueOf(group.id()));
        }
        LOG.info("Group {} '{}' of {} deleted by '{}'", group.id(), group.name(), group.site(), caller.username());
        return ApiResponse.noContent();
    }

    private ApiResponse members(Route.Call call) throws ApiError {
        Group group = visibleGroup(call);
        List<Map<String, Object>> items = new ArrayList<>();
        for (String udid : groups.members(group.site(), group.id())) {
            DeviceId id = new DeviceId(udid);
            Optional<DeviceRecord> record = devices.find(id);
            inventory.find(id).map(row -> InventoryItems.item(row, record, List.of()))
                    .or(() -> record.map(InventoryItems::item))
                    .ifPresent(items::add);
        }
        items.sort(Comparator.comparing((Map<String, Object> item) -> sortKey(item.get("name")))
                .thenComparing(item -> (String) item.get(InventoryField.UDID.fieldName())));
        return ApiResponse.ok(items);
    }

    private static String sortKey(Object name) {
        return name == null ? "\uffff" : name.toString().toLowerCase(Locale.ROOT);
    }

    private static void refuseReadOnly(Principal caller) throws ApiError {
        if (!caller.canAct()) {
            throw ApiError.forbidden("Un compte en lecture seule ne peut pas modifier les groupes.");
        }
    }

    /** Criteria on a static group or members of a smart one are refused before anything changes. */
    private static void checkKind(GroupType type, boolean hasCriteria, boolean hasMembers) throws ApiError {
        if (type == GroupType.STATIC && hasCriteria) {
            throw ApiError.badRequest("Un groupe statique n'a pas de critères : ses membres sont choisis "
                    + "(« members »).");
        }
        if (type == GroupType.SMART && hasMembers) {
            throw ApiError.badRequest("Les membres d'un groupe intelligent suivent ses critères : « members » ne "
                    + "s'applique qu'à un groupe statique.");
        }
    }

    /**
     * The member UDIDs, each a device of the group's college. Which ones are not is not said: they may be devices
     * of a college the caller does not see.
     */
    private Set<String> membersOf(String site, List<String> udids) throws ApiError {
        if (udids.size() > MAX_MEMBERS) {
            throw ApiError.badRequest("Un groupe compte au plus " + MAX_MEMBERS + " appareils.");
        }
        Set<String> members = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (String udid : udids) {
            String trimmed = udid.strip();
            if (!seen.add(trimmed)) {
                continue;
            }
            Optional<DeviceRecord> device;
            try {
                device = devices.find(new DeviceId(trimmed));
            } catch (IllegalArgumentException e) {
                device = Optional.empty();
            }
            if (device.isEmpty() || !device.get().rne().equals(site)) {
                throw ApiError.badRequest("Un ou plusieurs appareils de « members » ne sont pas des appareils du "
                        + "collège " + site + " : rien n'a été changé.");
            }
            members.add(device.get().udid().udid());
        }
        return members;
    }

    /** {@code criteria}: each {@code {"field","operator","value","join"}}; empty when absent. */
    private static Optional<List<Criterion>> criteria(JsonNode body) throws ApiError {
        JsonNode given = body.get("criteria");
        if (given == null) {
            return Optional.empty();
        }
        if (!given.isArray()) {
            throw ApiError.badRequest("Le champ « criteria » est une liste de critères {\"field\", \"operator\", "
                    + "\"value\", \"join\"}.");
        }
        List<Criterion> criteria = new ArrayList<>();
        int position = 1;
        for (JsonNode element : given) {
            String where = "critère n°" + position++;
            if (!element.isObject()) {
                throw ApiError.badRequest("Le " + where + " doit être un objet {\"field\", \"operator\", \"value\", "
                        + "\"join\"}.");
            }
            Requests.onlyFields(element, CRITERION_FIELDS);
            String field = Requests.text(element, "field");
            Operator operator = constant(Operator.class, Requests.text(element, "operator"), "opérateur", where);
            JsonNode value = element.get("value");
            if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
                throw ApiError.badRequest("Le " + where + " n'a pas de valeur (« value »).");
            }
            Join join = element.has("join")
                    ? constant(Join.class, Requests.text(element, "join"), "lien (« join »)", where) : Join.AND;
            criteria.add(new Criterion(field, operator, value.asText(), join));
        }
        return Optional.of(criteria);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name, String what, String where)
            throws ApiError {
        try {
            return Enum.valueOf(type, name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> known = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                known.add(constant.name());
            }
            throw ApiError.badRequest("Dans le " + where + ", " + what + " inconnu « " + name + " » ; valeurs "
                    + "possibles : " + String.join(", ", known) + ".");
        }
    }

    /** The group named in the path, if the caller sees its college; otherwise 404, whatever the reason. */
    private Group visibleGroup(Route.Call call) throws ApiError {
        String id = call.pathParameter("id");
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound(id);
        }
        Principal caller = call.caller();
        return groups.find(number).filter(group -> caller.canSee(group.site())).orElseThrow(() -> notFound(id));
    }

    private static ApiError notFound(String id) {
        return ApiError.notFound("Aucun groupe n°" + id + " parmi ceux de vos collèges.");
    }

    private static ApiError invalid(InvalidGroupException e) {
        return ApiError.badRequest(e.getMessage());
    }
}
