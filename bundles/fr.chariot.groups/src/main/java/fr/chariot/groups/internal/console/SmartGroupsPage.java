package fr.chariot.groups.internal.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.accounts.api.AuditLog;
import fr.chariot.api.SiteDirectory;
import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupNotFoundException;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.Groups;
import fr.chariot.groups.api.InvalidGroupException;
import fr.chariot.groups.api.InventoryFields;
import fr.chariot.groups.internal.console.CriteriaForm.Choice;
import fr.chariot.groups.internal.console.CriteriaForm.Parsed;
import fr.chariot.groups.internal.console.CriteriaForm.Row;
import fr.chariot.groups.internal.console.GroupPages.College;
import fr.chariot.groups.internal.console.GroupPages.Steps;
import fr.chariot.webconsole.api.ConsolePage;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.MenuEntry;
import fr.chariot.webconsole.api.MenuSection;
import fr.chariot.webconsole.api.PageRequest;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.View;

/**
 * « Groupes intelligents » (seed 2.5 II): the list of the user's colleges' smart groups, and a group's page with its
 * name (which must contain the college's RNE), its dashboard flag and its « Critères » ({@link CriteriaForm}).
 */
@Component(service = ConsolePage.class)
public final class SmartGroupsPage implements ConsolePage {

    static final String PATH = "smart-groups";

    private final GroupPages pages;

