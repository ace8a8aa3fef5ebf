package fr.chariot.accounts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.accounts.api.AuditEntry;
import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditPage;
import fr.chariot.accounts.api.AuditQuery;
import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.persistence.internal.MutableClock;
import fr.chariot.persistence.internal.TestDerby;

class AuditLogServiceTest {

    private static final Instant START = Instant.parse("2026-09-01T08:00:00Z");
    private static final AuditQuery EVERYTHING = new AuditQuery(Optional.empty(), 0, 500);

    private final MutableClock clock = new MutableClock(START);
    @TempDir
    Path folder;
    private TestDerby database;
    private AuditLogService journal;

    @BeforeEach
    void openDatabase() throws Exception {
        database = new TestDerby(folder, "acct");
        journal = new AuditLogService(database.dataSource, clock);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void anEventIsStoredStampedWithTheClockAndReadBackAsItWas() {
        AuditEvent event = new AuditEvent("tech", "192.0.2.7", Optional.of("0310001A"), "group.create",
                List.of("12", "UDID-1"), "Groupe « 6e B »");

        journal.record(event);

        AuditPage page = journal.entries(EVERYTHING);
        assertEquals(1, page.total());
        AuditEntry entry = page.entries().get(0);
        assertEquals(START, entry.at());
        assertEquals(event, entry.event());
    }

    @Test
    void entriesComeNewestFirstByPagesWithTheTotal() {
        for (int i = 1; i <= 5; i++) {
            journal.record(event("tech", Optional.of("0310001A"), "n" + i));
            clock.advance(Duration.ofMinutes(1));
        }

        AuditPage first = journal.entries(new AuditQuery(Optional.empty(), 0, 2));
        AuditPage last = journal.entries(new AuditQuery(Optional.empty(), 2, 2));

        assertEquals(5, first.total());
        assertEquals(List.of("n5", "n4"), details(first));
        assertEquals(START.plus(Duration.ofMinutes(4)), first.entries().get(0).at());
        assertTrue(first.entries().get(0).id() > first.entries().get(1).id());
        assertEquals(List.of("n1"), details(last));
        assertEquals(5, last.total());
        assertEquals(List.of(), journal.entries(new AuditQuery(Optional.empty(), 3, 2)).entries());
    }

    @Test
    void aQueryOfCollegesReadsOnlyTheirEntriesAndNeverTheDepartmentOnes() {
        journal.record(event("admin", Optional.empty(), "department"));
        journal.record(event("tech", Optional.of("0310001A"), "first college"));
        journal.record(event("tech", Optional.of("0310002B"), "second college"));
        journal.record(event("other", Optional.of("0310003C"), "third college"));

        Principal tech = new Principal("tech", Role.TECHNICIAN, Set.of("0310001A", "0310002B"));
        Principal admin = new Principal("admin", Role.DEPARTMENT_ADMIN, Set.of());

        assertEquals(List.of("second college", "first college"),
                details(journal.entries(AuditQuery.visibleTo(tech, 0, 50))));
        assertEquals(2, journal.entries(AuditQuery.visibleTo(tech, 0, 50)).total());
        assertEquals(List.of("third college", "second college", "first college", "department"),
                details(journal.entries(AuditQuery.visibleTo(admin, 0, 50))));
        assertEquals(new AuditPage(0, List.of()), journal.entries(new AuditQuery(Optional.of(Set.of()), 0, 50)));
    }

    @Test
    void objectsKeepTheirOrderAndAnEmptyListStaysEmpty() {
        journal.record(new AuditEvent("tech", "::1", Optional.empty(), "user.update", List.of(), "rien"));
        journal.record(new AuditEvent("tech", "::1", Optional.empty(), "user.update",
                List.of("b", "a", "line\nbreak", ""), "quelques-uns"));

        List<AuditEntry> entries = journal.entries(EVERYTHING).entries();

        assertEquals(List.of("b", "a", "line break"), entries.get(0).event().objects());
        assertEquals(List.of(), entries.get(1).event().objects());
    }

    @Test
    void longTextsAreShortenedToTheirColumnsRatherThanLost() {
        journal.record(new AuditEvent("u".repeat(80), "f".repeat(200), Optional.of("0310001a"), "action.start",
                List.of(), "d".repeat(998) + "😀😀"));

        AuditEvent stored = journal.entries(EVERYTHING).entries().get(0).event();

        assertEquals(64, stored.username().length());
        assertEquals(128, stored.from().length());
        assertEquals("d".repeat(998) + "…", stored.details());
        assertEquals(Optional.of("0310001A"), stored.site());
    }

    @Test
    void aMalformedCollegeOrActionIsRefusedAndNothingIsStored() {
        assertThrows(IllegalArgumentException.class, () -> journal.record(
                new AuditEvent("tech", "::1", Optional.of("nowhere"), "group.create", List.of(), "")));
        assertThrows(IllegalArgumentException.class, () -> journal.record(
                new AuditEvent("tech", "::1", Optional.empty(), " ", List.of(), "")));

        assertEquals(0, journal.entries(EVERYTHING).total());
    }

    @Test
    void theCsvExportHasTheHeaderEveryEntryNewestFirstAndNeutralizedFormulas() throws Exception {
        journal.record(new AuditEvent("tech", "192.0.2.7", Optional.of("0310001A"), "group.create",
                List.of("UDID-1", "UDID-2"), "Groupe « 6e; B » \"chariot\""));
        clock.advance(Duration.ofSeconds(90));
        journal.record(new AuditEvent("=cmd|' /C calc'!A0", "::1", Optional.empty(), "user.delete",
                List.of("@evil"), "-2+3"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        journal.exportCsv(new AuditQuery(Optional.empty(), 3, 1), out);

        assertEquals("at;user;from;site;action;objects;details\r\n"
                + "2026-09-01T08:01:30Z;'=cmd|' /C calc'!A0;::1;;user.delete;'@evil;'-2+3\r\n"
                + "2026-09-01T08:00:00Z;tech;192.0.2.7;0310001A;group.create;\"UDID-1\nUDID-2\";"
                + "\"Groupe « 6e; B » \"\"chariot\"\"\"\r\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCsvExportOfOtherCollegesHasOnlyTheHeader() throws Exception {
        journal.record(event("tech", Optional.of("0310001A"), "first college"));
        journal.record(event("admin", Optional.empty(), "department"));

        ByteArrayOutputStream none = new ByteArrayOutputStream();
        journal.exportCsv(new AuditQuery(Optional.of(Set.of("0310002B")), 0, 1), none);
        ByteArrayOutputStream nothingAsked = new ByteArrayOutputStream();
        journal.exportCsv(new AuditQuery(Optional.of(Set.of()), 0, 1), nothingAsked);
        ByteArrayOutputStream mine = new ByteArrayOutputStream();
        journal.exportCsv(new AuditQuery(Optional.of(Set.of("0310001A")), 0, 1), mine);

        assertEquals(AuditLogService.CSV_HEADER + "\r\n", none.toString(StandardCharsets.UTF_8));
        assertEquals(AuditLogService.CSV_HEADER + "\r\n", nothingAsked.toString(StandardCharsets.UTF_8));
        assertEquals(2, mine.toString(StandardCharsets.UTF_8).split("\r\n").length);
    }

    @Test
    void everyCellAFormulaCouldStartWithIsMadeText() {
        for (String start : List.of("=", "+", "-", "@", "\t")) {
            assertEquals("'" + start + "1", AuditLogService.csvCell(start + "1"));
        }
        assertEquals("\"'\r1\"", AuditLogService.csvCell("\r1"));
        assertEquals("a-b", AuditLogService.csvCell("a-b"));
        assertEquals("0310001A", AuditLogService.csvCell("0310001A"));
        assertEquals("", AuditLogService.csvCell(""));
    }

    private static AuditEvent event(String username, Optional<String> site, String details) {
        return new AuditEvent(username, "192.0.2.1", site, "test.action", List.of(), details);
    }

    private static List<String> details(AuditPage page) {
        return page.entries().stream().map(entry -> entry.event().details()).toList();
    }
}
