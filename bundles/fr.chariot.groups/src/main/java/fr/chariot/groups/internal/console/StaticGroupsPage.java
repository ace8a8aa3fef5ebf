package fr.chariot.groups.internal.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.accounts.api.AuditLog;
import fr.chariot.api.SiteDirectory;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupNotFoundException;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.Groups;
import fr.chariot.groups.api.InvalidGroupException;
import fr.chariot.groups.internal.console.GroupPages.College;
import fr.chariot.groups.internal.console.GroupPages.Steps;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.webconsole.api.ConsolePage;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.MenuEntry;
import fr.chariot.webconsole.api.MenuSection;
import fr.chariot.webconsole.api.PageRequest;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.View;

/**
 * « Groupes statiques » (seed 2.5 I): the list of the user's colleges' static groups, and a group's page with its
 * name, its dashboard flag and its « Affectations », the college's devices to tick.
 *
 * <p>Form fields: {@code name}, {@code site} (a new group's college), {@code dashboard}, {@code udid} (each ticked
 * device) and {@code shown} (each device the table showed): with the {@code q} filter, the table may show part of
 * the college, and only the devices shown can have been unticked, so members that were not shown stay.
 */
@Component(service = ConsolePage.class)
public final class StaticGroupsPage implements ConsolePage {

    static final String PATH = "static-groups";

    /** A device of the « Affectations » table. Texts are empty when the device never reported them. */
    public record DeviceRow(String udid, String name, String serialNumber, String model, boolean member) {
    }

    private final GroupPages pages;
    private final Inventory inventory;

