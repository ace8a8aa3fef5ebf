package fr.chariot.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.api.Site;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.InventoryField;

/**
 * The API over fakes, with two colleges: A (0310001A) and B (0310002B); users {@code admin} (department admin),
 * {@code techA} (technician of A) and {@code viewerA} (read-only on A); devices {@code A1}, {@code A2}
 * (enrolled, in A), {@code A3} (in A, not enrolled) and {@code B1} (in B), all in the inventory ({@code A1} a Shared
 * iPad, battery 80; {@code A2} not shared, battery 40), and {@code A4} (in A, just enrolled: the inventory does not
 * know it yet). The clock reads 2026-09-03T22:30Z, already the 4th in France.
 */
final class ApiFixture {

    static final String A = "0310001A";
    static final String B = "0310002B";
    static final String PASSWORD = "mot-de-passe";
    static final String FROM = "192.0.2.10";

    final Fakes.FakeAccounts accounts = new Fakes.FakeAccounts();
    final Fakes.FakeAudit audit = new Fakes.FakeAudit();
    final Fakes.FakeSites sites = new Fakes.FakeSites();
    final Fakes.FakeDevices devices = new Fakes.FakeDevices();
    final Fakes.FakeQueue queue = new Fakes.FakeQueue();
    final Fakes.FakeHistory history = new Fakes.FakeHistory();
    final Fakes.FakePush push = new Fakes.FakePush();
    final InventoryFakes.FakeInventory inventory = new InventoryFakes.FakeInventory();
    final InventoryFakes.FakeGroups groups = new InventoryFakes.FakeGroups(devices);
    final InventoryFakes.FakeActions actions = new InventoryFakes.FakeActions(devices);
    final RestApi api;

    ApiFixture() {
        accounts.add(new Principal("admin", Role.DEPARTMENT_ADMIN, Set.of()), PASSWORD);
        accounts.add(new Principal("techA", Role.TECHNICIAN, Set.of(A)), PASSWORD);
        accounts.add(new Principal("viewerA", Role.READ_ONLY, Set.of(A)), PASSWORD);
        sites.create(new Site(A, "Collège Jean Jaurès"));
        sites.create(new Site(B, "Collège Pierre de Fermat"));
        devices.add(device("A1", A, true));
        devices.add(device("A2", A, true));
        devices.add(device("A3", A, false));
        devices.add(device("B1", B, true));
        devices.add(device("A4", A, true));
        inventory.add(row("A1", A, true, 80));
        inventory.add(row("A2", A, false, 40));
        inventory.add(row("A3", A, false, 60));
        inventory.add(row("B1", B, true, 90));
        api = RestApiServlet.create(new RestApiServlet.Services(accounts, audit, sites, devices, queue, history, push, push,
                inventory, groups, actions), Clock.fixed(Instant.parse("2026-09-03T22:30:00Z"), ZoneOffset.UTC));
    }

    static DeviceInventory row(String udid, String rne, boolean sharedIpad, long battery) {
        Map<InventoryField, Object> values = new EnumMap<>(InventoryField.class);
        values.put(InventoryField.UDID, udid);
        values.put(InventoryField.SITE, rne);
        values.put(InventoryField.NAME, "iPad " + udid);
        values.put(InventoryField.SERIAL_NUMBER, "SN" + udid);
        values.put(InventoryField.MODEL, "MK2K3NF/A");
        values.put(InventoryField.PRODUCT_NAME, "iPad13,18");
        values.put(InventoryField.OS_VERSION, "17.5");
        values.put(InventoryField.BATTERY_LEVEL, battery);
        values.put(InventoryField.CAPACITY_MB, 64000L);
        values.put(InventoryField.AVAILABLE_CAPACITY_MB, 12000L);
        values.put(InventoryField.SUPERVISED, true);
        values.put(InventoryField.SHARED_IPAD, sharedIpad);
        values.put(InventoryField.WIFI_MAC, "aa:bb:cc:dd:ee:" + udid.substring(1));
        values.put(InventoryField.ROLE, sharedIpad ? DeviceRole.STUDENT_SHARED : DeviceRole.TEACHER_PERSONAL);
        values.put(InventoryField.ENROLLED, true);
        values.put(InventoryField.LAST_INVENTORY, Instant.parse("2026-09-02T10:00:00Z"));
        values.put(InventoryField.STALE, false);
        return new DeviceInventory(values);
    }

    static DeviceRecord device(String udid, String rne, boolean enrolled) {
        return new DeviceRecord(new DeviceId(udid), rne, Optional.of("SN" + udid), Optional.of("iPad13,18"),
                Optional.of("17.5"), Optional.of("iPad " + udid), enrolled,
                enrolled ? Optional.of(Instant.parse("2026-09-01T08:00:00Z")) : Optional.empty(),
                Optional.of(Instant.parse("2026-09-02T09:30:00Z")), enrolled);
    }

    /** A request as {@code user} (bearer token), or anonymous when {@code user} is null. */
    ApiResponse call(String user, String method, String pathAndQuery, String body) {
        return call(method, pathAndQuery, user == null ? Optional.empty() : Optional.of("Bearer token-" + user),
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    ApiResponse call(String user, String method, String pathAndQuery) {
        return call(user, method, pathAndQuery, null);
    }

    ApiResponse call(String method, String pathAndQuery, Optional<String> authorization, byte[] body) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? null : pathAndQuery.substring(question + 1);
        return api.handle(new ApiRequest(method, path, RestApiServlet.parseQuery(query), authorization, body,
                FROM));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The body as the servlet writes it. */
    static JsonNode json(ApiResponse response) {
        return Requests.JSON.valueToTree(response.body());
    }

    /** A streamed body (an export) as text. */
    static String text(ApiResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ((ApiResponse.Streamed) response.body()).writer().writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String error(ApiResponse response) {
        return json(response).get("error").asText();
    }
}
