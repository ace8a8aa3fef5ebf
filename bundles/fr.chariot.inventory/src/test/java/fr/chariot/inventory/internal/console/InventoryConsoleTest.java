package fr.chariot.inventory.internal.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.AuditPage;
import fr.chariot.accounts.api.AuditQuery;
import fr.chariot.accounts.api.Role;
import fr.chariot.api.DeviceId;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryQuery;
import fr.chariot.inventory.internal.TestInventory;
import fr.chariot.persistence.internal.MutableClock;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DeviceSelection;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.Section;
import fr.chariot.webconsole.api.View;
import fr.chariot.webconsole.internal.render.TemplateChecks;

/** The inventory's console screens over the real inventory on Derby, rendered as the console renders them. */
class InventoryConsoleTest {

    private static final Instant NOW = Instant.parse("2025-10-01T08:00:00Z");
    private static final String A = "0310001A";
    private static final String B = "0310002B";
    private static final String EVIL = "<img src=x onerror=alert(1)>";

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(NOW);
    private final List<AuditEvent> audited = new ArrayList<>();
    private TestInventory test;
    private Inventory inventory;
    private InventoryListPage list;
    private DeviceId evil;
    private DeviceId nineDaysOld;
    private DeviceId inB;

    @BeforeEach
    void setUp() throws Exception {
        test = new TestInventory(folder, clock, 7);
        inventory = test.inventory();
        // 30 iPads in A: #1 answered 9 days ago (stale by the default 7), #2 named to break the page; 3 in B
        for (int n = 1; n <= 30; n++) {
            Instant answered = n == 1 ? NOW.minus(Duration.ofDays(9)) : NOW.minus(Duration.ofHours(n));
            DeviceId device = test.add(n, A, n == 2 ? EVIL : String.format("%s-2025-IPAD%02d", A, n), answered);
            if (n == 1) {
                nineDaysOld = device;
            } else if (n == 2) {
                evil = device;
            }
        }
        for (int n = 31; n <= 33; n++) {
            inB = test.add(n, B, String.format("%s-2025-IPAD%02d", B, n), NOW.minus(Duration.ofDays(9)));
        }
        list = new InventoryListPage(inventory, test.sites(), clock);
        list.addSelection(new Groups());
    }

    /** Group 1 of college A: devices #3, #4 and #5; group 2 belongs to college B. */
    private final class Groups implements DeviceSelection {
        @Override
        public String kind() {
            return "group";
        }

        @Override
        public Optional<Selected> select(ConsoleUser user, String id) {
            Optional<Selected> group = switch (id) {
                case "1" -> Optional.of(new Selected("Groupe <b>chariot</b>", A, Set.of(udid(3), udid(4),
                        udid(5))));
                case "2" -> Optional.of(new Selected("Groupe B", B, Set.of(inB.udid())));
                default -> Optional.empty();
            };
            return group.filter(g -> user.principal().canSee(g.site()));
        }
    }

    private static String udid(int n) {
        return String.format("00008103-%016X", n);
    }

