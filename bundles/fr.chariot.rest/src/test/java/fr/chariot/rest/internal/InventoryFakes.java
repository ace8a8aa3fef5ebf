package fr.chariot.rest.internal;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import fr.chariot.actions.api.ActionReport;
import fr.chariot.actions.api.ActionRequest;
import fr.chariot.actions.api.ActionType;
import fr.chariot.actions.api.DeviceActions;
import fr.chariot.actions.api.DeviceOutcome;
import fr.chariot.actions.api.OutcomeStatus;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupNotFoundException;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.Groups;
import fr.chariot.groups.api.InvalidGroupException;
import fr.chariot.groups.api.InventoryFields;
import fr.chariot.groups.api.Operator;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.ExportFormat;
import fr.chariot.inventory.api.InstalledApp;
import fr.chariot.inventory.api.InstalledProfile;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryPage;
import fr.chariot.inventory.api.InventoryQuery;
import fr.chariot.inventory.api.RefreshReport;
import fr.chariot.inventory.api.SharedIpadUser;

/** In-memory stand-ins for the inventory, groups and actions services, recording what they were asked to do. */
final class InventoryFakes {

    private InventoryFakes() {
    }

    record Export(InventoryQuery query, List<InventoryField> columns, ExportFormat format) {
    }

    record RoleChange(DeviceId device, DeviceRole role, Optional<Integer> teacherNumber,
            Optional<String> teacherName) {
    }

    /** Searches the rows it holds as the real inventory would; writes exports as plain comma-separated lines. */
    static final class FakeInventory implements Inventory {
        final Map<String, DeviceInventory> rows = new TreeMap<>();
        final Map<DeviceId, List<InstalledApp>> apps = new HashMap<>();
        final Map<DeviceId, List<InstalledProfile>> profiles = new HashMap<>();
        final Map<DeviceId, List<SharedIpadUser>> users = new HashMap<>();
        final Map<String, List<InventoryField>> columns = new HashMap<>();
        final Map<String, Integer> refreshHours = new HashMap<>();
        final Map<String, Integer> staleDays = new HashMap<>();
        final List<InventoryQuery> searches = new ArrayList<>();
        final List<Export> exports = new ArrayList<>();
        final List<RoleChange> roleChanges = new ArrayList<>();
        /** Rows returned by every search whatever it asks, to check the API filters what the inventory returns. */
        final List<DeviceInventory> leaked = new ArrayList<>();

        void add(DeviceInventory row) {
            rows.put(row.udid().udid(), row);
        }

        @Override
        public InventoryPage search(InventoryQuery query) {
            searches.add(query);
            List<DeviceInventory> matching = matching(query);
            int from = Math.min(matching.size(), query.page() * query.size());
            int to = Math.min(matching.size(), from + query.size());
            List<DeviceInventory> page = new ArrayList<>(matching.subList(from, to));
            page.addAll(leaked);
            return new InventoryPage(matching.size(), query.page(), query.size(), page);
        }

        private List<DeviceInventory> matching(InventoryQuery query) {
            String text = query.text().toLowerCase(Locale.ROOT);
            Comparator<DeviceInventory> bySort = Comparator.comparing(
                    (DeviceInventory row) -> row.value(query.sort()).map(Object::toString).orElse(null),
                    Comparator.nullsLast(query.ascending() ? Comparator.<String>naturalOrder()
                            : Comparator.<String>reverseOrder()));
            return rows.values().stream()
                    .filter(row -> query.sites().map(sites -> sites.contains(row.site())).orElse(true))
                    .filter(row -> text.isEmpty() || (row.name().orElse("") + " " + row.serialNumber().orElse("")
                            + " " + row.udid().udid()).toLowerCase(Locale.ROOT).contains(text))
                    .filter(row -> query.filters().entrySet().stream()
                            .allMatch(f -> row.value(f.getKey()).map(f.getValue()::equals).orElse(false)))
                    .sorted(bySort.thenComparing(row -> row.udid().udid()))
                    .toList();
        }

        @Override
        public Optional<DeviceInventory> find(DeviceId device) {
            return Optional.ofNullable(rows.get(device.udid()));
        }

        @Override
        public List<InstalledApp> apps(DeviceId device) {
            return apps.getOrDefault(device, List.of());
        }

        @Override
        public List<InstalledProfile> profiles(DeviceId device) {
            return profiles.getOrDefault(device, List.of());
        }

        @Override
        public List<SharedIpadUser> users(DeviceId device) {
            return users.getOrDefault(device, List.of());
        }

