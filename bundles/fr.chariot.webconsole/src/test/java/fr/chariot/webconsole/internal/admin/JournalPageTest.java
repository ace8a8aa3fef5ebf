package fr.chariot.webconsole.internal.admin;

import static fr.chariot.webconsole.internal.render.TemplateChecks.english;
import static fr.chariot.webconsole.internal.render.TemplateChecks.get;
import static fr.chariot.webconsole.internal.render.TemplateChecks.post;
import static fr.chariot.webconsole.internal.render.TemplateChecks.render;
import static fr.chariot.webconsole.internal.render.TemplateChecks.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditQuery;
import fr.chariot.accounts.api.Role;
import fr.chariot.api.Site;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.View;

class JournalPageTest {

    /** 23:30 UTC on the 29th of February: already the 1st of March in Paris. */
    private static final Instant NOW = Instant.parse("2024-02-29T23:30:00Z");

    private final Fakes.Sites sites = new Fakes.Sites(new Site("0310001A", "Collège Jean Jaurès"),
            new Site("0310002B", "Collège Victor Hugo"));
    private final Fakes.Audit audit = new Fakes.Audit();
    private final JournalPage page = new JournalPage(audit, sites, Clock.fixed(NOW, ZoneOffset.UTC));
    private final ConsoleUser admin = user(Role.DEPARTMENT_ADMIN);
    private final ConsoleUser technicianOfA = user(Role.TECHNICIAN, "0310001A");

    JournalPageTest() {
        audit.store(Instant.parse("2024-01-15T09:30:05Z"), new AuditEvent("paul", "10.0.0.1",
                Optional.of("0310001A"), "group.create", List.of("12"), "Groupe statique « 5e <b>A</b> »"));
        audit.store(Instant.parse("2024-07-01T12:00:00Z"), new AuditEvent("marc", "10.0.0.2",
                Optional.of("0310002B"), "device.lock", List.of("U1", "U2", "U3", "U4", "U5"), "Verrouillage"));
        audit.store(Instant.parse("2024-07-02T12:00:00Z"), new AuditEvent("admin", "10.0.0.3", Optional.empty(),
                "user.delete", List.of("eve"), "Compte supprimé"));
    }

    private String html(ConsoleUser user, String... parameters) {
        return render(page, assertInstanceOf(View.class, page.handle(get(page, user, "", parameters))), user);
    }

    @Test
    void aTechnicianReadsOnlyTheirCollegesEntries() {
        String html = html(technicianOfA);

        assertTrue(html.contains("<td>paul</td>"), html);
        assertFalse(html.contains("marc"), html);
        assertFalse(html.contains("eve"), "department-wide entries are for admins: " + html);
        assertEquals(new AuditQuery(Optional.of(Set.of("0310001A")), 0, 50), audit.queries.get(0));
        assertFalse(html.contains("0310002B"), "the filter offers only their colleges: " + html);
    }