    @Activate
    public StaticGroupsPage(@Reference Groups groups, @Reference Inventory inventory, @Reference SiteDirectory sites,
            @Reference AuditLog audit) {
        this.pages = new GroupPages(groups, sites, audit);
        this.inventory = inventory;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Optional<MenuEntry> menu() {
        return Optional.of(MenuEntry.of(MenuSection.DEVICES, "static.menu", 20));
    }

    @Override
    public String messages() {
        return GroupPages.MESSAGES;
    }

    @Override
    public PageResult handle(PageRequest request) {
        ConsoleUser user = request.user();
        String[] parts = request.subPath().split("/", -1);
        if (request.subPath().isEmpty()) {
            return request.isPost() ? PageResult.forbidden()
                    : pages.list(request, GroupType.STATIC, "static-list.peb", "static.title");
        }
        if (parts.length == 1 && parts[0].equals("new")) {
            if (!user.principal().canAct()) {
                return PageResult.forbidden();
            }
            return request.isPost() ? create(request) : newForm(request, List.of());
        }
        Optional<Group> found = pages.visibleGroup(user, parts[0], GroupType.STATIC);
        if (found.isEmpty() || parts.length > 2 || (parts.length == 2 && !parts[1].equals("delete"))) {
            return PageResult.notFound();
        }
        Group group = found.get();
        if (!request.isPost()) {
            return parts.length == 1 ? editForm(request, group, List.of(), Optional.empty()) : PageResult.notFound();
        }
        if (!user.principal().canAct()) {
            return PageResult.forbidden();
        }
        try {
            return parts.length == 2 ? delete(request, group) : update(request, group);
        } catch (GroupNotFoundException e) {
            // deleted meanwhile
            return PageResult.notFound();
        }
    }

    private PageResult create(PageRequest request) {
        Optional<College> college = pages.chosenCollege(request);
        if (college.isEmpty()) {
            return newForm(request, List.of(request.text("form.chooseCollege")));
        }
        String site = college.get().rne();
        String name = request.parameter("name").orElse("");
        boolean dashboard = request.parameter("dashboard").isPresent();
        Set<String> ticked = new LinkedHashSet<>(request.parameters("udid"));
        Groups groups = pages.groups();
        Group group;
        try {
            group = groups.create(site, name, GroupType.STATIC, List.of(), dashboard);
        } catch (InvalidGroupException e) {
            return newForm(request, e.problems());
        }
        if (!ticked.isEmpty()) {
            try {
                groups.addMembers(site, group.id(), ticked);
            } catch (InvalidGroupException e) {
                // all or nothing: a group without the members asked for is not what was asked
                groups.delete(site, group.id());
                return newForm(request, e.problems());
            }
        }
        List<String> objects = Stream.concat(Stream.of(String.valueOf(group.id())), ticked.stream()).toList();
        pages.audit(request.user(), site, "group.create", objects,
                "Groupe statique « " + group.name() + " », " + ticked.size() + " appareil(s)");
        return PageResult.redirect(PATH + "/" + group.id(),
                request.text("static.created", group.name(), ticked.size()));
    }

    private PageResult update(PageRequest request, Group before) {
        String site = before.site();
        long id = before.id();
        String name = request.parameter("name").orElse("");
        boolean dashboard = request.parameter("dashboard").isPresent();
        Set<String> ticked = new LinkedHashSet<>(request.parameters("udid"));
        Set<String> shown = Set.copyOf(request.parameters("shown"));
        Groups groups = pages.groups();
        Set<String> current = groups.members(site, id);
        Set<String> added = new LinkedHashSet<>(ticked);
        added.removeAll(current);
        Set<String> removed = new LinkedHashSet<>(current);
        removed.retainAll(shown);
        removed.removeAll(ticked);

        Steps steps = new Steps();
        try {
            if (!name.equals(before.name())) {
                steps.run(() -> groups.rename(site, id, name), () -> groups.rename(site, id, before.name()));
            }
            if (dashboard != before.dashboard()) {
                steps.run(() -> groups.showOnDashboard(site, id, dashboard),
                        () -> groups.showOnDashboard(site, id, before.dashboard()));
            }
            // adding first: it is what can be refused, and then nobody has been removed yet
            if (!added.isEmpty()) {
                steps.run(() -> groups.addMembers(site, id, added), () -> groups.removeMembers(site, id, added));
            }
            if (!removed.isEmpty()) {
                steps.run(() -> groups.removeMembers(site, id, removed), () -> groups.addMembers(site, id, removed));
            }
        } catch (InvalidGroupException e) {
            steps.undoAll();
            Set<String> checked = new LinkedHashSet<>(ticked);
            current.stream().filter(udid -> !shown.contains(udid)).forEach(checked::add);
            return editForm(request, new Group(id, site, name, GroupType.STATIC, List.of(), dashboard),
                    e.problems(), Optional.of(checked));
        }
        List<String> objects = new ArrayList<>();
        objects.add(String.valueOf(id));
        objects.addAll(added);
        objects.addAll(removed);
        pages.audit(request.user(), site, "group.update", objects, "Groupe statique « " + name + " », "
                + added.size() + " ajouté(s), " + removed.size() + " retiré(s)");
        return PageResult.redirect(PATH + "/" + id, request.text("static.saved", name, added.size(),
                removed.size()));
    }

    private PageResult delete(PageRequest request, Group group) {
        try {
            pages.groups().delete(group.site(), group.id());
        } catch (InvalidGroupException e) {
            // another group's criteria name it: refused, and said on its page
            return editForm(request, group, e.problems(), Optional.empty());
        }
        pages.audit(request.user(), group.site(), "group.delete", List.of(String.valueOf(group.id())),
                "Groupe statique « " + group.name() + " »");
        return PageResult.redirect(PATH, request.text("group.deleted", group.name()));
    }

    private PageResult newForm(PageRequest request, List<String> errors) {
        Optional<College> college = pages.chosenCollege(request);
        Map<String, Object> model = new HashMap<>();
        model.put("isNew", true);
        model.put("colleges", pages.colleges(request.user().principal()));
        model.put("errors", errors);
        model.put("name", request.parameter("name").orElse(""));
        model.put("dashboard", request.parameter("dashboard").isPresent());
        String q = request.parameter("q").orElse("");
        model.put("q", q);
        model.put("action", PATH + "/new");
        model.put("canAct", true);
        model.put("count", 0);
        model.put("groupId", 0L);
        model.put("college", college.map(College::rne).orElse(""));
        model.put("collegeLabel", college.map(College::label).orElse(""));
        Set<String> ticked = Set.copyOf(request.parameters("udid"));
        model.put("devices", college.map(c -> devices(c.rne(), q, ticked, true)).orElse(List.of()));
        return new View(GroupPages.TEMPLATES + "static-form.peb", request.text("static.new"), model);
    }

    /** @param checked the devices to show ticked; the group's members when empty */
    private PageResult editForm(PageRequest request, Group group, List<String> errors, Optional<Set<String>> checked) {
        boolean canAct = request.user().principal().canAct();
        Set<String> members = pages.groups().members(group.site(), group.id());
        String q = request.parameter("q").orElse("");
        Map<String, Object> model = new HashMap<>();
        model.put("isNew", false);
        model.put("colleges", List.of());
        model.put("errors", errors);
        model.put("name", group.name());
        model.put("dashboard", group.dashboard());
        model.put("q", q);
        model.put("action", PATH + "/" + group.id());
        model.put("canAct", canAct);
        model.put("count", members.size());
        model.put("groupId", group.id());
        model.put("college", group.site());
        model.put("collegeLabel", pages.college(group.site()).label());
        // a read-only user sees the members only; a technician, the college's devices to tick
        model.put("devices", devices(group.site(), q, checked.orElse(members), canAct));
        return new View(GroupPages.TEMPLATES + "static-form.peb", group.name(), model);
    }

    /**
     * The rows of the « Affectations » table, by name: the college's devices matching {@code q} (every one when
     * {@code all}, else only the ticked ones), and ticked devices the college no longer lists, so they can be
     * unticked.
     */
    private List<DeviceRow> devices(String site, String q, Set<String> ticked, boolean all) {
        String needle = q.toLowerCase(Locale.ROOT);
        List<DeviceRow> rows = new ArrayList<>();
        Set<String> listed = new LinkedHashSet<>();
        for (DeviceInventory device : inventory.devicesOf(site)) {
            String udid = device.udid().udid();
            listed.add(udid);
            DeviceRow row = new DeviceRow(udid, device.name().orElse(""), device.serialNumber().orElse(""),
                    device.value(InventoryField.MODEL_NAME).map(Object::toString).orElse(""),
                    ticked.contains(udid));
            if ((all || row.member()) && matches(row, needle)) {
                rows.add(row);
            }
        }
        ticked.stream().filter(udid -> !listed.contains(udid))
                .map(udid -> new DeviceRow(udid, "", "", "", true))
                .filter(row -> matches(row, needle))
                .forEach(rows::add);
        rows.sort(Comparator.comparing((DeviceRow row) -> row.name().isEmpty())
                .thenComparing(row -> row.name().toLowerCase(Locale.ROOT)).thenComparing(DeviceRow::udid));
        return rows;
    }

    private static boolean matches(DeviceRow row, String needle) {
        return needle.isEmpty() || Stream.of(row.name(), row.serialNumber(), row.udid(), row.model())
                .anyMatch(text -> text.toLowerCase(Locale.ROOT).contains(needle));
    }
}