        @Override
        public void export(InventoryQuery query, List<InventoryField> chosen, ExportFormat format, Writer out)
                throws IOException {
            exports.add(new Export(query, chosen, format));
            out.write(chosen.stream().map(InventoryField::fieldName).collect(Collectors.joining(",")) + "\r\n");
            for (DeviceInventory row : matching(query)) {
                out.write(chosen.stream().map(field -> row.value(field).map(Object::toString).orElse(""))
                        .collect(Collectors.joining(",")) + "\r\n");
            }
        }

        @Override
        public RefreshReport refresh(Collection<DeviceId> devices) {
            throw new UnsupportedOperationException("the API refreshes through the actions service");
        }

        @Override
        public void assignRole(DeviceId device, DeviceRole role, Optional<Integer> teacherNumber,
                Optional<String> teacherName) {
            if (!rows.containsKey(device.udid())) {
                throw new IllegalArgumentException("unknown device");
            }
            roleChanges.add(new RoleChange(device, role, teacherNumber, teacherName));
        }

        @Override
        public List<DeviceInventory> devicesOf(String site) {
            throw new UnsupportedOperationException("not used by the API");
        }

        @Override
        public Map<DeviceId, Set<String>> appIdsOf(String site) {
            throw new UnsupportedOperationException("not used by the API");
        }

        @Override
        public int refreshHours(String site) {
            return refreshHours.getOrDefault(site, 24);
        }

        @Override
        public int staleDays(String site) {
            return staleDays.getOrDefault(site, 7);
        }

        @Override
        public void changeStaleDays(String site, int days) {
            if (days < 1 || days > MAX_STALE_DAYS) {
                throw new IllegalArgumentException("out of range");
            }
            staleDays.put(site, days);
        }

        @Override
        public void changeRefreshHours(String site, int hours) {
            if (hours < 1 || hours > MAX_REFRESH_HOURS) {
                throw new IllegalArgumentException("out of range");
            }
            refreshHours.put(site, hours);
        }

        @Override
        public Optional<List<InventoryField>> chosenColumns(String userName) {
            return Optional.ofNullable(columns.get(userName));
        }

        @Override
        public void chooseColumns(String userName, List<InventoryField> chosen) {
            if (chosen.isEmpty() || Set.copyOf(chosen).size() != chosen.size()) {
                throw new IllegalArgumentException("empty or repeated");
            }
            columns.put(userName, List.copyOf(chosen));
        }
    }

    /** Groups with the rules the REST API relies on: smart names hold the RNE, members are the college's devices. */
    static final class FakeGroups implements Groups {
        final Map<Long, Group> groups = new TreeMap<>();
        final Map<Long, Set<String>> members = new HashMap<>();
        private final Fakes.FakeDevices devices;
        private long nextId = 1;

        FakeGroups(Fakes.FakeDevices devices) {
            this.devices = devices;
        }

        @Override
        public Group create(String site, String name, GroupType type, List<Criterion> criteria, boolean dashboard) {
            if (type == GroupType.STATIC && !criteria.isEmpty()) {
                throw new InvalidGroupException("Un groupe statique n'a pas de critères.");
            }
            check(site, 0, name, type, criteria);
            Group group = new Group(nextId++, site, name, type, criteria, dashboard);
            groups.put(group.id(), group);
            members.put(group.id(), new LinkedHashSet<>());
            return group;
        }