    @Test
    void anAdminReadsEveryEntryNewestFirstInParisTime() {
        String html = html(admin);

        assertEquals(AuditQuery.visibleTo(admin.principal(), 0, 50), audit.queries.get(0));
        assertTrue(html.indexOf("<td>eve</td>") < html.indexOf("<td>U1, U2, U3 et 2 autres</td>"), html);
        assertTrue(html.contains("<td>15/01/2024 10:30:05</td>"), "winter time: " + html);
        assertTrue(html.contains("<td>01/07/2024 14:00:00</td>"), "summer time: " + html);
        assertTrue(html.contains("<td>10.0.0.1</td>"), html);
        assertTrue(html.contains("3 entrées"), html);
        assertTrue(html.contains("<td>Collège Jean Jaurès (0310001A)</td>"), html);
        assertTrue(html.contains("<td>Département</td>"), html);
        assertTrue(html.contains("<td>Création de groupe</td>"), "known codes are translated: " + html);
        assertTrue(html.contains("<td>device.lock</td>"), "unknown codes are shown as they are: " + html);
        assertTrue(html.contains("<td>Groupe statique « 5e &lt;b&gt;A&lt;/b&gt; »</td>"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("href=\"/console/audit/export\""), html);
    }

    @Test
    void theJournalFiltersOnOneVisibleCollege() {
        String html = html(admin, "site", "0310002B");

        assertTrue(html.contains("marc"), html);
        assertFalse(html.contains("paul"), html);
        assertEquals(new AuditQuery(Optional.of(Set.of("0310002B")), 0, 50), audit.queries.get(0));
        assertTrue(html.contains("<option value=\"0310002B\" selected>Collège Victor Hugo (0310002B)</option>"),
                html);
        assertTrue(html.contains("href=\"/console/audit/export?site=0310002B\""), html);
    }

    @Test
    void anotherCollegeIsNotFoundEvenForExport() {
        for (String subPath : List.of("", "export")) {
            assertInstanceOf(PageResult.NotFound.class,
                    page.handle(get(page, technicianOfA, subPath, "site", "0310002B")), subPath);
            assertInstanceOf(PageResult.NotFound.class,
                    page.handle(get(page, admin, subPath, "site", "9999999Z")), subPath);
        }
        assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, admin, "other")));
        assertTrue(audit.queries.isEmpty());
    }

    @Test
    void nothingIsPostedToTheJournal() {
        assertInstanceOf(PageResult.Forbidden.class, page.handle(post(page, admin, "")));
        assertInstanceOf(PageResult.Forbidden.class, page.handle(post(page, user(Role.READ_ONLY, "0310001A"), "")));
    }

    @Test
    void longJournalsArePaged() {
        for (int i = 0; i < 120; i++) {
            audit.store(NOW, new AuditEvent("bulk", "10.0.0.9", Optional.of("0310001A"), "group.update",
                    List.of(String.valueOf(i)), "n" + i));
        }

        String html = html(technicianOfA, "page", "2");

        assertEquals(new AuditQuery(Optional.of(Set.of("0310001A")), 1, 50), audit.queries.get(0));
        assertEquals(50, html.split("<td>bulk</td>", -1).length - 1, html);
        assertTrue(html.contains("Page 2 sur 3"), html);
        assertTrue(html.contains("href=\"/console/audit?page=1\""), html);
        assertTrue(html.contains("href=\"/console/audit?page=3\""), html);

        String filtered = html(admin, "site", "0310001A", "page", "3");
        assertTrue(filtered.contains("href=\"/console/audit?page=2&amp;site=0310001A\""), filtered);
        assertFalse(filtered.contains("rel=\"next\""), filtered);
        assertThrows(IllegalArgumentException.class, () -> page.handle(get(page, admin, "", "page", "0")));
        assertThrows(IllegalArgumentException.class, () -> page.handle(get(page, admin, "", "page", "x")));
    }

    @Test
    void theExportIsTheVisibleEntriesAsCsv() throws Exception {
        PageResult.Download download = assertInstanceOf(PageResult.Download.class,
                page.handle(get(page, technicianOfA, "export")));

        assertEquals("journal-2024-03-01.csv", download.fileName(), "named after the day in Paris");
        assertEquals("text/csv; charset=UTF-8", download.contentType());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        download.body().writeTo(out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertTrue(csv.contains("paul;group.create"), csv);
        assertFalse(csv.contains("marc"), csv);
        assertEquals(Optional.of(Set.of("0310001A")), audit.queries.get(0).sites());
    }

    @Test
    void oneMoreObjectIsSingular() {
        audit.stored.clear();
        audit.store(NOW, new AuditEvent("paul", "10.0.0.1", Optional.of("0310001A"), "group.update",
                List.of("a", "b", "c", "d"), ""));
        String html = html(technicianOfA);
        assertTrue(html.contains("<td>a, b, c et 1 autre</td>"), html);
        assertTrue(html.contains("1 entrée<"), html);
    }

    @Test
    void anEmptyJournalSaysSoInEitherLanguage() {
        audit.stored.clear();
        assertTrue(html(technicianOfA).contains("Aucune entrée."));
        assertTrue(html(english(technicianOfA)).contains("No entry."));
    }
}
