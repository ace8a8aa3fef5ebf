package fr.chariot.rest.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.api.Site;

/**
 * The API over fakes, with two colleges: A (0310001A) and B (0310002B); users {@code admin} (department admin),
 * {@code techA} (technician of A) and {@code viewerA} (read-only on A); devices {@code A1}, {@code A2}
 * (enrolled, in A), {@code A3} (in A, not enrolled) and {@code B1} (in B).
 */
final class ApiFixture {

    static final String A = "0310001A";
    static final String B = "0310002B";
    static final String PASSWORD = "mot-de-passe";

    final Fakes.FakeAccounts accounts = new Fakes.FakeAccounts();
    final Fakes.FakeSites sites = new Fakes.FakeSites();
    final Fakes.FakeDevices devices = new Fakes.FakeDevices();
    final Fakes.FakeQueue queue = new Fakes.FakeQueue();
    final Fakes.FakeHistory history = new Fakes.FakeHistory();
    final Fakes.FakePush push = new Fakes.FakePush();
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
        api = RestApiServlet.create(accounts, sites, devices, queue, history, push, push);
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
        return api.handle(new ApiRequest(method, path, RestApiServlet.parseQuery(query), authorization, body));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The body as the servlet writes it. */
    static JsonNode json(ApiResponse response) {
        return Requests.JSON.valueToTree(response.body());
    }

    static String error(ApiResponse response) {
        return json(response).get("error").asText();
    }
}
