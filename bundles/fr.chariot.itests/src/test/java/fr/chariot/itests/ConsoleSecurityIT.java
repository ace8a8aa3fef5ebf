package fr.chariot.itests;

import static fr.chariot.itests.support.Http.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.Cookie;

import fr.chariot.itests.support.Api;
import fr.chariot.itests.support.Browser;
import fr.chariot.itests.support.ConsoleClient;
import fr.chariot.itests.support.Http;
import fr.chariot.itests.support.ServerProcess;
import fr.chariot.itests.support.TestHome;
import fr.chariot.simulator.api.Role;
import fr.chariot.simulator.api.SimulatedApns;
import fr.chariot.simulator.api.SimulatedIpad;

/**
 * The console's security promises, against the real server: colleges kept apart (by URL and by API), device names
 * shown as text, state changes refused without the CSRF token, repeated wrong passwords slowed then locked.
 */
class ConsoleSecurityIT {

    private static final String A = "0310004D";
    private static final String B = "0310005E";
    private static final String ADMIN_PASSWORD = "mot-de-passe-de-test-44";
    private static final String ADMIN_CHOSEN = "Le-mien-pour-de-bon-2026";
    private static final String TECH_FIRST = "Donne-par-l-admin-2026";
    private static final String TECH_CHOSEN = "Choisi-par-moi-meme-2026";
    private static final String XSS_NAME = "<img src=x onerror=alert(1)>";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static SimulatedApns apns;
    private static TestHome home;
    private static ServerProcess server;
    private static Api admin;
    private static ConsoleClient adminConsole;
    private static SimulatedIpad named;
    private static SimulatedIpad otherCollege;
    private static long otherGroup;

    @BeforeAll
    static void startServerWithTwoCollegesAndATechnicianOfTheFirst() throws Exception {
        apns = SimulatedApns.start();
        home = TestHome.copyOfDistribution("console-security");
        Path apnsCa = Files.writeString(home.home.resolve("simulated-apns-ca.pem"), apns.serverCaPem());
        Map<String, String> env = new HashMap<>(home.environment());
        env.put("CHARIOT_APNS_HOST", "127.0.0.1");
        env.put("CHARIOT_APNS_PORT", Integer.toString(apns.port()));
        env.put("CHARIOT_APNS_TRUSTED_CA", apnsCa.toString());
        env.put("CHARIOT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        server = ServerProcess.start(home, env, "console-security.out");
        new Http(home.baseUrl()).await("/health", status(200), TIMEOUT);
        admin = Api.login(home.baseUrl(), "admin", ADMIN_PASSWORD);
        admin.post("/api/v1/sites", 201, Map.of("rne", A, "name", "Collège Olympe de Gouges"));
        admin.post("/api/v1/sites", 201, Map.of("rne", B, "name", "Collège Marie Curie"));
        admin.put("/api/v1/push-certificate", apns.pushCertificatePem().getBytes(StandardCharsets.UTF_8));

        URI base = URI.create(home.baseUrl());
        // A personal (unsupervised) iPad keeps the name its user gave it: Chariot cannot rename it.
        named = SimulatedIpad.create(8100, Role.TEACHER_PERSONAL);
        named.setDeviceName(XSS_NAME);
        named.enroll(base, A, apns);
        otherCollege = SimulatedIpad.create(8200, Role.STUDENT_SHARED);
        otherCollege.enroll(base, B, apns);
        await("both iPads inventoried", () -> admin.get("/api/v1/devices/" + named.udid()).hasNonNull("lastInventory")
                && admin.get("/api/v1/devices/" + otherCollege.udid()).hasNonNull("lastInventory") ? true : null);
        otherGroup = admin.post("/api/v1/groups", 201, Map.of("name", "Chariot B", "site", B, "type", "STATIC",
                "members", List.of(otherCollege.udid()))).get("id").asLong();

        adminConsole = new ConsoleClient(home.baseUrl());
        adminConsole.logIn("admin", ADMIN_PASSWORD, Optional.of(ADMIN_CHOSEN));
        // a new password ends the tokens obtained with the old one
        admin = Api.login(home.baseUrl(), "admin", ADMIN_CHOSEN);
        createAccount("tech.a", "TECHNICIAN", A, TECH_FIRST);
        createAccount("victime", "TECHNICIAN", A, TECH_FIRST);
    }

    private static void createAccount(String name, String role, String site, String password) throws Exception {
        adminConsole.get("/console/users/new");
        HttpResponse<String> created = adminConsole.post("/console/users/new", "username", name, "role", role,
                "site", site, "password", password, "confirmation", password);
        assertEquals(303, created.statusCode(), created.body());
    }

    private static ConsoleClient technician() throws Exception {
        ConsoleClient tech = new ConsoleClient(home.baseUrl());
        // the first login of this run changes the password the admin gave; later ones use the chosen one
        HttpResponse<String> first = tech.logIn("tech.a", TECH_CHOSEN, Optional.empty());
        if (first.statusCode() != 303) {
            tech = new ConsoleClient(home.baseUrl());
            tech.logIn("tech.a", TECH_FIRST, Optional.of(TECH_CHOSEN));
        }
        return tech;
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.terminate(Duration.ofSeconds(30));
        }
        if (apns != null) {
            apns.close();
        }
    }

