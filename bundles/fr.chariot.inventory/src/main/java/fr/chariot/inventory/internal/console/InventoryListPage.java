package fr.chariot.inventory.internal.console;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.api.SiteDirectory;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.ExportFormat;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryPage;
import fr.chariot.inventory.api.InventoryQuery;
import fr.chariot.inventory.internal.InventoryExport;
import fr.chariot.inventory.internal.console.Colleges.College;
import fr.chariot.webconsole.api.ConsolePage;
import fr.chariot.webconsole.api.DeviceSelection;
import fr.chariot.webconsole.api.DeviceSelections;
import fr.chariot.webconsole.api.MenuEntry;
import fr.chariot.webconsole.api.MenuSection;
import fr.chariot.webconsole.api.PageRequest;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.View;

/**
 * « Inventaire » (seed 2.3, the general inventory): the devices of the user's colleges with a search box, the
 * columns they chose, sortable headers, pages, exports, removable filters and the group action on a selection.
 * {@code ?in=<kind>:<id>} opens it on a named set of devices ({@link DeviceSelection}, e.g. a group's members).
 *
 * <p>Only one page of devices is read (the inventory's paged search), except for {@code in=}: the set's college is
 * read whole and searched in memory ({@link SelectedDevices}).
 */
@Component(service = ConsolePage.class)
public final class InventoryListPage implements ConsolePage {

    static final String PATH = "inventory";
    static final String MESSAGES = "fr/chariot/inventory/internal/console/messages";
    static final List<Integer> PAGE_SIZES = List.of(25, 50, 100, 250);
    static final int DEFAULT_PAGE_SIZE = 50;
    /** What a user who never chose their columns sees. */
    static final List<InventoryField> DEFAULT_COLUMNS = List.of(InventoryField.NAME, InventoryField.SERIAL_NUMBER,
            InventoryField.MODEL, InventoryField.OS_VERSION, InventoryField.BATTERY_LEVEL,
            InventoryField.AVAILABLE_CAPACITY_MB, InventoryField.LAST_INVENTORY);

    /** A column header: its field, the link sorting on it and how it is sorted now ({@code sort asc}, …). */
    public record Column(String field, String sortLink, String sortClass, String ariaSort) {
    }

    /** A table cell: its text, a link (the name: the device's page) and a badge when the value needs attention. */
    public record Cell(String text, String link, boolean warn, String hint) {
    }

    /** A device's line. */
    public record Row(String udid, List<Cell> cells) {
    }

    /** A filter shown as a chip, with the link that removes it. */
    public record Chip(String field, String value, String removeLink) {
    }

    /** A link of the page (export, page). */
    public record Link(String label, String href) {
    }

    private final Inventory inventory;
    private final Colleges colleges;
    private final Clock clock;
    private final DeviceSelections selections = new DeviceSelections();

    @Activate
    public InventoryListPage(@Reference Inventory inventory, @Reference SiteDirectory sites) {
        this(inventory, sites, Clock.systemUTC());
    }

    InventoryListPage(Inventory inventory, SiteDirectory sites, Clock clock) {
        this.inventory = inventory;
        this.colleges = new Colleges(sites);
        this.clock = clock;
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
        return Optional.of(MenuEntry.of(MenuSection.DEVICES, "inventory.menu", 10));
    }

    @Override
    public String messages() {
        return MESSAGES;
    }

    @Override
    public PageResult handle(PageRequest request) {
        if (request.isPost()) {
            return PageResult.notFound();
        }
        return switch (request.subPath()) {
            case "" -> list(request);
            case "export" -> export(request);
            default -> PageResult.notFound();
        };
    }

    /** What the parameters ask for, once the colleges and the selection are checked. */
    private record Scope(Optional<Set<String>> sites, Optional<DeviceSelection.Selected> selection) {
    }