        private void check(String site, long id, String name, GroupType type, List<Criterion> criteria) {
            List<String> problems = new ArrayList<>();
            if (type == GroupType.SMART && !name.contains(site)) {
                problems.add("Le nom d'un groupe intelligent contient le RNE du collège (" + site + ").");
            }
            if (list(site).stream().anyMatch(g -> g.id() != id && g.name().equals(name))) {
                problems.add("Le nom « " + name + " » est déjà pris dans ce collège.");
            }
            for (Criterion criterion : criteria) {
                if (InventoryFields.find(criterion.field()).isEmpty()) {
                    problems.add("Champ inconnu « " + criterion.field() + " ».");
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidGroupException(problems);
            }
        }

        @Override
        public Optional<Group> find(long id) {
            return Optional.ofNullable(groups.get(id));
        }

        @Override
        public List<Group> list(String site) {
            return groups.values().stream().filter(g -> g.site().equals(site))
                    .sorted(Comparator.comparing(Group::name)).toList();
        }

        private Group existing(String site, long id) {
            Group group = groups.get(id);
            if (group == null || !group.site().equals(site)) {
                throw new GroupNotFoundException(site, id);
            }
            return group;
        }

        @Override
        public Group rename(String site, long id, String name) {
            Group group = existing(site, id);
            check(site, id, name, group.type(), List.of());
            return put(new Group(id, site, name, group.type(), group.criteria(), group.dashboard()));
        }

        @Override
        public Group changeCriteria(String site, long id, List<Criterion> criteria) {
            Group group = existing(site, id);
            if (group.type() == GroupType.STATIC) {
                throw new InvalidGroupException("Un groupe statique n'a pas de critères.");
            }
            check(site, id, group.name(), group.type(), criteria);
            return put(new Group(id, site, group.name(), group.type(), criteria, group.dashboard()));
        }

        @Override
        public Group showOnDashboard(String site, long id, boolean dashboard) {
            Group group = existing(site, id);
            return put(new Group(id, site, group.name(), group.type(), group.criteria(), dashboard));
        }

        private Group put(Group group) {
            groups.put(group.id(), group);
            return group;
        }

        @Override
        public void delete(String site, long id) {
            existing(site, id);
            boolean named = groups.values().stream().flatMap(g -> g.criteria().stream())
                    .anyMatch(c -> c.operator() == Operator.MEMBER_OF && c.value().equals(String.valueOf(id)));
            if (named) {
                throw new InvalidGroupException("Un autre groupe dépend de celui-ci.");
            }
            groups.remove(id);
            members.remove(id);
        }

        @Override
        public void addMembers(String site, long id, Collection<String> udids) {
            Group group = existing(site, id);
            if (group.type() == GroupType.SMART) {
                throw new InvalidGroupException("Les membres d'un groupe intelligent suivent ses critères.");
            }
            for (String udid : udids) {
                Optional<DeviceRecord> device = devices.find(new DeviceId(udid));
                if (device.isEmpty() || !device.get().rne().equals(site)) {
                    throw new InvalidGroupException("Un appareil n'est pas du collège.");
                }
            }
            members.get(id).addAll(udids);
        }

        @Override
        public void removeMembers(String site, long id, Collection<String> udids) {
            existing(site, id);
            members.get(id).removeAll(udids);
        }

        @Override
        public Set<String> members(String site, long id) {
            existing(site, id);
            return Set.copyOf(members.get(id));
        }

        @Override
        public List<Group> groupsOf(String site, String udid) {
            return list(site).stream().filter(g -> members.get(g.id()).contains(udid)).toList();
        }
    }

    /** Queues every device it is given (REFUSED when the fake devices do not know it). */
    static final class FakeActions implements DeviceActions {
        static final Instant NOW = Instant.parse("2026-09-03T10:00:00Z");
        final Map<Long, ActionReport> reports = new LinkedHashMap<>();
        final List<ActionRequest> started = new ArrayList<>();
        private final Fakes.FakeDevices devices;
        private long nextId = 41;

        FakeActions(Fakes.FakeDevices devices) {
            this.devices = devices;
        }

        @Override
        public ActionReport start(ActionRequest request) {
            if (request.devices().isEmpty() || request.devices().size() > MAX_DEVICES) {
                throw new IllegalArgumentException("no device or too many");
            }
            if (request.installAction().isPresent() && request.type() != ActionType.UPDATE_OS) {
                throw new IllegalArgumentException(
                        "une action d'installation (installAction) ne vaut que pour UPDATE_OS");
            }
            started.add(request);
            List<DeviceOutcome> outcomes = new ArrayList<>();
            for (DeviceId device : request.devices()) {
                Optional<DeviceRecord> record = devices.find(device);
                outcomes.add(record.isPresent()
                        ? new DeviceOutcome(device, Optional.of(record.get().rne()), OutcomeStatus.QUEUED,
                                Optional.empty(), Optional.of("cmd-" + device.udid()), NOW)
                        : new DeviceOutcome(device, Optional.empty(), OutcomeStatus.REFUSED,
                                Optional.of("Appareil inconnu"), Optional.empty(), NOW));
            }
            ActionReport report = new ActionReport(nextId++, request.type(), request.installAction(),
                    request.requestedBy(), NOW, outcomes);
            reports.put(report.id(), report);
            return report;
        }

        @Override
        public Optional<ActionReport> report(long id) {
            return Optional.ofNullable(reports.get(id));
        }

        @Override
        public List<ActionReport> recent(Optional<java.util.Set<String>> sites, int limit) {
            throw new UnsupportedOperationException("the API has no list of actions");
        }
    }
}
