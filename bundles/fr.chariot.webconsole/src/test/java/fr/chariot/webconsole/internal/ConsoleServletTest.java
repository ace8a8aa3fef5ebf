package fr.chariot.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.Role;
import fr.chariot.persistence.internal.MutableClock;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DashboardCard;
import fr.chariot.webconsole.api.MenuEntry;
import fr.chariot.webconsole.api.MenuSection;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.Section;
import fr.chariot.webconsole.api.View;

class ConsoleServletTest {

    private static final String PASSWORD = "correct horse battery";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-09-04T07:30:00Z"));
    private final FakeAccounts accounts = new FakeAccounts()
            .add("marie", PASSWORD, Role.TECHNICIAN, false, "fr", "0310001A")
            .add("john", PASSWORD, Role.TECHNICIAN, false, "en", "0310001A")
            .add("admin", PASSWORD, Role.DEPARTMENT_ADMIN, false, "fr")
            .add("nouveau", "provisoire-123", Role.TECHNICIAN, true, "fr", "0310001A");
    private final ConsoleServlet servlet = new ConsoleServlet(accounts, accounts, accounts, clock,
            Duration.ofMinutes(30), Duration.ofHours(12));
    private final FakePage inventory = new FakePage("inventory", MenuEntry.of(MenuSection.DEVICES, "Inventaire", 10));
    private final FakePage users = new FakePage("users",
            new MenuEntry(MenuSection.PREFERENCES, "Comptes", 50, true));
    private final Browser browser = new Browser(servlet);

    @BeforeEach
    void pages() {
        servlet.addPage(inventory);
        servlet.addPage(users);
    }

    // ---- login

