package fr.chariot.itests;

import static fr.chariot.itests.support.Http.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.itests.support.Api;
import fr.chariot.itests.support.Browser;
import fr.chariot.itests.support.Http;
import fr.chariot.itests.support.ServerProcess;
import fr.chariot.itests.support.TestHome;
import fr.chariot.simulator.api.Role;
import fr.chariot.simulator.api.SimulatedApns;
import fr.chariot.simulator.api.SimulatedCart;
import fr.chariot.simulator.api.SimulatedIpad;

/**
 * The web console as a college technician uses it, in a real (headless) Chromium on a tablet-sized window, against
 * the real server ({@code bin/chariot}) and simulated iPads woken by a simulated APNs: first login, the inventory,
 * a group action, a smart group on the dashboard, a device's page, the menus with the keyboard. What the pages show
 * is checked against the REST API. Screenshots of each step: {@code target/screenshots/console/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final String RNE = "0310002B";
    private static final String COLLEGE = "Collège Olympe de Gouges";
    private static final String OTHER_RNE = "0310003C";
    private static final String ADMIN_PASSWORD = "mot-de-passe-de-test-44";
    private static final String ADMIN_NEW_PASSWORD = "Console-du-departement-2025";
    private static final String TECHNICIAN = "tech.olympe";
    private static final String TECHNICIAN_INITIAL_PASSWORD = "donne-de-vive-voix-2025";
    private static final String TECHNICIAN_NEW_PASSWORD = "Chariot-du-preau-bleu-7";
    private static final String GROUP_NAME = RNE + " batterie < 60 %";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern GROUP_PATH = Pattern.compile("/console/smart-groups/(\\d+)");
    private static final Pattern REPORT_PATH = Pattern.compile("/console/actions/(\\d+)");

    private static SimulatedApns apns;
    private static TestHome home;
    private static ServerProcess server;
    private static Api api;
    private static SimulatedCart cart;
    private static SimulatedIpad otherCollegeIpad;
    private static Browser browser;
    private static long groupId;

    /** A failing step leaves a picture of what the browser showed. */
    @RegisterExtension
    static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                try {
                    browser.screenshot("console/FAILED-" + context.getRequiredTestMethod().getName());
                } catch (Exception e) {
                    cause.addSuppressed(e);
                }
            }
        }
    };

    @BeforeAll
    static void startServerEnrollIpadsAndOpenTheBrowser() throws Exception {
        apns = SimulatedApns.start();
        home = TestHome.copyOfDistribution("console");
        Path apnsCa = Files.writeString(home.home.resolve("simulated-apns-ca.pem"), apns.serverCaPem());
        server = ServerProcess.start(home, environment(apnsCa), "console.out");
        new Http(home.baseUrl()).await("/health", status(200), TIMEOUT);
        api = Api.login(home.baseUrl(), "admin", ADMIN_PASSWORD);
        api.post("/api/v1/sites", 201, Map.of("rne", RNE, "name", COLLEGE));
        api.post("/api/v1/sites", 201, Map.of("rne", OTHER_RNE, "name", "Collège Marie Curie"));
        api.put("/api/v1/push-certificate", apns.pushCertificatePem().getBytes(StandardCharsets.UTF_8));

        URI base = URI.create(home.baseUrl());
        cart = SimulatedCart.create(RNE, 5, 8300);
        cart.enrollAll(base, apns);
        otherCollegeIpad = SimulatedIpad.create(8500, Role.STUDENT_SHARED);
        otherCollegeIpad.enroll(base, OTHER_RNE, apns);

        // a tablet in landscape, the technician's usual screen
        browser = Browser.open(home.baseUrl(), 1024, 768);
    }

    private static Map<String, String> environment(Path apnsCa) {
        Map<String, String> env = new HashMap<>(home.environment());
        env.put("CHARIOT_APNS_HOST", "127.0.0.1");
        env.put("CHARIOT_APNS_PORT", Integer.toString(apns.port()));
        env.put("CHARIOT_APNS_TRUSTED_CA", apnsCa.toString());
        env.put("CHARIOT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return env;
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.terminate(Duration.ofSeconds(30));
        }
        if (apns != null) {
            apns.close();
        }
    }

    @Test
    @Order(1)
    void theAdminChangesThePasswordAtFirstLoginAndCreatesATechnicianWhoDoesTheSame() throws Exception {
        browser.go("/console/");
        browser.await(d -> browser.path().startsWith("/console/login") ? true : null);
        assertEquals("Connexion", browser.heading(), "French for a French browser, before any login");
        login("admin", ADMIN_PASSWORD, "console/01-login");
        changeForcedPassword(ADMIN_PASSWORD, ADMIN_NEW_PASSWORD, "console/02-password-change");
        browser.awaitText("Votre mot de passe a été changé.");
        browser.screenshot("console/03-dashboard");
        // the console's own change; a token is asked again with the password now in force
        api = Api.login(home.baseUrl(), "admin", ADMIN_NEW_PASSWORD);

        browser.menu("Préférences", "Comptes").awaitHeading("Comptes");
        browser.click("Nouveau compte").awaitHeading("Nouveau compte");
        browser.type("Nom d’utilisateur", TECHNICIAN)
                .select("Rôle", "Technicien d’établissement")
                .check(COLLEGE + " (" + RNE + ")")
                .type("Mot de passe initial", TECHNICIAN_INITIAL_PASSWORD)
                .type("Confirmation du mot de passe", TECHNICIAN_INITIAL_PASSWORD);
        assertFalse(browser.field("Collège Marie Curie (" + OTHER_RNE + ")").isSelected());
        browser.screenshot("console/04-new-account");
        browser.click("Créer le compte").awaitText("Compte « " + TECHNICIAN + " » créé.");
        browser.screenshot("console/05-account-created");

        browser.click("Déconnexion").awaitText("Vous êtes déconnecté.");
        login(TECHNICIAN, TECHNICIAN_INITIAL_PASSWORD, "console/06-technician-login");
        changeForcedPassword(TECHNICIAN_INITIAL_PASSWORD, TECHNICIAN_NEW_PASSWORD,
                "console/07-technician-password-change");
        assertTrue(browser.text().contains(TECHNICIAN), "the header names who is logged in");
        assertTrue(browser.text().contains("Technicien"), "and their role");
        browser.screenshot("console/08-technician-dashboard");
        assertTrue(browser.all(By.xpath("//nav//a[normalize-space()='Comptes']")).isEmpty(),
                "« Comptes » is the department administrator's");
    }

    @Test
    @Order(2)
    void theInventoryListsSearchesSortsChoosesColumnsAndExports() throws Exception {
        Map<String, JsonNode> listed = awaitEveryInventory();
        Set<String> serials = new HashSet<>();
        listed.values().forEach(item -> serials.add(item.get("serialNumber").asText()));

        openInventory();
        List<Map<String, String>> rows = awaitRows(r -> r.size() == listed.size());
        assertEquals(serials, column(rows, "Numéro de série"), "the college's iPads, and only them");
        assertFalse(browser.text().contains(otherCollegeIpad.serialNumber()), "another college's iPad is not shown");
        assertTrue(browser.text().contains(listed.size() + " appareils"), browser.text());
        browser.screenshot("console/09-inventory");

        String serial = cart.ipads().get(2).serialNumber();
        browser.type("Rechercher", serial).click("Rechercher");
        browser.await(d -> browser.path().contains("q=" + serial) ? true : null);
        rows = awaitRows(r -> r.size() == 1);
        assertEquals(Set.of(serial), column(rows, "Numéro de série"));
        browser.screenshot("console/10-search");

        openInventory();
        awaitRows(r -> r.size() == listed.size());
        browser.click("Batterie");
        browser.await(d -> browser.path().contains("sort=batteryLevel") ? true : null);
        awaitBatteries(Comparator.naturalOrder());
        browser.screenshot("console/11-sorted-by-battery");
        browser.click("Batterie");
        browser.await(d -> browser.path().contains("order=desc") ? true : null);
        awaitBatteries(Comparator.reverseOrder());

        browser.menu("Préférences", "Affichage de l’inventaire").awaitHeading("Affichage de l’inventaire");
        assertFalse(browser.field("UDID").isSelected(), "the UDID is not among the default columns");
        assertTrue(browser.field("Version d’iPadOS").isSelected(), "the OS version is");
        browser.check("UDID");
        browser.screenshot("console/12-columns");
        browser.click("Enregistrer").awaitText("Vos colonnes sont enregistrées.");
        openInventory();
        rows = awaitRows(r -> r.size() == listed.size() && r.get(0).containsKey("UDID"));
        assertEquals(listed.keySet(), column(rows, "UDID"));
        browser.screenshot("console/13-inventory-with-udid");

        String href = browser.find(By.linkText("CSV")).getAttribute("href");
        Cookie session = browser.cookie("CHARIOT_SESSION");
        assertNotNull(session, "the browser holds the console's session");
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", session.getName() + "=" + session.getValue()).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, csv.statusCode(), href + " → " + csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"),
                csv.headers().map().toString());
        List<String> lines = csv.body().lines().filter(line -> !line.isBlank()).toList();
        List<String> header = csvCells(lines.get(0).replace("\uFEFF", ""));
        int udid = header.indexOf("udid");
        assertTrue(udid >= 0, "the chosen columns, the UDID among them: " + header);
        Set<String> exported = new HashSet<>();
        lines.subList(1, lines.size()).forEach(line -> exported.add(csvCells(line).get(udid)));
        assertEquals(listed.size(), lines.size() - 1, csv.body());
        assertEquals(listed.keySet(), exported, "the export holds the devices listed");
    }

    @Test
    @Order(3)
    void aGroupActionFromTheInventoryReachesTheIpads() throws Exception {
        List<SimulatedIpad> chosen = List.of(cart.ipads().get(1), cart.ipads().get(2));
        Map<String, Instant> before = new HashMap<>();
        for (SimulatedIpad ipad : chosen) {
            before.put(ipad.udid(), lastInventory(ipad.udid()));
        }

        openInventory();
        awaitRows(r -> !r.isEmpty());
        for (SimulatedIpad ipad : chosen) {
            browser.find(By.xpath("//table[contains(@class,'data')]//tr[td[normalize-space()="
                    + Browser.literal(ipad.serialNumber()) + "]]//input[@type='checkbox' and @name='udid']")).click();
        }
        browser.click("Action de groupe").awaitHeading("Action de groupe");
        browser.awaitText("2 appareils sélectionnés");
        browser.check("Mise à jour de l’inventaire");
        browser.screenshot("console/14-group-action");
        assertEquals("Envoyer cette commande aux appareils sélectionnés ?", browser.clickAndConfirm("Suivant"));
        browser.await(d -> REPORT_PATH.matcher(browser.path()).matches() ? true : null);
        browser.awaitText("Commande envoyée à 2 appareils");

        List<Map<String, String>> report = browser.await(d -> {
            d.navigate().refresh();
            List<Map<String, String>> rows = rows();
            return rows.size() == 2 && rows.stream().allMatch(row -> row.get("État").equals("Terminée")) ? rows
                    : null;
        });
        assertEquals(2, report.size());
        assertTrue(browser.text().contains("Terminée : 2"), browser.text());
        browser.screenshot("console/15-group-action-report");
        for (SimulatedIpad ipad : chosen) {
            assertTrue(lastInventory(ipad.udid()).isAfter(before.get(ipad.udid())),
                    ipad.udid() + " sent a new inventory");
        }
    }

    @Test
    @Order(4)
    void aSmartGroupMadeInTheConsoleIsCountedOnTheDashboard() throws Exception {
        SimulatedIpad low = cart.ipads().get(3);
        low.setBatteryLevel(0.35);
        awaitDone(api.post("/api/v1/devices/actions", 202,
                Map.of("action", "UPDATE_INVENTORY", "devices", List.of(low.udid()))));
        await(low.udid() + " reports its low battery",
                () -> listCollege().get(low.udid()).get("batteryLevel").asInt() < 60 ? true : null);

        browser.menu("Appareils", "Groupes intelligents").awaitHeading("Groupes intelligents d'appareils");
        browser.click("Nouveau").awaitHeading("Nouveau groupe intelligent");
        assertEquals(RNE + " ", browser.field("Nom").getAttribute("value"), "the name starts with the RNE");
        browser.type("Nom", GROUP_NAME).check("Afficher dans le tableau de bord");
        browser.click("Ajouter");
        browser.select("Champ du nouveau critère", "niveau de batterie (%)")
                .select("Opérateur du nouveau critère", "inférieur à")
                .type("Valeur du nouveau critère", "60");
        browser.screenshot("console/16-smart-group-form");
        browser.click("Enregistrer");
        Matcher path = browser.await(d -> {
            Matcher m = GROUP_PATH.matcher(browser.path());
            return m.matches() ? m : null;
        });
        groupId = Long.parseLong(path.group(1));
        int count = groupOf(groupId).get("memberCount").asInt();
        long expected = listCollege().values().stream().filter(item -> item.get("batteryLevel").asInt() < 60).count();
        assertEquals(expected, count, "the group holds the college's iPads under 60 %");
        assertTrue(count > 0);
        browser.awaitText("Groupe « " + GROUP_NAME + " » enregistré : " + count + " appareil(s) en font partie.");
        browser.screenshot("console/17-smart-group-saved");

        browser.click("Tableau de bord").awaitHeading("Tableau de bord");
        WebElement row = browser.find(By.xpath("//main//tr[th/a[normalize-space()=" + Browser.literal(GROUP_NAME)
                + "]]"));
        assertEquals(String.valueOf(count), row.findElement(By.tagName("td")).getText());
        browser.screenshot("console/18-dashboard-with-group");
        row.findElement(By.tagName("a")).click();
        browser.await(d -> browser.path().contains("in=group:" + groupId) ? true : null);
        browser.awaitHeading("Inventaire");
        List<Map<String, String>> rows = awaitRows(r -> r.size() == count);
        assertTrue(column(rows, "Numéro de série").contains(low.serialNumber()), rows.toString());
        assertTrue(browser.text().contains("Appareils de : "), "the page says whose devices it shows");
        browser.screenshot("console/19-group-inventory");
    }

    @Test
    @Order(5)
    void theDevicePageShowsItsInventoryGroupsAndHistory() throws Exception {
        SimulatedIpad low = cart.ipads().get(3);
        openInventory();
        awaitRows(r -> !r.isEmpty());
        browser.find(By.xpath("//table[contains(@class,'data')]//tr[td[normalize-space()="
                + Browser.literal(low.serialNumber()) + "]]//a[starts-with(@href,'/console/devices/')]")).click();
        browser.await(d -> browser.path().equals("/console/devices/" + low.udid()) ? true : null);
        browser.awaitHeading(api.get("/api/v1/devices/" + low.udid()).get("name").asText());
        assertEquals("Inventaire", browser.find(By.cssSelector("nav.tabs a[aria-current='page']")).getText());
        assertTrue(browser.text().contains(low.serialNumber()), "the serial number is shown");
        browser.awaitText("Dernière mise à jour de l’inventaire");
        browser.screenshot("console/20-device-inventory");

        browser.click("Gestion");
        browser.await(d -> browser.path().endsWith("/management") ? true : null);
        WebElement groups = browser.find(By.xpath("//section[h2[normalize-space()='Groupes']]"));
        assertTrue(groups.getText().contains(GROUP_NAME), groups.getText());
        browser.screenshot("console/21-device-management");
        browser.click("Mettre à jour l’inventaire")
                .awaitText("Mise à jour de l’inventaire demandée : l’iPad répondra à sa prochaine connexion.");

        browser.click("Historique");
        browser.await(d -> browser.path().endsWith("/history") ? true : null);
        List<Map<String, String>> done = browser.await(d -> {
            d.navigate().refresh();
            List<Map<String, String>> commands = rows().stream()
                    .filter(row -> row.get("Commande").startsWith("DeviceInformation")
                            && row.get("Statut").equals("Terminée"))
                    .toList();
            return commands.isEmpty() ? null : commands;
        });
        assertFalse(done.isEmpty());
        browser.screenshot("console/22-device-history");
    }

    @Test
    @Order(6)
    void theMenusOpenWithTheKeyboardOnATablet() throws Exception {
        assertEquals(1024, browser.driver().manage().window().getSize().getWidth());
        browser.go("/console/").awaitHeading("Tableau de bord");
        focusByTab("Appareils");
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        browser.await(d -> browser.find(By.xpath("//details[summary[normalize-space()='Appareils']]"))
                .getAttribute("open") != null ? true : null);
        browser.screenshot("console/23-keyboard-menu");
        focusByTab("Inventaire");
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        browser.await(d -> browser.path().startsWith("/console/inventory") ? true : null);
        browser.awaitHeading("Inventaire");
        browser.screenshot("console/24-keyboard-inventory");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static void login(String username, String password, String screenshot) throws Exception {
        browser.go("/console/login").awaitHeading("Connexion");
        browser.type("Nom d'utilisateur", username).type("Mot de passe", password);
        browser.screenshot(screenshot);
        browser.click("Se connecter");
    }

    /** The forced change after a first login, ending on the dashboard. */
    private static void changeForcedPassword(String current, String chosen, String screenshot) throws Exception {
        browser.await(d -> browser.path().startsWith("/console/password") ? true : null);
        browser.awaitHeading("Choisir votre mot de passe");
        browser.go("/console/inventory");
        assertTrue(browser.path().startsWith("/console/password"), "nothing else before the change: "
                + browser.path());
        browser.type("Mot de passe actuel", current).type("Nouveau mot de passe", chosen)
                .type("Nouveau mot de passe (confirmation)", chosen);
        browser.screenshot(screenshot);
        browser.click("Changer le mot de passe");
        browser.awaitHeading("Tableau de bord");
        assertEquals("/console/", browser.path());
    }

    /** The inventory through the menu, the way a technician opens it (no search, no filter). */
    private static void openInventory() {
        browser.menu("Appareils", "Inventaire");
        browser.await(d -> browser.path().equals("/console/inventory") ? true : null);
        browser.awaitHeading("Inventaire");
    }

    /** Presses Tab until the focused element reads {@code text}. */
    private static void focusByTab(String text) {
        for (int i = 0; i < 15; i++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            if (browser.driver().switchTo().activeElement().getText().trim().equals(text)) {
                return;
            }
        }
        throw new AssertionError("« " + text + " » is not reached with the Tab key");
    }

    /** The rows of the page's data table, each by its column headers. */
    private static List<Map<String, String>> rows() {
        try {
            List<String> headers = browser.all(By.cssSelector("main table.data thead th")).stream()
                    .map(WebElement::getText).map(String::trim).toList();
            List<Map<String, String>> rows = new ArrayList<>();
            for (WebElement tr : browser.all(By.cssSelector("main table.data tbody tr"))) {
                List<WebElement> cells = tr.findElements(By.tagName("td"));
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < cells.size() && i < headers.size(); i++) {
                    row.put(headers.get(i), cells.get(i).getText().trim());
                }
                rows.add(row);
            }
            return rows;
        } catch (StaleElementReferenceException e) {
            // the page changed while it was read: the caller reads again
            return null;
        }
    }

    private static List<Map<String, String>> awaitRows(Predicate<List<Map<String, String>>> until) {
        return browser.await(d -> {
            List<Map<String, String>> rows = rows();
            return rows != null && until.test(rows) ? rows : null;
        });
    }

    private static Set<String> column(List<Map<String, String>> rows, String header) {
        Set<String> values = new HashSet<>();
        rows.forEach(row -> values.add(row.get(header)));
        return values;
    }

    /**
     * Waits until the table's battery column is the REST API's battery levels in {@code order} (read both again,
     * the page reloaded, while a late session of an iPad may still move a level between the two readings).
     */
    private static void awaitBatteries(Comparator<Integer> order) {
        List<Integer> shown = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        try {
            browser.await(d -> {
                List<Map<String, String>> rows = rows();
                if (rows == null) {
                    return null;
                }
                shown.clear();
                shown.addAll(batteries(rows));
                expected.clear();
                try {
                    listCollege().values().forEach(item -> expected.add(item.get("batteryLevel").asInt()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                expected.sort(order);
                if (shown.equals(expected)) {
                    return true;
                }
                d.navigate().refresh();
                return null;
            });
        } catch (TimeoutException e) {
            throw new AssertionError("the rows' batteries " + shown + " are not the REST API's, sorted: " + expected,
                    e);
        }
    }

    /** « 87 % » → 87, in the rows' order. */
    private static List<Integer> batteries(List<Map<String, String>> rows) {
        return rows.stream().map(row -> Integer.parseInt(row.get("Batterie").replaceAll("[^0-9]", ""))).toList();
    }

    /** Cells of one CSV line as RFC 4180 writes them (quotes doubled inside quoted cells). */
    private static List<String> csvCells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static Map<String, JsonNode> awaitEveryInventory() throws Exception {
        return await("every iPad of the college has had an inventory", () -> {
            Map<String, JsonNode> items = listCollege();
            return items.size() == cart.ipads().size()
                    && items.values().stream().allMatch(item -> item.hasNonNull("lastInventory")) ? items : null;
        });
    }

    private static Map<String, JsonNode> listCollege() throws Exception {
        Map<String, JsonNode> items = new LinkedHashMap<>();
        api.get("/api/v1/devices?site=" + RNE + "&size=100").get("items")
                .forEach(item -> items.put(item.get("udid").asText(), item));
        return items;
    }

    private static Instant lastInventory(String udid) throws Exception {
        return Instant.parse(api.get("/api/v1/devices/" + udid).get("lastInventory").asText());
    }

    private static JsonNode groupOf(long id) throws Exception {
        for (JsonNode group : api.get("/api/v1/groups?site=" + RNE)) {
            if (group.get("id").asLong() == id) {
                return group;
            }
        }
        throw new AssertionError("group " + id + " is not listed");
    }

    private static void awaitDone(JsonNode started) throws Exception {
        String link = started.get("report").asText();
        JsonNode report = await("action " + link + " settles", () -> {
            JsonNode r = api.get(link);
            for (JsonNode device : r.get("devices")) {
                if (device.get("status").asText().equals("QUEUED")) {
                    return null;
                }
            }
            return r;
        });
        for (JsonNode device : report.get("devices")) {
            assertEquals("DONE", device.get("status").asText(), report.toString());
        }
    }

    private static <T> T await(String what, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting: " + what);
    }
}