    private final AuditLog audit = new AuditLog() {
        @Override
        public void record(AuditEvent event) {
            audited.add(event);
        }

        @Override
        public AuditPage entries(AuditQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void exportCsv(AuditQuery query, OutputStream out) {
            throw new UnsupportedOperationException();
        }
    };

    private String html(ConsoleUser user, String... parameters) {
        PageResult result = list.handle(TemplateChecks.get(list, user, "", parameters));
        return TemplateChecks.render(list, assertInstanceOf(View.class, result), user);
    }

    private static List<String> rowUdids(String html) {
        List<String> udids = new ArrayList<>();
        Matcher m = Pattern.compile("name=\"udid\" value=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            udids.add(m.group(1));
        }
        return udids;
    }

    @Test
    void listsTheCollegesDevicesEscapedWithTheirTotalAndLinks() {
        ConsoleUser technician = TemplateChecks.user(Role.TECHNICIAN, A);
        String html = html(technician);

        assertTrue(html.contains("30 appareils"), html);
        assertFalse(html.contains(EVIL), "a device's name is text, never markup");
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertTrue(html.contains("href=\"/console/devices/" + evil.udid() + "\""));
        assertFalse(html.contains(B + "-2025"), "another college's devices never show");
        assertTrue(html.contains(">" + "Nom de l’appareil</a>"), "default columns, French labels");
        assertTrue(html.contains("class=\"sort asc\""), "sorted by name by default");
        assertTrue(html.contains("badge warn"), "the device 9 days old is flagged");
        assertTrue(html.contains("il y a 9 jours"));
        assertTrue(html.contains("/console/inventory/export?format=csv"));
    }

    @Test
    void searchSortAndPagesReachTheQuery() {
        ConsoleUser technician = TemplateChecks.user(Role.TECHNICIAN, A);
        assertEquals(List.of(udid(12)), rowUdids(html(technician, "q", "ipad12")));

        String byBattery = html(technician, "sort", "batteryLevel", "order", "desc", "size", "25", "page", "2");
        // battery is n % 100 %: descending, page 2 of 25 holds the five lowest, n = 5, 4, 3, 2, 1
        assertEquals(List.of(udid(5), udid(4), udid(3), udid(2), udid(1)), rowUdids(byBattery));
        assertTrue(byBattery.contains("class=\"sort desc\""));
        assertTrue(byBattery.contains("Page 2 sur 2"));
        assertTrue(byBattery.contains("href=\"/console/inventory?sort=batteryLevel&amp;order=desc&amp;size=25&amp;"
                + "page=1\""), "the previous page keeps the search");
        assertTrue(byBattery.contains("<option value=\"25\" selected>"));
    }

    @Test
    void badParametersShowTheMessageInsteadOfFailing() {
        ConsoleUser technician = TemplateChecks.user(Role.TECHNICIAN, A);
        assertTrue(html(technician, "sort", "couleur").contains("Champ d&#39;inventaire inconnu « couleur »"));
        assertTrue(html(technician, "filter.batteryLevel", "beaucoup").contains("un nombre entier"));
        assertTrue(html(technician, "size", "7").contains("choisissez 25, 50, 100 ou 250"));
        assertTrue(html(technician, "page", "zéro").contains("n’est pas un numéro de page"));
        assertTrue(html(technician, "order", "sideways").contains("asc"));
    }

    @Test
    void filtersComeFromTheUrlAndShowAsRemovableChips() {
        ConsoleUser technician = TemplateChecks.user(Role.TECHNICIAN, A);
        String html = html(technician, "site", "0310001a", "filter.stale", "true");

        assertEquals(List.of(nineDaysOld.udid()), rowUdids(html));
        assertTrue(html.contains("Inventaire non mis à jour = true"));
        assertTrue(html.contains("href=\"/console/inventory?site=0310001a\""), "the chip's link removes it");
    }

    @Test
    void anotherCollegeOrAnUnknownSelectionIsNotFound() {
        ConsoleUser technician = TemplateChecks.user(Role.TECHNICIAN, A);
        for (String[] parameters : List.of(new String[] {"site", B}, new String[] {"site", "0999999Z"},
                new String[] {"site", "n'importe"}, new String[] {"in", "group:2"}, new String[] {"in", "group:9"},
                new String[] {"in", "profile:1"}, new String[] {"in", "group"},
                new String[] {"in", "group:1", "site", B})) {
            assertInstanceOf(PageResult.NotFound.class, list.handle(TemplateChecks.get(list, technician, "",
                    parameters)), String.join("=", parameters));
            assertInstanceOf(PageResult.NotFound.class, list.handle(TemplateChecks.get(list, technician, "export",
                    parameters)), String.join("=", parameters));
        }
        assertInstanceOf(PageResult.NotFound.class, list.handle(TemplateChecks.get(list, technician, "other")));
    }

    @Test
    void aSelectionRestrictsTheListAndItsExport() throws IOException {
        ConsoleUser technician = TemplateChecks.user(Role.TECHNICIAN, A);
        String html = html(technician, "in", "group:1", "sort", "name", "order", "desc");

        assertEquals(List.of(udid(5), udid(4), udid(3)), rowUdids(html));
        assertTrue(html.contains("3 appareils"));
        assertTrue(html.contains("Groupe &lt;b&gt;chariot&lt;/b&gt;"));
        assertTrue(html.contains("<input type=\"hidden\" name=\"in\" value=\"group:1\">"));
        assertEquals(List.of(udid(4)), rowUdids(html(technician, "in", "group:1", "q", "ipad04")));

        String csv = download(list.handle(TemplateChecks.get(list, technician, "export", "format", "csv", "in",
                "group:1")));
        assertEquals(4, csv.split("\r\n").length, csv);
        assertTrue(csv.contains(A + "-2025-IPAD03"));
        assertFalse(csv.contains(A + "-2025-IPAD06"));
    }

    @Test
    void exportsStreamTheSearchInTheChosenFormat() throws IOException {
        ConsoleUser technician = TemplateChecks.user(Role.TECHNICIAN, A, B);
        PageResult result = list.handle(TemplateChecks.get(list, technician, "export", "format", "csv",
                "site", A, "filter.stale", "true"));
        PageResult.Download download = assertInstanceOf(PageResult.Download.class, result);
        assertEquals("text/csv; charset=UTF-8", download.contentType());
        assertTrue(download.fileName().matches("inventaire-2025-10-01\\.csv"));
        String csv = download(result);
        assertTrue(csv.startsWith("name,serialNumber,model,osVersion,batteryLevel,availableCapacityMb,"
                + "lastInventory\r\n"), csv);
        assertEquals(2, csv.split("\r\n").length, "only the stale device of A");

        String xml = download(list.handle(TemplateChecks.get(list, technician, "export", "format", "xml")));
        assertTrue(xml.contains("<name>&lt;img src=x onerror=alert(1)&gt;</name>"));
        assertThrows(IllegalArgumentException.class, () -> list.handle(TemplateChecks.get(list, technician,
                "export", "format", "pdf")));
        assertThrows(IllegalArgumentException.class, () -> list.handle(TemplateChecks.get(list, technician,
                "export", "sort", "couleur")));
    }

    private static String download(PageResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertInstanceOf(PageResult.Download.class, result).body().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theGroupActionFormIsOnlyForUsersWhoMayAct() {
        String readOnly = html(TemplateChecks.user(Role.READ_ONLY, A));
        assertFalse(readOnly.contains("actions/new"));
        assertFalse(readOnly.contains("name=\"udid\""));

        String technician = html(TemplateChecks.user(Role.TECHNICIAN, A), "q", "ipad", "filter.stale", "false",
                "sort", "osVersion");
        assertTrue(technician.contains("<form method=\"post\" action=\"/console/actions/new\">"));
        assertTrue(technician.contains("name=\"_csrf\" value=\"" + TemplateChecks.CSRF_TOKEN + "\""));
        assertTrue(technician.contains("data-select-all=\"udid\""));
        assertTrue(technician.contains("name=\"all\" value=\"true\""));
        assertTrue(technician.contains("Toute la sélection (28 appareils)"));
        for (String hidden : List.of("name=\"q\" value=\"ipad\"", "name=\"filter.stale\" value=\"false\"",
                "name=\"sort\" value=\"osVersion\"")) {
            assertTrue(technician.contains("<input type=\"hidden\" " + hidden + ">"), hidden);
        }
    }

    @Test
    void aDepartmentAdminChoosesAmongEveryCollege() {
        ConsoleUser admin = TemplateChecks.user(Role.DEPARTMENT_ADMIN);
        String all = html(admin);
        assertTrue(all.contains("33 appareils"));
        assertTrue(all.contains("Tous mes établissements"));
        assertTrue(html(admin, "site", B).contains("3 appareils"));
        assertTrue(html(TemplateChecks.english(admin)).contains("33 devices"));
    }

    @Test
    void columnsAreChosenPerUserEvenReadOnly() {
        ColumnsPage columns = new ColumnsPage(inventory, audit);
        ConsoleUser reader = TemplateChecks.user(Role.READ_ONLY, A);
        String form = TemplateChecks.render(columns, assertInstanceOf(View.class,
                columns.handle(TemplateChecks.get(columns, reader, ""))), reader);
        for (InventoryField field : InventoryField.values()) {
            assertTrue(form.contains("value=\"" + field.fieldName() + "\""), field.fieldName());
            assertFalse(form.contains(">field." + field.fieldName() + "<"), "a label for " + field.fieldName());
        }
        assertTrue(form.contains("value=\"name\" checked"));

        PageResult empty = columns.handle(TemplateChecks.post(columns, reader, ""));
        assertTrue(TemplateChecks.render(columns, assertInstanceOf(View.class, empty), reader)
                .contains("Choisissez au moins une colonne."));
        assertTrue(inventory.chosenColumns(reader.username()).isEmpty());

        PageResult saved = columns.handle(TemplateChecks.post(columns, reader, "", "column", "serialNumber",
                "column", "stale"));
        assertEquals("inventory", assertInstanceOf(PageResult.Redirect.class, saved).path());
        assertEquals(Optional.of(List.of(InventoryField.SERIAL_NUMBER, InventoryField.STALE)),
                inventory.chosenColumns(reader.username()));
        assertEquals("inventory.columns", audited.get(0).action());
        String html = html(reader);
        assertTrue(html.contains(">Inventaire non mis à jour</a>"));
        assertFalse(html.contains(">Nom de l’appareil</a>"));
    }

    @Test
    void settingsAreChangedByThoseWhoMayActOnTheirCollege() {
        SettingsPage settings = new SettingsPage(inventory, test.sites(), audit);
        ConsoleUser reader = TemplateChecks.user(Role.READ_ONLY, A);
        ConsoleUser technician = TemplateChecks.user(Role.TECHNICIAN, A);

        String readOnly = TemplateChecks.render(settings, assertInstanceOf(View.class,
                settings.handle(TemplateChecks.get(settings, reader, ""))), reader);
        assertFalse(readOnly.contains("<form"));
        assertTrue(readOnly.contains("Collège " + A));
        assertInstanceOf(PageResult.Forbidden.class, settings.handle(TemplateChecks.post(settings, reader, "",
                "site", A, "refreshHours", "6", "staleDays", "10")));
        assertInstanceOf(PageResult.NotFound.class, settings.handle(TemplateChecks.post(settings, technician, "",
                "site", B, "refreshHours", "6", "staleDays", "10")));

        PageResult refused = settings.handle(TemplateChecks.post(settings, technician, "", "site", A,
                "refreshHours", "6", "staleDays", "400"));
        assertTrue(TemplateChecks.render(settings, assertInstanceOf(View.class, refused), technician)
                .contains("va de 1 à 365 jours"));
        assertEquals(24, inventory.refreshHours(A), "nothing changes when one value is refused");

        PageResult saved = settings.handle(TemplateChecks.post(settings, technician, "", "site", "0310001a",
                "refreshHours", "6", "staleDays", "10"));
        assertInstanceOf(PageResult.Redirect.class, saved);
        assertEquals(6, inventory.refreshHours(A));
        assertEquals(10, inventory.staleDays(A));
        assertEquals(7, inventory.staleDays(B));
        AuditEvent event = audited.get(0);
        assertEquals(List.of("inventory.settings", Optional.of(A), "refreshHours=6, staleDays=10"),
                List.of(event.action(), event.site(), event.details()));
    }

    @Test
    void eachCollegesThresholdDecidesWhoIsStale() throws IOException {
        ConsoleUser admin = TemplateChecks.user(Role.DEPARTMENT_ADMIN);
        assertEquals(4, staleCount(Optional.empty()), "#1 of A and B's three, by the default 7 days");

        inventory.changeStaleDays(A, 10);
        assertEquals(3, staleCount(Optional.empty()));
        assertEquals(0, staleCount(Optional.of(Set.of(A))));
        assertEquals(3, staleCount(Optional.of(Set.of(A, B))));
        assertEquals(30, inventory.search(InventoryQuery.parse("", Optional.empty(), Map.of("stale", "false"),
                "name", "asc", 0, 50)).total());
        assertFalse(inventory.find(nineDaysOld).orElseThrow().stale());
        assertTrue(inventory.find(inB).orElseThrow().stale());
        assertTrue(inventory.devicesOf(A).stream().noneMatch(d -> d.stale()));

        inventory.changeStaleDays(B, 30);
        inventory.changeStaleDays(A, 8);
        assertEquals(1, staleCount(Optional.empty()), "two colleges with their own threshold");
        assertEquals(List.of(nineDaysOld.udid()), rowUdids(html(admin, "filter.stale", "true")));

        clock.advance(Duration.ofDays(25));
        assertEquals(33, staleCount(Optional.empty()), "A after 8 days, B after 30");
        assertEquals(30, staleCount(Optional.of(Set.of(A))));
        String csv = download(list.handle(TemplateChecks.get(list, admin, "export", "site", B,
                "filter.stale", "true")));
        assertEquals(4, csv.split("\r\n").length);

        assertThrows(IllegalArgumentException.class, () -> inventory.changeStaleDays(A, 0));
        assertThrows(IllegalArgumentException.class, () -> inventory.changeStaleDays(A, 366));
        assertThrows(IllegalArgumentException.class, () -> inventory.changeStaleDays("tout", 5));
        assertEquals(8, inventory.staleDays(A));
    }

    private long staleCount(Optional<Set<String>> sites) {
        return inventory.search(new InventoryQuery("", sites, Map.of(InventoryField.STALE, true),
                InventoryField.NAME, true, 0, 1)).total();
    }

    @Test
    void theDashboardCountsEachCollegesDevicesAndStaleOnes() {
        InventoryCard card = new InventoryCard(inventory, test.sites());
        List<Section> sections = card.sections(TemplateChecks.user(Role.TECHNICIAN, A));
        assertEquals(1, sections.size());
        List<Section.Row> rows = sections.get(0).rows();
        assertEquals("30", rows.get(0).value());
        assertEquals("Appareils gérés", rows.get(0).label());
        assertEquals("Inventaire non mis à jour depuis plus de 7 jours", rows.get(1).label());
        assertEquals("1", rows.get(1).value());
        assertEquals(Section.Level.WARNING, rows.get(1).level());
        assertEquals(Optional.of("inventory?site=" + A + "&filter.stale=true"), rows.get(1).link());

        inventory.changeStaleDays(A, 10);
        Section.Row fresh = card.sections(TemplateChecks.user(Role.TECHNICIAN, A)).get(0).rows().get(1);
        assertEquals(List.of("0", Section.Level.NORMAL), List.of(fresh.value(), fresh.level()));

        List<Section> admin = card.sections(TemplateChecks.user(Role.DEPARTMENT_ADMIN));
        assertEquals(1, admin.size());
        assertEquals(2, admin.get(0).rows().size(), "one line per college");
        assertTrue(card.sections(TemplateChecks.user(Role.TECHNICIAN)).isEmpty());
    }
}