    @Test
    void aVisitorIsSentToTheLoginAndBackToThePageFirstAsked() throws IOException {
        Browser.Answer asked = browser.get("/console/inventory?site=0310001A");
        assertEquals(303, asked.status());
        assertEquals("/console/login?next=%2Fconsole%2Finventory%3Fsite%3D0310001A", asked.location());

        Browser.Answer form = browser.get(asked.location());
        assertEquals(200, form.status());
        assertTrue(form.body().contains("Nom d&#39;utilisateur"), form.body());
        assertTrue(form.body().contains("Mot de passe"), form.body());
        assertTrue(form.body().contains("Se connecter"), form.body());
        assertTrue(form.body().contains("<html lang=\"fr\">"), form.body());
        String anonymous = browser.cookies.get(ConsoleServlet.COOKIE);

        Browser.Answer loggedIn = browser.submit("/console/login", "username", "marie", "password", PASSWORD,
                "next", "/console/inventory?site=0310001A");

        assertEquals(303, loggedIn.status());
        assertEquals("/console/inventory?site=0310001A", loggedIn.location());
        assertNotEquals(anonymous, browser.cookies.get(ConsoleServlet.COOKIE), "the session id changes at login");
        assertEquals(List.of("user.login"), accounts.auditActions());
        AuditEvent login = accounts.audit.get(0);
        assertEquals("marie", login.username());
        assertEquals("192.0.2.10", login.from());
        assertEquals(Optional.empty(), login.site());

        Browser.Answer page = browser.get("/console/inventory?site=0310001A");
        assertEquals(200, page.status());
        assertEquals("0310001A", inventory.handled.get(0).parameter("site").orElseThrow());
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxAndSecureOverHttps() throws IOException {
        browser.secure = true;
        Browser.Answer form = browser.get("/console/login");

        String cookie = form.header("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith(ConsoleServlet.COOKIE + "="), cookie);
        assertTrue(cookie.contains("; Path=/console"), cookie);
        assertTrue(cookie.contains("; HttpOnly"), cookie);
        assertTrue(cookie.contains("; SameSite=Lax"), cookie);
        assertTrue(cookie.contains("; Secure"), cookie);
        browser.secure = false;
        assertFalse(new Browser(servlet).get("/console/login").header("Set-Cookie").orElseThrow()
                .contains("Secure"));
    }

    @Test
    void aLoginGoesOnlyToAConsoleAddressAfterwards() throws IOException {
        browser.get("/console/login");
        Browser.Answer answer = browser.submit("/console/login", "username", "marie", "password", PASSWORD,
                "next", "https://evil.example/console/");

        assertEquals("/console/", answer.location());
        assertEquals(Optional.empty(), ConsolePaths.afterLogin("//evil.example/"));
        assertEquals(Optional.empty(), ConsolePaths.afterLogin("/console//evil.example"));
        assertEquals(Optional.empty(), ConsolePaths.afterLogin("/console/\\evil.example"));
        assertEquals(Optional.empty(), ConsolePaths.afterLogin("/console/logout"));
        assertEquals(Optional.of("/console/groups/12"), ConsolePaths.afterLogin("/console/groups/12"));
    }

    @Test
    void aRefusalSaysTheSameWhateverTheCause() throws IOException {
        Browser.Answer wrongPassword = browser.logIn("marie", "wrong");
        Browser.Answer unknownName = browser.logIn("personne", PASSWORD);

        for (Browser.Answer answer : List.of(wrongPassword, unknownName)) {
            assertEquals(200, answer.status());
            assertTrue(answer.body().contains("Nom d&#39;utilisateur ou mot de passe incorrect."), answer.body());
        }
        assertTrue(unknownName.body().contains("value=\"personne\""), "the name stays in the field");
        assertEquals(List.of(), accounts.auditActions());
        assertEquals(303, browser.get("/console/").status(), "still not logged in");
    }

    @Test
    void repeatedFailuresTellHowLongToWaitOrUntilWhen() throws IOException {
        accounts.throttledUntil = Optional.of(clock.instant().plusMillis(7_200));
        assertTrue(browser.logIn("marie", PASSWORD).body()
                .contains("Trop de tentatives : réessayez dans 8 secondes."));

        accounts.throttledUntil = Optional.of(Instant.parse("2026-09-04T07:45:00Z"));
        assertTrue(browser.logIn("marie", PASSWORD).body().contains("Compte verrouillé jusqu&#39;à 07:45."));
    }

    @Test
    void theLoginPageSpeaksEnglishToABrowserThatPrefersIt() throws IOException {
        browser.acceptLanguage = "en-GB,en;q=0.9,fr;q=0.8";
        Browser.Answer form = browser.get("/console/login");

        assertTrue(form.body().contains("<html lang=\"en\">"), form.body());
        assertTrue(form.body().contains("User name"), form.body());
        assertEquals("fr", ConsoleServlet.browserLanguage("fr-FR,fr;q=0.9,en;q=0.8"));
        assertEquals("fr", ConsoleServlet.browserLanguage(null));
        assertEquals("fr", ConsoleServlet.browserLanguage("de-DE"));
    }

    @Test
    void afterTheLoginTheUsersLanguageIsTheOneTheyChose() throws IOException {
        browser.logIn("john", PASSWORD);

        Browser.Answer dashboard = browser.get("/console/");

        assertTrue(dashboard.body().contains("<html lang=\"en\">"), dashboard.body());
        assertTrue(dashboard.body().contains("Dashboard"), dashboard.body());
    }

    // ---- forced password change

    @Test
    void aPasswordSetBySomeoneElseMustBeChangedBeforeAnythingElse() throws IOException {
        Browser.Answer login = browser.logIn("nouveau", "provisoire-123");
        assertEquals("/console/password", login.location());

        assertEquals("/console/password", browser.get("/console/").location());
        assertEquals("/console/password", browser.get("/console/inventory").location());
        assertEquals(List.of(), inventory.handled);
        Browser.Answer form = browser.get("/console/password");
        assertEquals(200, form.status());
        assertFalse(form.body().contains("class=\"menu\""), "no menus before the change");

        Browser.Answer mismatch = browser.submit("/console/password", "current", "provisoire-123",
                "new", "un mot de passe long", "confirm", "un autre mot de passe");
        assertTrue(mismatch.body().contains("Les deux saisies du nouveau mot de passe sont différentes."));
        Browser.Answer tooShort = browser.submit("/console/password", "current", "provisoire-123",
                "new", "court", "confirm", "court");
        assertTrue(tooShort.body().contains("Le mot de passe doit compter au moins 12 caractères."),
                tooShort.body());
        assertTrue(accounts.mustChange("nouveau"));

        Browser.Answer changed = browser.submit("/console/password", "current", "provisoire-123",
                "new", "un mot de passe long", "confirm", "un mot de passe long");

        assertEquals("/console/", changed.location());
        assertFalse(accounts.mustChange("nouveau"));
        assertEquals(List.of("user.login", "user.password.change"), accounts.auditActions());
        Browser.Answer dashboard = browser.get("/console/");
        assertEquals(200, dashboard.status());
        assertTrue(dashboard.body().contains("Votre mot de passe a été changé."), "the flash is shown once");
        assertFalse(browser.get("/console/").body().contains("Votre mot de passe a été changé."));
    }

    // ---- CSRF, logout, sessions

    @Test
    void aPostWithoutTheRightTokenIsRefusedAndReachesNoPage() throws IOException {
        browser.logIn("marie", PASSWORD);
        browser.get("/console/");

        Browser.Answer none = browser.post("/console/inventory", "name", "x");
        Browser.Answer wrong = browser.post("/console/inventory", "name", "x", "_csrf", "not-the-token");
        Browser.Answer logout = browser.post("/console/logout");

        for (Browser.Answer answer : List.of(none, wrong, logout)) {
            assertEquals(403, answer.status());
            assertTrue(answer.body().contains("le formulaire a peut-être expiré"), answer.body());
        }
        assertEquals(List.of(), inventory.handled);
        assertEquals(200, browser.get("/console/").status(), "still logged in: the forged logout did nothing");

        Browser.Answer right = browser.submit("/console/inventory", "name", "x");
        assertEquals(200, right.status());
        assertEquals(1, inventory.handled.size());
        assertEquals(Map.of("name", List.of("x")), inventory.handled.get(0).parameterMap(), "no token for pages");

        Browser.Answer header = browser.send("POST", "/console/inventory", Map.of(),
                Map.of(ConsoleServlet.CSRF_HEADER, browser.token));
        assertEquals(200, header.status());
    }

    @Test
    void aLoginFormPostedWithoutItsTokenIsRefused() throws IOException {
        Browser.Answer answer = browser.post("/console/login", "username", "marie", "password", PASSWORD);

        assertEquals(403, answer.status());
        assertEquals(List.of(), accounts.auditActions());
    }

    @Test
    void afterLogoutTheOldCookieOpensNothing() throws IOException {
        browser.logIn("marie", PASSWORD);
        browser.get("/console/");
        String marieCookie = browser.cookies.get(ConsoleServlet.COOKIE);

        Browser.Answer logout = browser.submit("/console/logout");

        assertEquals("/console/login", logout.location());
        assertTrue(browser.get("/console/login").body().contains("Vous êtes déconnecté."));
        Browser thief = new Browser(servlet);
        thief.cookies.put(ConsoleServlet.COOKIE, marieCookie);
        Browser.Answer stolen = thief.get("/console/inventory");
        assertEquals(303, stolen.status());
        assertTrue(stolen.location().startsWith("/console/login"), stolen.location());
        assertEquals(List.of(), inventory.handled);
        assertEquals(405, browser.get("/console/logout").status(), "logging out takes a POST");
    }

    @Test
    void anExpiredSessionSendsToTheLoginWithAMessage() throws IOException {
        browser.logIn("marie", PASSWORD);
        clock.advance(Duration.ofMinutes(31));

        Browser.Answer answer = browser.get("/console/inventory");

        assertEquals("/console/login?next=%2Fconsole%2Finventory", answer.location());
        assertTrue(browser.get(answer.location()).body().contains("Votre session a expiré, reconnectez-vous."));
    }

    // ---- pages, layout, results

    @Test
    void theLayoutHasMenusTheUserAndTheEscapedTitle() throws IOException {
        inventory.answering(request -> new View(FakePage.TEMPLATE, "iPad <script>alert(1)</script>",
                Map.of("name", "<img src=x onerror=alert(1)>")));
        browser.logIn("marie", PASSWORD);

        Browser.Answer page = browser.get("/console/inventory");

        String html = page.body();
        assertEquals(200, page.status());
        assertTrue(html.contains("<title>iPad &lt;script&gt;alert(1)&lt;/script&gt; — Chariot</title>"), html);
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<img src=x"), html);
        assertTrue(html.contains("Appareil « &lt;img src=x onerror=alert(1)&gt; »"), "the page's texts: " + html);
        assertTrue(html.contains("<p>Retour</p>"), "the shell's words: " + html);
        assertTrue(html.contains("<a href=\"/console/inventory\" aria-current=\"page\">Inventaire</a>"), html);
        assertTrue(html.contains(">Tableau de bord</a>"), html);
        assertTrue(html.contains(">Appareils</summary>"), html);
        assertTrue(html.contains(">Préférences</summary>"), html);
        assertTrue(html.contains("href=\"/console/account\">Mon compte</a>"), html);
        assertFalse(html.contains("Comptes"), "an admin-only entry: " + html);
        assertTrue(html.contains("marie"), html);
        assertTrue(html.contains("Technicien"), html);
        assertTrue(html.contains(">Déconnexion</button>"), html);
        assertTrue(html.contains("href=\"#content\">Aller au contenu</a>"), html);
        assertTrue(html.contains("<main id=\"content\""), html);
        assertTrue(html.contains("/console/static/console.css?v="), html);
        assertEquals(1, count(html, "<form method=\"post\" action=\"/console/things\">"), html);
        assertEquals(ConsoleServlet.CONTENT_SECURITY_POLICY, page.header("Content-Security-Policy").orElseThrow());
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws IOException {
        List<Browser.Answer> answers = List.of(browser.get("/console/login"), browser.get("/console/inventory"),
                browser.post("/console/login"), browser.get("/console/static/console.css"));
        for (Browser.Answer answer : answers) {
            assertEquals("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                    + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                    answer.header("Content-Security-Policy").orElse(""), "status " + answer.status());
            assertEquals("nosniff", answer.header("X-Content-Type-Options").orElse(""));
            assertEquals("same-origin", answer.header("Referrer-Policy").orElse(""));
        }
        assertEquals("no-store", answers.get(0).header("Cache-Control").orElse(""));
    }

    @Test
    void adminOnlyPagesDoNotExistForOthers() throws IOException {
        browser.logIn("marie", PASSWORD);
        assertEquals(404, browser.get("/console/users").status());
        assertEquals(List.of(), users.handled);

        Browser admin = new Browser(servlet);
        admin.logIn("admin", PASSWORD);
        Browser.Answer page = admin.get("/console/users/marie");
        assertEquals(200, page.status());
        assertEquals("marie", users.handled.get(0).subPath());
        assertTrue(page.body().contains(">Comptes</a>"), page.body());
    }

    @Test
    void aRemovedPageAnswers404AndLeavesTheMenu() throws IOException {
        browser.logIn("marie", PASSWORD);
        servlet.removePage(inventory);

        Browser.Answer gone = browser.get("/console/inventory");

        assertEquals(404, gone.status());
        assertTrue(gone.body().contains("Page introuvable"), gone.body());
        assertFalse(gone.body().contains("Inventaire"), gone.body());
        assertEquals(404, browser.get("/console/nothing-here").status());
    }

    @Test
    void aRedirectKeepsItsFlashForTheNextPage() throws IOException {
        inventory.answering(request -> request.isPost() ? PageResult.redirect("inventory?page=2", "Groupe créé.")
                : new View(FakePage.TEMPLATE, "Inventaire", Map.of("name", "x")));
        browser.logIn("marie", PASSWORD);
        browser.get("/console/inventory");

        Browser.Answer redirect = browser.submit("/console/inventory", "name", "5e");

        assertEquals(303, redirect.status());
        assertEquals("/console/inventory?page=2", redirect.location());
        assertTrue(browser.get("/console/inventory").body().contains("<p class=\"flash\" role=\"status\">"
                + "Groupe créé.</p>"));
    }

    @Test
    void aDownloadIsStreamedAsAnAttachment() throws IOException {
        inventory.answering(request -> new PageResult.Download("inventaire.csv", "text/csv; charset=UTF-8",
                out -> out.write("udid;nom\r\nA1;École\r\n".getBytes(StandardCharsets.UTF_8))));
        browser.logIn("marie", PASSWORD);

        Browser.Answer download = browser.get("/console/inventory/export");

        assertEquals(200, download.status());
        assertEquals("text/csv; charset=UTF-8", download.header("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"inventaire.csv\"", download.header("Content-Disposition").orElseThrow());
        assertEquals("udid;nom\r\nA1;École\r\n", download.body());
    }

    @Test
    void refusalsAndFailuresOfAPageGetTheirOwnStatus() throws IOException {
        browser.logIn("marie", PASSWORD);

        inventory.answering(request -> PageResult.notFound());
        assertEquals(404, browser.get("/console/inventory").status());
        inventory.answering(request -> PageResult.forbidden());
        Browser.Answer forbidden = browser.get("/console/inventory");
        assertEquals(403, forbidden.status());
        assertTrue(forbidden.body().contains("Vous n&#39;avez pas le droit de faire cela."), forbidden.body());
        inventory.answering(request -> {
            throw new IllegalArgumentException("Le nom <b>est</b> vide.");
        });
        Browser.Answer bad = browser.get("/console/inventory");
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("Le nom &lt;b&gt;est&lt;/b&gt; vide."), bad.body());
        inventory.answering(request -> {
            throw new IllegalStateException("database down");
        });
        Browser.Answer failed = browser.get("/console/inventory");
        assertEquals(500, failed.status());
        assertTrue(failed.body().contains("Une erreur est survenue"), failed.body());
        assertTrue(failed.body().matches("(?s).*référence à l&#39;administrateur : [0-9a-f]{8}.*"), failed.body());
        assertFalse(failed.body().contains("database down"));
        inventory.answering(request -> new View("fr/chariot/webconsole/internal/missing.peb", "x", Map.of()));
        assertEquals(500, browser.get("/console/inventory").status(), "a broken template");
    }

    @Test
    void onlyGetAndPostReachPages() throws IOException {
        browser.logIn("marie", PASSWORD);

        Browser.Answer put = browser.send("PUT", "/console/inventory", Map.of(), Map.of());

        assertEquals(405, put.status());
        assertEquals("GET, POST", put.header("Allow").orElseThrow());
        assertEquals(List.of(), inventory.handled);
    }

    @Test
    void theConsoleRootRedirectsToItsDashboard() throws IOException {
        assertEquals("/console/", browser.get("/console").location());
    }

    // ---- dashboard

    @Test
    void theDashboardShowsCardsInOrderAndSkipsAFailingOne() throws IOException {
        browser.logIn("marie", PASSWORD);
        assertTrue(browser.get("/console/").body().contains("Rien à afficher pour l&#39;instant…"));

        servlet.addCard(card(20, new Section("Appareils <b>perdus</b>", List.of(
                new Section.Row("Batterie faible", "3", Optional.of("inventory?in=group:12"),
                        Section.Level.WARNING)), List.of())));
        servlet.addCard(card(10, new Section("Certificat", List.of(Section.Row.of("Expire le", "04/09/2027")),
                List.of(new Section.Button("Renouveler", "push/renew", Map.of("kind", "apns"),
                        Optional.of("Renouveler maintenant ?"))))));
        servlet.addCard(new DashboardCard() {
            @Override
            public int order() {
                return 15;
            }

            @Override
            public List<Section> sections(ConsoleUser user) {
                throw new IllegalStateException("broken card");
            }
        });

        Browser.Answer dashboard = browser.get("/console/");

        String html = dashboard.body();
        assertEquals(200, dashboard.status());
        assertTrue(html.indexOf("Certificat") < html.indexOf("Appareils &lt;b&gt;perdus&lt;/b&gt;"), html);
        assertTrue(html.contains("<a href=\"/console/inventory?in=group:12\">Batterie faible</a>"), html);
        assertTrue(html.contains("<span class=\"badge warn\">3</span>"), html);
        assertTrue(html.contains("<form method=\"post\" action=\"/console/push/renew\" "
                + "data-confirm=\"Renouveler maintenant ?\">"), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"kind\" value=\"apns\">"), html);
        assertTrue(html.contains("<a href=\"/console/\" aria-current=\"page\">Tableau de bord</a>"), html);
    }

    // ---- my account

    @Test
    void myAccountChangesTheLanguageAndThePassword() throws IOException {
        browser.logIn("marie", PASSWORD);
        Browser.Answer page = browser.get("/console/account");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("aria-current=\"page\">Mon compte</a>"), page.body());

        Browser.Answer language = browser.submit("/console/account", "form", "language", "language", "en");

        assertEquals("/console/account", language.location());
        assertEquals("en", accounts.language("marie"));
        Browser.Answer english = browser.get("/console/account");
        assertTrue(english.body().contains("Language saved."), english.body());
        assertTrue(english.body().contains("<html lang=\"en\">"));

        Browser.Answer wrong = browser.submit("/console/account", "form", "password", "current", "wrong",
                "new", "un mot de passe long", "confirm", "un mot de passe long");
        assertTrue(wrong.body().contains("Le mot de passe actuel est incorrect."), wrong.body());
        Browser.Answer changed = browser.submit("/console/account", "form", "password", "current", PASSWORD,
                "new", "un mot de passe long", "confirm", "un mot de passe long");
        assertEquals("/console/account", changed.location());
        assertEquals(List.of("user.login", "user.language", "user.password.change"), accounts.auditActions());
        assertEquals(303, browser.logIn("marie", "un mot de passe long").status(), "the new password opens");
    }

    @Test
    void theHeaderSwitchesTheLanguage() throws IOException {
        browser.get("/console/login");

        Browser.Answer switched = browser.submit("/console/language", "language", "en", "back", "/console/login");

        assertEquals("/console/login", switched.location());
        assertTrue(browser.get("/console/login").body().contains("<html lang=\"en\">"));
        assertEquals("/console/", browser.submit("/console/language", "language", "fr", "back",
                "https://evil.example/").location());
        assertEquals(400, browser.submit("/console/language", "language", "de").status());
    }

    @Test
    void staticFilesAreVersionedAndCachedLong() throws IOException {
        Browser.Answer css = browser.get("/console/static/console.css");
        String etag = css.header("ETag").orElseThrow();
        String version = etag.replace("\"", "");

        assertEquals(200, css.status());
        assertEquals("text/css; charset=UTF-8", css.header("Content-Type").orElseThrow());
        assertTrue(css.body().contains(".page-header"));
        assertEquals("no-cache", css.header("Cache-Control").orElseThrow());
        assertEquals("public, max-age=31536000, immutable",
                browser.get("/console/static/console.css?v=" + version).header("Cache-Control").orElseThrow());
        assertEquals(304, browser.send("GET", "/console/static/console.js", Map.of(),
                Map.of("If-None-Match", browser.get("/console/static/console.js").header("ETag").orElseThrow()))
                .status());
        assertTrue(browser.cookies.isEmpty(), "static files need no session");
    }

    private static DashboardCard card(int order, Section section) {
        return new DashboardCard() {
            @Override
            public int order() {
                return order;
            }

            @Override
            public List<Section> sections(ConsoleUser user) {
                return List.of(section);
            }
        };
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