    /** Empty when the college or the selection asked for does not exist or is not the user's (404). */
    private Optional<Scope> scope(PageRequest request, SearchParameters parameters) {
        Principal user = request.user().principal();
        Optional<String> site = Optional.empty();
        if (!parameters.site().isEmpty()) {
            Optional<College> college = colleges.visible(user, parameters.site());
            if (college.isEmpty()) {
                return Optional.empty();
            }
            site = Optional.of(college.get().rne());
        }
        Optional<DeviceSelection.Selected> selected = Optional.empty();
        if (!parameters.in().isEmpty()) {
            selected = selections.resolve(request.user(), parameters.in());
            if (selected.isEmpty() || (site.isPresent() && !site.get().equals(selected.get().site()))) {
                return Optional.empty();
            }
            site = Optional.of(selected.get().site());
        }
        Optional<Set<String>> sites = site.map(Set::of).or(() -> user.role() == Role.DEPARTMENT_ADMIN
                ? Optional.empty() : Optional.of(user.sites()));
        return Optional.of(new Scope(sites, selected));
    }

    private static int pageSize(PageRequest request, SearchParameters parameters) {
        if (parameters.size().isEmpty()) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int size = Integer.parseInt(parameters.size());
            if (PAGE_SIZES.contains(size)) {
                return size;
            }
        } catch (NumberFormatException e) {
            // refused below, with the same message
        }
        throw new IllegalArgumentException(request.text("inventory.error.size", parameters.size()));
    }

    private static int pageNumber(PageRequest request, SearchParameters parameters) {
        if (parameters.page().isEmpty()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(parameters.page());
            if (page >= 1) {
                return page;
            }
        } catch (NumberFormatException e) {
            // refused below, with the same message
        }
        throw new IllegalArgumentException(request.text("inventory.error.page", parameters.page()));
    }

    private static InventoryQuery query(SearchParameters parameters, Scope scope, int page, int size) {
        return InventoryQuery.parse(parameters.text(), scope.sites(), parameters.filters(), parameters.sort(),
                parameters.order(), page, size);
    }

    private List<InventoryField> columns(PageRequest request) {
        return inventory.chosenColumns(request.user().username()).orElse(DEFAULT_COLUMNS);
    }

    private PageResult list(PageRequest request) {
        SearchParameters parameters = SearchParameters.of(request);
        Optional<Scope> found = scope(request, parameters);
        if (found.isEmpty()) {
            return PageResult.notFound();
        }
        Scope scope = found.get();
        Principal user = request.user().principal();
        List<InventoryField> columns = columns(request);
        String error = "";
        InventoryQuery query = null;
        InventoryPage page = new InventoryPage(0, 0, DEFAULT_PAGE_SIZE, List.of());
        int size = DEFAULT_PAGE_SIZE;
        try {
            size = pageSize(request, parameters);
            query = query(parameters, scope, pageNumber(request, parameters) - 1, size);
            page = search(scope, query);
        } catch (IllegalArgumentException e) {
            // a parameter typed or kept in a bookmark: the page says what is wrong instead of failing
            error = e.getMessage();
        }
        Instant now = clock.instant();
        List<Row> rows = new ArrayList<>();
        for (DeviceInventory device : page.items()) {
            // the inventory is not scoped itself: never show what it returned for another college
            if (user.canSee(device.site())) {
                rows.add(row(request, device, columns, now));
            }
        }
        InventoryField sort = query == null ? InventoryField.NAME : query.sort();
        boolean ascending = query == null || query.ascending();
        List<Column> headers = columns.stream().map(field -> header(parameters, field, sort, ascending)).toList();
        long pages = Math.max(1, (page.total() + size - 1) / size);
        int current = page.page() + 1;
        List<College> visible = colleges.visible(user);

        Map<String, Object> model = new HashMap<>();
        model.put("q", parameters.text());
        model.put("site", scope.selection().map(DeviceSelection.Selected::site).orElse(parameters.site()));
        model.put("colleges", visible);
        model.put("collegeChooser", visible.size() > 1 && scope.selection().isEmpty());
        model.put("searchHidden", parameters.search().stream()
                .filter(p -> !p.name().equals("q") && !p.name().equals("site")).toList());
        model.put("error", error);
        model.put("selection", scope.selection().map(DeviceSelection.Selected::label).orElse(""));
        model.put("removeSelection", parameters.withoutSelection());
        model.put("chips", parameters.filters().entrySet().stream()
                .map(f -> new Chip(f.getKey(), f.getValue(), parameters.withoutFilter(f.getKey()))).toList());
        model.put("total", page.total());
        model.put("columns", headers);
        model.put("rows", rows);
        model.put("page", current);
        model.put("pages", pages);
        model.put("previous", current > 1 ? parameters.page(current - 1) : "");
        model.put("next", current < pages ? parameters.page(current + 1) : "");
        model.put("size", size);
        model.put("sizes", PAGE_SIZES);
        model.put("exports", List.of(new Link("CSV", parameters.export("csv")),
                new Link("TXT", parameters.export("txt")), new Link("XML", parameters.export("xml"))));
        model.put("canAct", user.canAct());
        model.put("actionHidden", parameters.search());
        return new View("fr/chariot/inventory/internal/console/inventory.peb", request.text("inventory.title"),
                model);
    }

    private InventoryPage search(Scope scope, InventoryQuery query) {
        if (scope.selection().isEmpty()) {
            return inventory.search(query);
        }
        DeviceSelection.Selected set = scope.selection().get();
        return SelectedDevices.page(SelectedDevices.matching(inventory.devicesOf(set.site()), set.udids(), query),
                query);
    }

    private static Column header(SearchParameters parameters, InventoryField field, InventoryField sort,
            boolean ascending) {
        boolean current = field == sort;
        String sortClass = current ? (ascending ? "sort asc" : "sort desc") : "sort";
        String ariaSort = current ? (ascending ? "ascending" : "descending") : "none";
        return new Column(field.fieldName(), parameters.sorted(field.fieldName(), !(current && ascending)),
                sortClass, ariaSort);
    }

    private static Row row(PageRequest request, DeviceInventory device, List<InventoryField> columns, Instant now) {
        List<Cell> cells = new ArrayList<>();
        for (InventoryField field : columns) {
            String text = Values.format(request, field, device.value(field));
            if (field == InventoryField.NAME) {
                cells.add(new Cell(text.isEmpty() ? device.udid().udid() : text, "devices/" + device.udid().udid(),
                        false, ""));
            } else if (field == InventoryField.LAST_INVENTORY || field == InventoryField.STALE) {
                cells.add(new Cell(text, "", device.stale(), device.stale() ? age(request, device, now) : ""));
            } else {
                cells.add(new Cell(text, "", false, ""));
            }
        }
        return new Row(device.udid().udid(), cells);
    }

    /** « il y a N jours », or « jamais inventorié ». */
    private static String age(PageRequest request, DeviceInventory device, Instant now) {
        return device.lastInventory().map(last -> request.text("inventory.daysAgo",
                Math.max(0, Duration.between(last, now).toDays()))).orElse(request.text("inventory.never"));
    }

    /** The same checks as the list (and as the REST export), all before the first byte is written. */
    private PageResult export(PageRequest request) {
        SearchParameters parameters = SearchParameters.of(request);
        Optional<Scope> found = scope(request, parameters);
        if (found.isEmpty()) {
            return PageResult.notFound();
        }
        Scope scope = found.get();
        ExportFormat format = ExportFormat.byName(request.parameter("format").orElse("csv"));
        List<InventoryField> columns = columns(request);
        InventoryQuery query = query(parameters, scope, 0, InventoryQuery.MAX_PAGE_SIZE);
        String fileName = "inventaire-" + LocalDate.ofInstant(clock.instant(), Values.FRENCH_TIME) + "."
                + format.extension();
        Optional<DeviceSelection.Selected> selection = scope.selection();
        return new PageResult.Download(fileName, format.mediaType() + "; charset=UTF-8", out -> {
            Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            if (selection.isEmpty()) {
                inventory.export(query, columns, format, text);
            } else {
                InventoryExport export = new InventoryExport(format, columns, text);
                export.begin();
                for (DeviceInventory device : SelectedDevices.matching(inventory.devicesOf(selection.get().site()),
                        selection.get().udids(), query)) {
                    export.row(device);
                }
                export.end();
            }
            text.flush();
        });
    }
}