    @Activate
    public SmartGroupsPage(@Reference Groups groups, @Reference SiteDirectory sites, @Reference AuditLog audit) {
        this.pages = new GroupPages(groups, sites, audit);
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Optional<MenuEntry> menu() {
        return Optional.of(MenuEntry.of(MenuSection.DEVICES, "smart.menu", 30));
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
                    : pages.list(request, GroupType.SMART, "smart-list.peb", "smart.title");
        }
        if (parts.length == 1 && parts[0].equals("new")) {
            if (!user.principal().canAct()) {
                return PageResult.forbidden();
            }
            return request.isPost() ? create(request) : newForm(request, List.of(), List.of());
        }
        Optional<Group> found = pages.visibleGroup(user, parts[0], GroupType.SMART);
        if (found.isEmpty() || parts.length > 2 || (parts.length == 2 && !parts[1].equals("delete"))) {
            return PageResult.notFound();
        }
        Group group = found.get();
        if (!request.isPost()) {
            return parts.length == 1 ? editForm(request, group, group.criteria().stream().map(Row::of).toList(),
                    List.of()) : PageResult.notFound();
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
        List<Row> rows = CriteriaForm.posted(request);
        Optional<College> college = pages.chosenCollege(request);
        if (college.isEmpty()) {
            return newForm(request, rows, List.of(request.text("form.chooseCollege")));
        }
        Parsed parsed = CriteriaForm.parse(rows);
        if (!parsed.problems().isEmpty()) {
            return newForm(request, rows, parsed.problems());
        }
        String site = college.get().rne();
        boolean dashboard = request.parameter("dashboard").isPresent();
        Group group;
        try {
            group = pages.groups().create(site, request.parameter("name").orElse(""), GroupType.SMART,
                    parsed.criteria(), dashboard);
        } catch (InvalidGroupException e) {
            return newForm(request, rows, e.problems());
        }
        pages.audit(request.user(), site, "group.create", List.of(String.valueOf(group.id())),
                "Groupe intelligent « " + group.name() + " », " + group.criteria().size() + " critère(s)");
        return PageResult.redirect(PATH + "/" + group.id(),
                request.text("smart.saved", group.name(), pages.count(group)));
    }

    private PageResult update(PageRequest request, Group before) {
        String site = before.site();
        long id = before.id();
        List<Row> rows = CriteriaForm.posted(request);
        String name = request.parameter("name").orElse("");
        boolean dashboard = request.parameter("dashboard").isPresent();
        Group asPosted = new Group(id, site, name, GroupType.SMART, List.of(), dashboard);
        Parsed parsed = CriteriaForm.parse(rows);
        if (!parsed.problems().isEmpty()) {
            return editForm(request, asPosted, rows, parsed.problems());
        }
        List<Criterion> criteria = parsed.criteria();
        Groups groups = pages.groups();
        Steps steps = new Steps();
        try {
            if (!criteria.equals(before.criteria())) {
                steps.run(() -> groups.changeCriteria(site, id, criteria),
                        () -> groups.changeCriteria(site, id, before.criteria()));
            }
            if (!name.equals(before.name())) {
                steps.run(() -> groups.rename(site, id, name), () -> groups.rename(site, id, before.name()));
            }
            if (dashboard != before.dashboard()) {
                steps.run(() -> groups.showOnDashboard(site, id, dashboard),
                        () -> groups.showOnDashboard(site, id, before.dashboard()));
            }
        } catch (InvalidGroupException e) {
            steps.undoAll();
            return editForm(request, asPosted, rows, e.problems());
        }
        Group after = groups.find(id).orElse(before);
        pages.audit(request.user(), site, "group.update", List.of(String.valueOf(id)),
                "Groupe intelligent « " + after.name() + " », " + after.criteria().size() + " critère(s)");
        return PageResult.redirect(PATH + "/" + id, request.text("smart.saved", after.name(), pages.count(after)));
    }

    private PageResult delete(PageRequest request, Group group) {
        try {
            pages.groups().delete(group.site(), group.id());
        } catch (InvalidGroupException e) {
            // another group's criteria name it: refused, and said on its page
            return editForm(request, group, group.criteria().stream().map(Row::of).toList(), e.problems());
        }
        pages.audit(request.user(), group.site(), "group.delete", List.of(String.valueOf(group.id())),
                "Groupe intelligent « " + group.name() + " »");
        return PageResult.redirect(PATH, request.text("group.deleted", group.name()));
    }

    private PageResult newForm(PageRequest request, List<Row> rows, List<String> errors) {
        Optional<College> college = pages.chosenCollege(request);
        String site = college.map(College::rne).orElse("");
        Map<String, Object> model = form(request, site, rows, errors);
        model.put("isNew", true);
        model.put("colleges", pages.colleges(request.user().principal()));
        // the seed's rule, started for them: the name begins with the college's RNE
        model.put("name", request.parameter("name").orElse(site.isEmpty() ? "" : site + " "));
        model.put("dashboard", request.parameter("dashboard").isPresent());
        model.put("action", PATH + "/new");
        model.put("canAct", true);
        model.put("count", 0);
        model.put("groupId", 0L);
        model.put("collegeLabel", college.map(College::label).orElse(""));
        return new View(GroupPages.TEMPLATES + "smart-form.peb", request.text("smart.new"), model);
    }

    private PageResult editForm(PageRequest request, Group group, List<Row> rows, List<String> errors) {
        Map<String, Object> model = form(request, group.site(), rows, errors);
        model.put("isNew", false);
        model.put("colleges", List.of());
        model.put("name", group.name());
        model.put("dashboard", group.dashboard());
        model.put("action", PATH + "/" + group.id());
        model.put("canAct", request.user().principal().canAct());
        model.put("count", pages.groups().members(group.site(), group.id()).size());
        model.put("groupId", group.id());
        model.put("collegeLabel", pages.college(group.site()).label());
        return new View(GroupPages.TEMPLATES + "smart-form.peb", group.name(), model);
    }

    /** What the new and the edit forms share: the college, the criteria rows and the choices they offer. */
    private Map<String, Object> form(PageRequest request, String site, List<Row> rows, List<String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("college", site);
        model.put("errors", errors);
        model.put("rows", CriteriaForm.views(rows, request));
        model.put("fields", CriteriaForm.fields(request));
        model.put("joins", CriteriaForm.joins(request));
        model.put("operatorGroups", CriteriaForm.operatorGroups(request));
        model.put("valueHints", site.isEmpty() ? List.of() : valueHints(request, site));
        model.put("groupNames", site.isEmpty() ? Map.of() : groupNames(site));
        return model;
    }

    /**
     * Suggestions for the value inputs ({@code <datalist>}): the college's groups by number, for « membre du
     * groupe », and the roles.
     */
    private List<Choice> valueHints(PageRequest request, String site) {
        List<Choice> hints = new ArrayList<>();
        for (Group group : pages.groups().list(site)) {
            hints.add(new Choice(String.valueOf(group.id()), request.text("hint.group", group.name())));
        }
        for (String role : List.of(InventoryFields.ROLE_STUDENT_SHARED, InventoryFields.ROLE_TEACHER_SHARED,
                InventoryFields.ROLE_TEACHER_PERSONAL)) {
            hints.add(new Choice(role, request.text("role." + role)));
        }
        return hints;
    }

    /** Group number (as text) → name, so a read-only page shows « membre du groupe » criteria by name. */
    private Map<String, String> groupNames(String site) {
        Map<String, String> names = new HashMap<>();
        for (Group group : pages.groups().list(site)) {
            names.put(String.valueOf(group.id()), group.name());
        }
        return names;
    }
}
