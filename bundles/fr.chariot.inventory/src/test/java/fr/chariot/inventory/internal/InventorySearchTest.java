package fr.chariot.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import fr.chariot.api.DeviceId;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.ExportFormat;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryPage;
import fr.chariot.inventory.api.InventoryQuery;

/** The general inventory on real Derby: search, filters, sort, pages, staleness and exports. */
class InventorySearchTest {

    private static final Instant NOW = Instant.parse("2025-10-01T08:00:00Z");
    private static final String A = "0310001A";
    private static final String B = "0310002B";

    @TempDir
    Path folder;

    private final Fakes.Queue queue = new Fakes.Queue();
    private final Fakes.Directory directory = new Fakes.Directory();
    private final AtomicBoolean commitsFail = new AtomicBoolean();
    private DataSource db;
    private InventoryStore store;
    private InventoryCollector collector;
    private InventoryService inventory;
    private InventoryResultHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create(folder);
        store = new InventoryStore(failingCommits(db));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        collector = new InventoryCollector(queue, store, directory, directory,
                Duration.ofHours(24), Duration.ofDays(7), clock, Runnable::run);
        handler = new InventoryResultHandler(store, collector, directory);
        inventory = withMatchesByKeyUpTo(InventorySearch.MAX_MATCHES_BY_KEY);
        // 25 iPads in college A (battery 4 % to 100 %, OS 17.9 or 17.10), 5 in college B; A's #1 never answered
        for (int i = 1; i <= 30; i++) {
            String site = i <= 25 ? A : B;
            DeviceId device = new DeviceId(String.format("00008103-%016X", i));
            String serial = String.format("DMP%09d", i);
            directory.enroll(device.udid(), site, serial, NOW.minus(Duration.ofDays(60)));
            collector.enrolled(device);
            if (i == 1) {
                continue;
            }
            Instant answered = i == 2 ? NOW.minus(Duration.ofDays(9)) : NOW.minus(Duration.ofHours(i));
            handler.handle(Fakes.acknowledged(queue.last("DeviceInformation", device), Fakes.deviceInformation(
                    site + "-2025-" + serial, serial, i / 30.0 * 0.97 + 0.03, i % 2 == 0 ? "17.10" : "17.9",
                    true), answered));
        }
        handler.handle(Fakes.acknowledged(new Fakes.Queued("inventory", fr.chariot.api.Commands.userList(),
                new DeviceId(String.format("00008103-%016X", 7)), "11111111-0000-4000-8000-000000000007"),
                Map.of("Users", List.of(Map.of("UserName", "lea.martin@college.fr"))), NOW));
    }

    /** The same inventory whose free text reads the rows of at most {@code limit} matches by key. */
    private InventoryService withMatchesByKeyUpTo(int limit) {
        return new InventoryService(store, new InventorySearch(db, store.searchTexts(), limit, Duration.ofDays(7),
                Clock.fixed(NOW, ZoneOffset.UTC)), collector);
    }

    /** The store's connections, whose commits fail while {@link #commitsFail} is set. */
    private DataSource failingCommits(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("commit") && commitsFail.get()) {
                                    throw new SQLException("the disk is full (simulated)", "XSDG1");
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void oneCollegesDevicesArePagedWithTheirTotal() {
        InventoryQuery query = new InventoryQuery("", Optional.of(Set.of(A)), Map.of(), InventoryField.NAME, true,
                0, 10);
        InventoryPage first = inventory.search(query);
        InventoryPage last = inventory.search(query.withPage(2));

        assertEquals(25, first.total());
        assertEquals(10, first.items().size());
        assertEquals(5, last.items().size());
        assertTrue(first.items().stream().allMatch(d -> d.site().equals(A)));
        List<String> names = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            inventory.search(query.withPage(page)).items().forEach(d -> names.add(d.name().orElseThrow()));
        }
        assertEquals(25, Set.copyOf(names).size(), "pages never overlap");
        assertEquals(names.stream().sorted().toList(), names);
    }

    @Test
    void freeTextMatchesNameSerialUdidAndUsersIgnoringCase() {
        assertEquals(1, search("dmp000000012").total());
        assertEquals(1, search("0000000000000013").total());
        assertEquals(5, search(B + "-2025").total());
        assertEquals("DMP000000007", search("LEA.MARTIN").items().get(0).serialNumber().orElseThrow());
        assertEquals(0, search("100%").total(), "LIKE wildcards in the text are taken literally");
        assertEquals(0, search("_").total());
    }

    @Test
    void sortsOnAnyFieldNumbersAndVersionsAsSuch() {
        InventoryPage byBattery = inventory.search(InventoryQuery.parse("", Optional.empty(), Map.of(),
                "batteryLevel", "desc", 0, 5));
        assertEquals(100L, byBattery.items().get(0).batteryLevel().orElseThrow());
        assertTrue(byBattery.items().get(0).batteryLevel().get() >= byBattery.items().get(1).batteryLevel().get());

        InventoryPage byOs = inventory.search(InventoryQuery.parse("", Optional.empty(), Map.of(), "osVersion",
                "desc", 0, 1));
        assertEquals("17.10", byOs.items().get(0).value(InventoryField.OS_VERSION).orElseThrow(),
                "17.10 is after 17.9");

        InventoryPage staleFirst = inventory.search(InventoryQuery.parse("", Optional.empty(), Map.of(), "stale",
                "desc", 0, 2));
        assertTrue(staleFirst.items().stream().allMatch(DeviceInventory::stale));
    }

    /**
     * Pages read in index order, NULLs placed in two runs, must be exactly the order of one plain ORDER BY (the
     * export's), whatever the field, direction, page size, filter or free text.
     */
    @Test
    void pagesFollowExactlyTheOrderOfOneSortedQuery() throws Exception {
        // free text: matches read by key (all); by key up to 5, else an index walk (no filter, indexed sort) or
        // every row; always an index walk or every row (limit 0)
        for (int limit : new int[] {InventorySearch.MAX_MATCHES_BY_KEY, 5, 0}) {
            inventory = withMatchesByKeyUpTo(limit);
            pagesFollowExactlyTheOrderOfOneSortedQuery(limit);
        }
    }

    private void pagesFollowExactlyTheOrderOfOneSortedQuery(int limit) throws Exception {
        for (InventoryField field : InventoryField.values()) {
            for (String order : List.of("asc", "desc")) {
                for (Map<String, String> filters : List.of(Map.<String, String>of(), Map.of("stale", "false"))) {
                    // no text (the limit does not matter), every device, 16 of them with #1 (never answered:
                    // NULLs), 10 without it, 3 scattered
                    List<String> texts = limit == InventorySearch.MAX_MATCHES_BY_KEY
                            ? List.of("", "00008103-", "000000000000001", "dmp00000001", "17")
                            : List.of("00008103-", "000000000000001", "dmp00000001", "17");
                    for (String text : texts) {
                        assertPagesFollowTheExport(InventoryQuery.parse(text, Optional.empty(), filters,
                                field.fieldName(), order, 0, 7), limit);
                        if (limit == 0 && filters.isEmpty()) {
                            // the index walk, to pages deep in the index: up to 15 pages of 2
                            assertPagesFollowTheExport(InventoryQuery.parse(text, Optional.empty(), filters,
                                    field.fieldName(), order, 0, 2), limit);
                        }
                    }
                }
            }
        }
    }

    private void assertPagesFollowTheExport(InventoryQuery first, int limit) throws Exception {
        List<String> expected = exportedUdids(first);
        List<String> paged = new ArrayList<>();
        long total = -1;
        // one page past the last, which must be empty and still give the total
        for (int page = 0; page * first.size() <= expected.size(); page++) {
            InventoryPage result = inventory.search(first.withPage(page));
            total = result.total();
            result.items().forEach(d -> paged.add(d.udid().udid()));
        }
        String what = first.sort().fieldName() + " " + (first.ascending() ? "asc" : "desc") + " " + first.filters()
                + " \"" + first.text() + "\" size " + first.size() + " limit " + limit;
        assertEquals(expected, paged, what);
        assertEquals(expected.size(), total, what);
    }

    private List<String> exportedUdids(InventoryQuery query) throws Exception {
        StringWriter out = new StringWriter();
        inventory.export(query, List.of(InventoryField.UDID), ExportFormat.CSV, out);
        List<String> lines = List.of(out.toString().split("\r\n"));
        return lines.subList(1, lines.size()).stream().filter(line -> !line.isEmpty()).toList();
    }

    @Test
    void filtersAreTypedAndStaleIsComputedFromLastInventory() {
        InventoryPage stale = inventory.search(InventoryQuery.parse("", Optional.empty(), Map.of("stale", "true"),
                null, null, 0, 50));
        assertEquals(Set.of("DMP000000001", "DMP000000002"),
                Set.copyOf(stale.items().stream().map(d -> d.serialNumber().orElseThrow()).toList()),
                "one never answered, one answered 9 days ago");
        assertEquals(28, inventory.search(InventoryQuery.parse("", Optional.empty(), Map.of("stale", "false"),
                null, null, 0, 50)).total());
        assertEquals(5, inventory.search(InventoryQuery.parse("", Optional.empty(), Map.of("site", B), null, null,
                0, 50)).total());
        assertEquals(29, inventory.search(InventoryQuery.parse("", Optional.empty(),
                Map.of("role", "student_shared"), null, null, 0, 50)).total());
        assertFalse(inventory.find(new DeviceId(String.format("00008103-%016X", 3))).orElseThrow().stale());
    }

    @Test
    void aBadSortColumnOrFilterIsRefusedWithAClearMessage() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> InventoryQuery.parse("",
                Optional.empty(), Map.of(), "name; DROP TABLE inv_device", "asc", 0, 10));
        assertTrue(bad.getMessage().startsWith("Champ d'inventaire inconnu « name; DROP TABLE inv_device » ; "
                + "champs connus : udid, site, role, name,"), bad.getMessage());
        assertTrue(bad.getMessage().contains("batteryLevel"), "the message lists the known fields");
        assertEquals("batteryLevel attend un nombre entier, pas « beaucoup »", refused("", Map.of("batteryLevel",
                "beaucoup"), "name", "asc", 0, 10));
        assertEquals("lostMode attend true ou false, pas « peut-être »", refused("", Map.of("lostMode",
                "peut-être"), "name", "asc", 0, 10));
        assertTrue(refused("", Map.of("lastInventory", "hier"), "name", "asc", 0, 10)
                .startsWith("lastInventory attend une date comme 2025-09-01T08:00:00Z"));
        assertTrue(refused("", Map.of("role", "élève"), "name", "asc", 0, 10).contains("TEACHER_PERSONAL (iPad "
                + "personnel d'un professeur), pas « élève »"));
        assertEquals("L'ordre de tri est « asc » ou « desc », pas « sideways ».", refused("", Map.of(), "name",
                "sideways", 0, 10));
        assertEquals("Une page compte de 1 à 1000 appareils, pas 100000.", refused("", Map.of(), "name", "asc", 0,
                100_000));
        assertEquals("Les pages sont numérotées à partir de 0, pas -1.", refused("", Map.of(), "name", "asc", -1,
                10));
        assertEquals("Le texte cherché dépasse 200 caractères.", refused("x".repeat(201), Map.of(), "name", "asc",
                0, 10));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InventoryQuery.all(Optional.of(Set.of(
                "lycée")))).getMessage().contains("n'est pas un code RNE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> inventory.export(InventoryQuery.all(
                Optional.empty()), List.of(), ExportFormat.CSV, new StringWriter())).getMessage()
                .contains("au moins une colonne"));
        assertEquals(30, inventory.search(InventoryQuery.all(Optional.empty())).total(), "nothing changed");
    }

    private static String refused(String text, Map<String, String> filters, String sort, String order, int page,
            int size) {
        return assertThrows(IllegalArgumentException.class, () -> InventoryQuery.parse(text, Optional.empty(),
                filters, sort, order, page, size)).getMessage();
    }

    @Test
    void aRenamedDeviceIsFoundByItsNewNameAndNotItsOldOne() {
        DeviceId device = new DeviceId(String.format("00008103-%016X", 12));
        String oldName = A + "-2025-DMP000000012";
        assertEquals(1, search(oldName).total());

        rename(device, "Chariot Bleu 3");

        InventoryPage found = search("chariot bleu");
        assertEquals(1, found.total());
        assertEquals(device, found.items().get(0).udid());
        assertEquals(0, search(oldName).total());
        assertEquals(List.of(), store.searchTexts().matching(oldName.toLowerCase(Locale.ROOT), Optional.empty()),
                "the old name is gone from memory too");
        assertEquals(1, searchIn(A, "chariot bleu").total());
        assertEquals(0, searchIn(B, "chariot bleu").total(), "memory keeps each device's college");
        assertEquals(1, search("dmp000000012").total(), "still found by its serial number");
    }

    @Test
    void aFailedWriteLeavesTheMemoryAsTheDatabase() {
        DeviceId device = new DeviceId(String.format("00008103-%016X", 12));
        String oldName = A + "-2025-DMP000000012";
        inventory.refresh(List.of(device));
        commitsFail.set(true);

        assertThrows(IllegalStateException.class, () -> handler.handle(Fakes.acknowledged(queue.last(
                "DeviceInformation", device), Map.of("QueryResponses", Map.of("DeviceName", "Chariot Rouge")), NOW)));
        assertThrows(IllegalStateException.class, () -> handler.handle(Fakes.acknowledged(new Fakes.Queued(
                "inventory", fr.chariot.api.Commands.userList(), device, "11111111-0000-4000-8000-000000000012"),
                Map.of("Users", List.of(Map.of("UserName", "jules.ferry@college.fr"))), NOW)));
        commitsFail.set(false);

        assertEquals(List.of(), store.searchTexts().matching("chariot rouge", Optional.empty()));
        assertEquals(List.of(), store.searchTexts().matching("jules.ferry", Optional.empty()));
        assertEquals(List.of(device.udid()), store.searchTexts().matching(oldName.toLowerCase(Locale.ROOT),
                Optional.empty()));
        assertEquals(1, search(oldName).total());
        assertEquals(0, search("chariot rouge").total());
    }

    @Test
    void searchTextsAreLoadedFromTheDatabaseAtActivation() {
        SearchTexts loaded = new InventoryStore(db).searchTexts();

        assertEquals(List.of(String.format("00008103-%016X", 7)), loaded.matching("lea.martin", Optional.empty()));
        assertEquals(List.of(), loaded.matching("lea.martin", Optional.of(Set.of(B))));
        assertEquals(5, loaded.matching(B.toLowerCase(Locale.ROOT) + "-2025", Optional.of(Set.of(B))).size());
        assertEquals(30, loaded.matching("dmp", Optional.empty()).size());
    }

    @Test
    void aChangePublishedLateDoesNotHideAChangeCommittedAfterIt() {
        SearchTexts texts = new SearchTexts();
        SearchTexts.Change first = texts.change("u1", A, "premier");
        SearchTexts.Change second = texts.change("u1", A, "second");

        texts.publish(second);
        texts.publish(first);

        assertEquals(List.of("u1"), texts.matching("second", Optional.empty()));
        assertEquals(List.of(), texts.matching("premier", Optional.empty()));
    }

    @Test
    void manyMatchesReadEveryRowAndGiveTheSamePage() {
        InventoryQuery query = InventoryQuery.parse("dmp", Optional.of(Set.of(A)), Map.of("stale", "false"),
                "batteryLevel", "desc", 1, 7);
        InventoryPage byKey = inventory.search(query);
        InventoryPage everyRow = withMatchesByKeyUpTo(5).search(query);

        assertEquals(23, byKey.total(), "25 in A, one never answered, one answered 9 days ago");
        assertEquals(byKey.total(), everyRow.total());
        assertEquals(byKey.items().stream().map(DeviceInventory::udid).toList(),
                everyRow.items().stream().map(DeviceInventory::udid).toList());
        assertEquals(7, byKey.items().size());
    }

    /**
     * Past the limit, without filter and on an indexed sort, the page comes from walking the index and keeping
     * memory's matches: memory, not the database's text, decides what matches (here every device of A claims a
     * text the database does not have), the total is memory's count, and the rows are read whole.
     */
    @Test
    void manyMatchesWithoutFilterWalkTheSortIndexKeepingMemorysMatches() {
        SearchTexts texts = new SearchTexts();
        for (int i = 1; i <= 30; i++) {
            texts.load(String.format("00008103-%016X", i), i <= 25 ? A : B, i % 2 == 0 ? "even" : "odd");
        }
        InventoryService walking = new InventoryService(store, new InventorySearch(db, texts, 5, Duration.ofDays(7),
                Clock.fixed(NOW, ZoneOffset.UTC)), collector);
        InventoryQuery query = InventoryQuery.parse("even", Optional.of(Set.of(A)), Map.of(), "batteryLevel", "desc",
                1, 4);

        InventoryPage page = walking.search(query);

        assertEquals(12, page.total(), "the even devices of A, 2 to 24");
        assertEquals(List.of("DMP000000016", "DMP000000014", "DMP000000012", "DMP000000010"), page.items().stream()
                .map(d -> d.serialNumber().orElseThrow()).toList(),
                "battery grows with the number: the second page of four, highest first");
        assertEquals(A, page.items().get(0).site());
        assertEquals(0, inventory.search(query).total(), "the real texts have no such word");
    }

    @Test
    void anEmptyScopeSeesNothing() {
        assertEquals(0, inventory.search(InventoryQuery.all(Optional.of(Set.of()))).total());
    }

    @Test
    void csvCellsThatWouldRunAsFormulasAreMadeText() throws Exception {
        DeviceId device = new DeviceId(String.format("00008103-%016X", 3));
        rename(device, "=HYPERLINK(\"http://evil\",\"x\")");
        rename(new DeviceId(String.format("00008103-%016X", 4)), "@SUM(1+1)");
        rename(new DeviceId(String.format("00008103-%016X", 5)), "-2+3");
        rename(new DeviceId(String.format("00008103-%016X", 6)), "\tcmd");

        String csv = export(ExportFormat.CSV, List.of(InventoryField.NAME, InventoryField.BATTERY_LEVEL));

        assertTrue(csv.startsWith("name,batteryLevel\r\n"), csv);
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","), csv);
        assertTrue(csv.contains("'@SUM(1+1),"), csv);
        assertTrue(csv.contains("'-2+3,"), csv);
        assertTrue(csv.contains("'\tcmd,"), csv);
        assertEquals(31, csv.split("\r\n").length, "a header and 30 devices");

        String txt = export(ExportFormat.TXT, List.of(InventoryField.NAME, InventoryField.SERIAL_NUMBER));
        assertTrue(txt.startsWith("name\tserialNumber\n"));
        assertTrue(txt.contains("'@SUM(1+1)\tDMP000000004\n"), txt);
        assertTrue(txt.contains("' cmd\tDMP000000006\n"), "a tab inside a value becomes a space");
    }

    @Test
    void xmlIsWellFormedWhateverADeviceCallsItself() throws Exception {
        rename(new DeviceId(String.format("00008103-%016X", 3)), "<img src=x onerror=alert(1)>");
        rename(new DeviceId(String.format("00008103-%016X", 4)), "iPad\u0007 de M\u00e9lanie & \"co\" \uD83D\uDE00\uD800");

        String xml = export(ExportFormat.XML, List.of(InventoryField.SERIAL_NUMBER, InventoryField.NAME,
                InventoryField.STALE));

        assertFalse(xml.contains("<img"), "markup is escaped");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)));
        NodeList devices = doc.getElementsByTagName("device");
        assertEquals(30, devices.getLength());
        Map<String, String> names = new java.util.HashMap<>();
        NodeList serials = doc.getElementsByTagName("serialNumber");
        NodeList nameNodes = doc.getElementsByTagName("name");
        for (int i = 0; i < serials.getLength(); i++) {
            names.put(serials.item(i).getTextContent(), nameNodes.item(i).getTextContent());
        }
        assertEquals("<img src=x onerror=alert(1)>", names.get("DMP000000003"));
        assertEquals("iPad de M\u00e9lanie & \"co\" \uD83D\uDE00", names.get("DMP000000004"),
                "the bell and the lone surrogate are dropped, the rest kept");
    }

    private InventoryPage searchIn(String site, String text) {
        return inventory.search(InventoryQuery.parse(text, Optional.of(Set.of(site)), Map.of(), null, null, 0, 50));
    }

    private InventoryPage search(String text) {
        return inventory.search(InventoryQuery.parse(text, Optional.empty(), Map.of(), null, null, 0, 50));
    }

    private String export(ExportFormat format, List<InventoryField> columns) throws Exception {
        StringWriter out = new StringWriter();
        inventory.export(InventoryQuery.all(Optional.empty()), columns, format, out);
        return out.toString();
    }

    private void rename(DeviceId device, String name) {
        inventory.refresh(List.of(device));
        handler.handle(Fakes.acknowledged(
                queue.last("DeviceInformation", device), Map.of("QueryResponses", Map.of("DeviceName", name)), NOW));
    }
}