    @Test
    void aTechnicianOfOneCollegeGets404ForAnothersDeviceGroupAndExportByUrlAndByApi() throws Exception {
        ConsoleClient tech = technician();
        String udidB = otherCollege.udid();
        assertEquals(200, tech.get("/console/devices/" + named.udid()).statusCode(), "their own college's iPad");
        for (String path : List.of("/console/devices/" + udidB, "/console/devices/" + udidB + "/management",
                "/console/devices/" + udidB + "/history", "/console/static-groups/" + otherGroup,
                "/console/inventory?site=" + B, "/console/inventory?in=group:" + otherGroup,
                "/console/inventory/export?format=csv&site=" + B, "/console/colleges/" + B,
                "/console/audit?site=" + B, "/console/audit/export?site=" + B)) {
            HttpResponse<String> answer = tech.get(path);
            assertEquals(404, answer.statusCode(), path);
            assertFalse(answer.body().contains(otherCollege.serialNumber()), path + " tells nothing of it");
        }
        HttpResponse<String> inventory = tech.get("/console/inventory");
        assertFalse(inventory.body().contains(otherCollege.serialNumber()), "not listed either");
        assertEquals(404, tech.post("/console/devices/" + udidB + "/refresh").statusCode(), "nor refreshed");

        Api techApi = Api.login(home.baseUrl(), "tech.a", TECH_CHOSEN);
        for (String path : List.of("/api/v1/devices/" + udidB, "/api/v1/groups/" + otherGroup,
                "/api/v1/devices/export?format=csv&site=" + B, "/api/v1/devices/" + udidB + "/commands")) {
            assertEquals(404, techApi.exchange("GET", path, null).statusCode(), path);
        }
    }

    @Test
    void aDeviceNamedLikeMarkupShowsThatTextAndNothingRuns() throws Exception {
        ConsoleClient tech = technician();
        String listed = tech.get("/console/inventory").body();
        assertTrue(listed.contains("&lt;img src=x onerror=alert(1)&gt;"), "escaped in the inventory's HTML");
        assertFalse(listed.contains(XSS_NAME));
        String page = tech.get("/console/devices/" + named.udid()).body();
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "escaped on the device page");
        assertFalse(page.contains(XSS_NAME));

        try (Browser browser = Browser.open(home.baseUrl(), 1024, 768)) {
            browser.go("/console/login");
            browser.driver().manage().addCookie(new Cookie(ConsoleClient.COOKIE, tech.cookie(), "/console"));
            for (String path : List.of("/console/inventory", "/console/devices/" + named.udid())) {
                browser.go(path).awaitText(XSS_NAME);
                assertTrue(browser.all(By.cssSelector("img[src='x']")).isEmpty(), path + ": no such image exists");
                assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert(), path);
            }
            browser.screenshot("security-device-name-as-text");
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        ConsoleClient tech = technician();
        tech.get("/console/static-groups/new");
        int before = admin.get("/api/v1/groups?site=" + A).size();

        HttpResponse<String> missing = tech.postWithout("/console/static-groups/new", "name", "Sans jeton",
                "site", A, "udid", named.udid());
        HttpResponse<String> wrong = tech.postWithout("/console/static-groups/new", "name", "Mauvais jeton",
                "site", A, "_csrf", "pas-le-bon");
        HttpResponse<String> logout = tech.postWithout("/console/logout");

        assertEquals(403, missing.statusCode());
        assertEquals(403, wrong.statusCode());
        assertEquals(403, logout.statusCode());
        assertEquals(before, admin.get("/api/v1/groups?site=" + A).size(), "no group was created");
        assertEquals(200, tech.get("/console/inventory").statusCode(), "the session is still open");
        HttpResponse<String> withToken = tech.post("/console/static-groups/new", "name", "Avec jeton", "site", A);
        assertEquals(303, withToken.statusCode(), "the same form with its token is accepted");
    }

    @Test
    void wrongPasswordsAreSlowedThenLockTheAccount() throws Exception {
        ConsoleClient attacker = new ConsoleClient(home.baseUrl());
        for (int attempt = 1; attempt <= 2; attempt++) {
            String body = attacker.logIn("victime", "pas-le-bon-" + attempt, Optional.empty()).body();
            assertTrue(body.contains("ou mot de passe incorrect."), body);
        }
        String third = attacker.logIn("victime", "pas-le-bon-3", Optional.empty()).body();
        assertTrue(third.contains("Trop de tentatives"), "slowed after the third failure: " + third);
        String rightTooSoon = attacker.logIn("victime", TECH_FIRST, Optional.empty()).body();
        assertTrue(rightTooSoon.contains("Trop de tentatives"), "not even checked while slowed");

        failAgainOnceAllowed(attacker, "pas-le-bon-4");
        String fifth = failAgainOnceAllowed(attacker, "pas-le-bon-5");
        assertTrue(fifth.contains("Compte verrouillé jusqu"), "locked after the fifth: " + fifth);

        HttpResponse<String> right = attacker.logIn("victime", TECH_FIRST, Optional.empty());
        assertEquals(200, right.statusCode(), "the right password is refused while locked");
        assertTrue(right.body().contains("Compte verrouillé jusqu"), right.body());
        assertThrows(java.io.IOException.class, () -> Api.login(home.baseUrl(), "victime", TECH_FIRST),
                "nor through the API: the lock is the account's");
    }

    /** Tries again as soon as the slow-down allows, and answers the page the attempt got. */
    private static String failAgainOnceAllowed(ConsoleClient client, String password) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(until)) {
            String body = client.logIn("victime", password, Optional.empty()).body();
            if (!body.contains("Trop de tentatives")) {
                return body;
            }
            Thread.sleep(500); // polling the slow-down's end, not waiting for an outcome
        }
        throw new AssertionError("still slowed after 30 s");
    }

    private static <T> T await(String what, Callable<T> probe) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        Throwable last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T value = probe.call();
                if (value != null) {
                    return value;
                }
            } catch (Exception | AssertionError e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out: " + what, last);
    }
}
