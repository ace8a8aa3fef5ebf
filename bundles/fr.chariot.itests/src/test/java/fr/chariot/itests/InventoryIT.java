package fr.chariot.itests;

import static fr.chariot.itests.support.Http.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.itests.support.Api;
import fr.chariot.itests.support.Http;
import fr.chariot.itests.support.ServerProcess;
import fr.chariot.itests.support.TestHome;
import fr.chariot.simulator.api.Role;
import fr.chariot.simulator.api.SimulatedApns;
import fr.chariot.simulator.api.SimulatedCart;
import fr.chariot.simulator.api.SimulatedIpad;

/**
 * The inventory, groups and group actions end to end: the real server ({@code bin/chariot}), simulated iPads over
 * real HTTP woken by a simulated APNs, and the REST API as the console and integrators use it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InventoryIT {

    private static final String RNE = "0310002B";
    private static final String OTHER_RNE = "0310003C";
    private static final String ADMIN_PASSWORD = "mot-de-passe-de-test-43";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static SimulatedApns apns;
    private static TestHome home;
    private static ServerProcess server;
    private static Api api;
    private static SimulatedCart cart;
    private static SimulatedIpad personal;
    private static SimulatedIpad otherCollegeIpad;

    @BeforeAll
    static void startServerAndEnrollTwoColleges() throws Exception {
        apns = SimulatedApns.start();
        home = TestHome.copyOfDistribution("inventory");
        Path apnsCa = Files.writeString(home.home.resolve("simulated-apns-ca.pem"), apns.serverCaPem());
        server = ServerProcess.start(home, environment(apnsCa), "inventory.out");
        new Http(home.baseUrl()).await("/health", status(200), TIMEOUT);
        api = Api.login(home.baseUrl(), "admin", ADMIN_PASSWORD);
        api.post("/api/v1/sites", 201, Map.of("rne", RNE, "name", "Collège Olympe de Gouges"));
        api.post("/api/v1/sites", 201, Map.of("rne", OTHER_RNE, "name", "Collège Marie Curie"));
        api.put("/api/v1/push-certificate", apns.pushCertificatePem().getBytes(StandardCharsets.UTF_8));

        URI base = URI.create(home.baseUrl());
        cart = SimulatedCart.create(RNE, 9, 7300);
        cart.enrollAll(base, apns);
        personal = SimulatedIpad.create(7400, Role.TEACHER_PERSONAL);
        personal.enroll(base, RNE, apns);
        otherCollegeIpad = SimulatedIpad.create(7500, Role.STUDENT_SHARED);
        otherCollegeIpad.enroll(base, OTHER_RNE, apns);
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
        if (server != null) {
            server.terminate(Duration.ofSeconds(30));
        }
        if (apns != null) {
            apns.close();
        }
    }

    @Test
    @Order(1)
    void everyIpadsInventoryArrivesAfterEnrollment() throws Exception {
        List<SimulatedIpad> college = collegeIpads();
        Map<String, JsonNode> listed = await("every iPad of the college has had an inventory", () -> {
            Map<String, JsonNode> items = listCollege("");
            boolean all = items.size() == college.size()
                    && items.values().stream().allMatch(item -> item.hasNonNull("lastInventory"));
            return all ? items : null;
        });
        for (SimulatedIpad ipad : college) {
            JsonNode item = listed.get(ipad.udid());
            assertEquals(ipad.serialNumber(), item.get("serialNumber").asText());
            // the simulated battery drains a little at each session, after the answer the inventory holds
            long drained = item.get("batteryLevel").asLong() - Math.round(ipad.batteryLevel() * 100);
            assertTrue(drained >= 0 && drained <= 5, "the iPad's own battery level: " + item);
            assertEquals(ipad.osVersion(), item.get("osVersion").asText());
            assertEquals(ipad.supervised(), item.get("supervised").asBoolean());
            assertEquals(ipad.sharedIpad(), item.get("sharedIpad").asBoolean());
            assertFalse(item.get("stale").asBoolean(), "a fresh inventory is not stale: " + item);
            assertTrue(item.get("enrolled").asBoolean());
            assertTrue(item.get("capacityMb").asLong() > item.get("availableCapacityMb").asLong(), item.toString());
            if (ipad.role() == Role.STUDENT_SHARED) {
                assertEquals("STUDENT_SHARED", item.get("role").asText());
            }
        }
        assertEquals(1, api.get("/api/v1/devices?site=" + OTHER_RNE).get("total").asInt(),
                "the other college's iPad is listed under its own college only");
    }

    @Test
    @Order(2)
    void supervisedStudentIpadsTakeTheCollegesNameAndAPersonalIpadKeepsItsOwn() throws Exception {
        for (SimulatedIpad ipad : cart.ipads()) {
            if (ipad.role() != Role.STUDENT_SHARED) {
                continue;
            }
            JsonNode device = api.get("/api/v1/devices/" + ipad.udid());
            int year = Instant.parse(device.get("enrolledAt").asText()).atZone(ZoneOffset.UTC).getYear();
            String expected = RNE + "-" + year + "-" + ipad.serialNumber();
            await(ipad.udid() + " renamed " + expected, () -> expected.equals(
                    api.get("/api/v1/devices/" + ipad.udid()).get("name").asText()) ? true : null);
            assertEquals(expected, ipad.deviceName(), "the iPad itself took the name (Settings DeviceName)");
        }
        String ownName = personal.deviceName();
        assertEquals(ownName, api.get("/api/v1/devices/" + personal.udid()).get("name").asText(),
                "an unsupervised iPad cannot be renamed and keeps its name");
    }

    @Test
    @Order(3)
    void theDeviceRecordShowsAppsUsersAndGroups() throws Exception {
        SimulatedIpad ipad = cart.ipads().get(1);
        JsonNode device = api.get("/api/v1/devices/" + ipad.udid());
        Set<String> apps = new HashSet<>();
        device.get("apps").get("managed").forEach(app -> apps.add(app.get("bundleId").asText()));
        device.get("apps").get("other").forEach(app -> apps.add(app.get("bundleId").asText()));
        assertTrue(apps.containsAll(ipad.installedApplications()), apps + " holds " + ipad.installedApplications());
        assertTrue(device.get("users").isArray());
        assertTrue(device.get("groups").isArray());
        assertEquals(ipad.serialNumber(), device.get("serialNumber").asText());
        assertFalse(device.get("lostMode").asBoolean());
    }

    @Test
    @Order(4)
    void aBatteryDropMovesTheIpadIntoTheSmartGroupShownOnTheDashboard() throws Exception {
        JsonNode group = api.post("/api/v1/groups", 201, Map.of("name", RNE + " batterie < 60 %", "site", RNE,
                "type", "SMART", "dashboard", true, "criteria",
                List.of(Map.of("field", "batteryLevel", "operator", "LESS_THAN", "value", "60"))));
        long id = group.get("id").asLong();
        Set<String> low = new HashSet<>();
        listCollege("").forEach((udid, item) -> {
            if (item.get("batteryLevel").asLong() < 60) {
                low.add(udid);
            }
        });
        assertEquals(low, members(id), "computed at creation from the inventory");

        SimulatedIpad ipad = cart.ipads().get(2);
        assertFalse(low.contains(ipad.udid()), "this iPad starts charged above 60 %");
        ipad.setBatteryLevel(0.35);
        JsonNode report = startAction(Map.of("action", "UPDATE_INVENTORY", "devices", List.of(ipad.udid())));
        awaitReport(report, "DONE");

        await(ipad.udid() + " enters the group", () -> members(id).contains(ipad.udid()) ? true : null);
        low.add(ipad.udid());
        assertEquals(low, members(id));
        JsonNode listed = groupIn(api.get("/api/v1/groups?site=" + RNE), id);
        assertEquals(low.size(), listed.get("memberCount").asInt(), "the dashboard count follows: " + listed);
        assertTrue(listed.get("dashboard").asBoolean());
        JsonNode record = api.get("/api/v1/devices/" + ipad.udid());
        assertTrue(record.get("groups").toString().contains(RNE + " batterie < 60 %"), record.get("groups").toString());
    }

    @Test
    @Order(5)
    void anUpdateInventoryActionOnAStaticGroupRefreshesEveryMember() throws Exception {
        List<String> chosen = cart.ipads().subList(3, 7).stream().map(SimulatedIpad::udid).toList();
        JsonNode group = api.post("/api/v1/groups", 201, Map.of("name", "Chariot 2 - étage", "site", RNE,
                "type", "STATIC", "members", chosen));
        long id = group.get("id").asLong();
        assertEquals(Set.copyOf(chosen), members(id));
        Map<String, Instant> before = new HashMap<>();
        for (String udid : chosen) {
            before.put(udid, lastInventory(udid));
        }

        JsonNode report = startAction(Map.of("action", "UPDATE_INVENTORY", "devices", List.copyOf(members(id))));
        JsonNode done = awaitReport(report, "DONE");
        assertEquals(4, done.get("devices").size());
        for (String udid : chosen) {
            assertTrue(lastInventory(udid).isAfter(before.get(udid)), udid + " was refreshed");
        }
    }

    @Test
    @Order(6)
    void aFailedRefreshIsReportedAndLeavesTheLastInventoryUnchanged() throws Exception {
        SimulatedIpad ipad = cart.ipads().get(7);
        Instant before = lastInventory(ipad.udid());
        ipad.failNext("DeviceInformation");

        JsonNode report = startAction(Map.of("action", "UPDATE_INVENTORY", "devices", List.of(ipad.udid())));
        JsonNode failed = awaitReport(report, "FAILED");
        assertFalse(failed.get("devices").get(0).path("reason").asText().isBlank(), "the report says why");
        assertEquals(before, lastInventory(ipad.udid()), "a failed DeviceInformation never moves lastInventory");
    }

    @Test
    @Order(7)
    void restartAndOsUpdateReachSupervisedIpadsAndReportUnsupervisedOnes() throws Exception {
        SimulatedIpad student = cart.ipads().get(8);
        JsonNode restart = startAction(Map.of("action", "RESTART",
                "devices", List.of(student.udid(), personal.udid())));
        JsonNode report = awaitSettled(restart);
        Map<String, JsonNode> byDevice = byUdid(report.get("devices"));
        assertEquals("DONE", byDevice.get(student.udid()).get("status").asText(), report.toString());
        assertEquals("REFUSED", byDevice.get(personal.udid()).get("status").asText(), report.toString());
        assertTrue(byDevice.get(personal.udid()).get("reason").asText().contains("supervisé"), report.toString());

        JsonNode update = startAction(Map.of("action", "UPDATE_OS", "installAction", "InstallASAP",
                "devices", List.of(student.udid())));
        awaitReport(update, "DONE");
        boolean scheduled = false;
        for (JsonNode command : api.get("/api/v1/devices/" + student.udid() + "/commands")) {
            scheduled |= command.get("requestType").asText().equals("ScheduleOSUpdate")
                    && command.get("status").asText().equals("ACKNOWLEDGED");
        }
        assertTrue(scheduled, "the offered update was scheduled on the iPad");
    }

    @Test
    @Order(8)
    void theExportRoundTripsTheListedSelection() throws Exception {
        Map<String, JsonNode> listed = listCollege("&columns=udid,name,serialNumber,batteryLevel");
        HttpResponse<String> csv = api.exchange("GET", "/api/v1/devices/export?format=csv&site=" + RNE
                + "&columns=udid,name,serialNumber,batteryLevel", null);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().map()
                .toString());
        List<String> lines = csv.body().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(listed.size() + 1, lines.size(), csv.body());
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = csvCells(line);
            rows.put(cells.get(0), cells);
        }
        for (JsonNode item : listed.values()) {
            List<String> row = rows.get(item.get("udid").asText());
            assertEquals(List.of(item.get("udid").asText(), item.get("name").asText(),
                    item.get("serialNumber").asText(), item.get("batteryLevel").asText()), row);
        }

        HttpResponse<String> xml = api.exchange("GET", "/api/v1/devices/export?format=xml&site=" + RNE, null);
        assertEquals(200, xml.statusCode(), xml.body());
        int parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.body().getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagName("device").getLength();
        assertEquals(listed.size(), parsed, "a well-formed XML document with every device");
    }

    @Test
    @Order(9)
    void badInputIsRefusedWithAClearMessageAndChangesNothing() throws Exception {
        int groupsBefore = api.get("/api/v1/groups?site=" + RNE).size();
        assertRefused(400, "POST", "/api/v1/groups", Map.of("name", RNE + " x", "site", RNE, "type", "SMART",
                "criteria", List.of(Map.of("field", "couleur", "operator", "IS", "value", "bleu"))));
        assertRefused(400, "POST", "/api/v1/groups", Map.of("name", RNE + " x", "site", RNE, "type", "SMART",
                "criteria", List.of(Map.of("field", "batteryLevel", "operator", "ENVIRON", "value", "50"))));
        assertRefused(400, "POST", "/api/v1/groups", Map.of("name", RNE + " x", "site", RNE, "type", "SMART",
                "criteria", List.of(Map.of("field", "batteryLevel", "operator", "LESS_THAN", "value", "beaucoup"))));
        HttpResponse<String> withoutRne = assertRefused(400, "POST", "/api/v1/groups", Map.of("name",
                "Batterie faible", "site", RNE, "type", "SMART", "criteria",
                List.of(Map.of("field", "batteryLevel", "operator", "LESS_THAN", "value", "20"))));
        assertTrue(withoutRne.body().contains(RNE), "the message names the RNE the name lacks: " + withoutRne.body());

        JsonNode group = api.post("/api/v1/groups", 201, Map.of("name", "Chariot 3", "site", RNE, "type", "STATIC",
                "members", List.of(cart.ipads().get(0).udid())));
        long id = group.get("id").asLong();
        assertRefused(400, "PUT", "/api/v1/groups/" + id, Map.of("members",
                List.of(cart.ipads().get(0).udid(), otherCollegeIpad.udid())));
        assertEquals(Set.of(cart.ipads().get(0).udid()), members(id), "another college's iPad never joins");
        assertRefused(404, "GET", "/api/v1/groups/987654", null);
        assertRefused(404, "GET", "/api/v1/devices/00008103-0000000000000000", null);
        assertRefused(400, "POST", "/api/v1/devices/actions", Map.of("action", "EXPLODE",
                "devices", List.of(cart.ipads().get(0).udid())));
        assertRefused(400, "GET", "/api/v1/devices?site=" + RNE + "&sort=couleur", null);
        assertEquals(groupsBefore + 1, api.get("/api/v1/groups?site=" + RNE).size(), "only the valid group exists");
    }

    @Test
    @Order(100) // last: it restarts the server
    void groupsAndTheirMembersSurviveARestart() throws Exception {
        JsonNode groups = api.get("/api/v1/groups?site=" + RNE);
        Map<Long, Set<String>> before = new HashMap<>();
        for (JsonNode group : groups) {
            before.put(group.get("id").asLong(), members(group.get("id").asLong()));
        }
        assertEquals(143, server.terminate(Duration.ofSeconds(30)));
        server = ServerProcess.start(home, environment(home.home.resolve("simulated-apns-ca.pem")),
                "inventory-restarted.out");
        new Http(home.baseUrl()).await("/health", status(200), TIMEOUT);
        api = Api.login(home.baseUrl(), "admin", ADMIN_PASSWORD);
        for (Map.Entry<Long, Set<String>> group : before.entrySet()) {
            assertEquals(group.getValue(), members(group.getKey()), "group " + group.getKey());
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static List<SimulatedIpad> collegeIpads() {
        List<SimulatedIpad> all = new ArrayList<>(cart.ipads());
        all.add(personal);
        return all;
    }

    private static Map<String, JsonNode> listCollege(String extra) throws Exception {
        JsonNode page = api.get("/api/v1/devices?site=" + RNE + "&size=100" + extra);
        Map<String, JsonNode> items = new LinkedHashMap<>();
        page.get("items").forEach(item -> items.put(item.get("udid").asText(), item));
        assertEquals(page.get("total").asInt(), items.size());
        return items;
    }

    private static Instant lastInventory(String udid) throws Exception {
        return Instant.parse(api.get("/api/v1/devices/" + udid).get("lastInventory").asText());
    }

    private static Set<String> members(long groupId) throws Exception {
        Set<String> udids = new HashSet<>();
        for (JsonNode member : api.get("/api/v1/groups/" + groupId + "/members")) {
            udids.add(member.get("udid").asText());
        }
        return udids;
    }

    private static JsonNode groupIn(JsonNode groups, long id) {
        for (JsonNode group : groups) {
            if (group.get("id").asLong() == id) {
                return group;
            }
        }
        throw new AssertionError("group " + id + " is not listed: " + groups);
    }

    private static JsonNode startAction(Map<String, Object> body) throws Exception {
        return api.post("/api/v1/devices/actions", 202, body);
    }

    /** Waits until every device of the action stands at {@code status}; fails early if one settles otherwise. */
    private static JsonNode awaitReport(JsonNode started, String status) throws Exception {
        JsonNode report = awaitSettled(started);
        for (JsonNode device : report.get("devices")) {
            assertEquals(status, device.get("status").asText(), report.toString());
        }
        return report;
    }

    /** Waits until no device of the action is still QUEUED. */
    private static JsonNode awaitSettled(JsonNode started) throws Exception {
        String link = started.get("report").asText();
        return await("action " + link + " settles", () -> {
            JsonNode report = api.get(link);
            for (JsonNode device : report.get("devices")) {
                if (device.get("status").asText().equals("QUEUED")) {
                    return null;
                }
            }
            return report;
        });
    }

    private static Map<String, JsonNode> byUdid(JsonNode devices) {
        Map<String, JsonNode> byDevice = new HashMap<>();
        devices.forEach(device -> byDevice.put(device.get("udid").asText(), device));
        return byDevice;
    }

    private static HttpResponse<String> assertRefused(int expected, String method, String path, Object body)
            throws Exception {
        HttpResponse<String> r = api.exchange(method, path, body);
        assertEquals(expected, r.statusCode(), method + " " + path + " → " + r.body());
        JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        assertNotEquals("", error.path("message").asText(""), "a message for a person: " + r.body());
        return r;
    }

    /** Cells of one CSV line as RFC 4180 writes them (quotes doubled inside quoted cells). */
    private static List<String> csvCells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
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
