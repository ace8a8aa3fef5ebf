package fr.chariot.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.api.Command;
import fr.chariot.api.DeviceId;
import fr.chariot.groups.api.GroupType;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.InstalledApp;
import fr.chariot.inventory.api.InstalledProfile;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.SharedIpadUser;

class DeviceDetailTest {

    private static final DeviceId A1 = new DeviceId("A1");

    private final ApiFixture fixture = new ApiFixture();

    @Test
    void aDeviceHasEveryInventoryFieldItsAppsUsersProfilesAndGroups() {
        fixture.inventory.apps.put(A1, List.of(
                new InstalledApp("com.apple.Pages", Optional.of("Pages"), Optional.of("14.0"), true, true,
                        Optional.of("Managed")),
                new InstalledApp("com.example.game", Optional.of("Jeu"), Optional.empty(), true, false,
                        Optional.empty())));
        List<SharedIpadUser> users = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            users.add(new SharedIpadUser("eleve" + i + "@college.fr", i == 1, false, Optional.of(2_000_000_000L),
                    Optional.of(1000L)));
        }
        fixture.inventory.users.put(A1, users);
        fixture.inventory.profiles.put(A1, List.of(new InstalledProfile("fr.chariot.wifi", Optional.of("U1"),
                Optional.of("Wi-Fi"), Optional.of("Chariot"), true, false, true)));
        long group = fixture.groups.create(ApiFixture.A, "Chariot 1", GroupType.STATIC, List.of(), false).id();
        fixture.groups.addMembers(ApiFixture.A, group, List.of("A1"));

        JsonNode a1 = ApiFixture.json(fixture.call("viewerA", "GET", "/devices/A1"));

        for (InventoryField field : InventoryField.values()) {
            assertTrue(a1.has(field.fieldName()), field.fieldName());
        }
        assertEquals("aa:bb:cc:dd:ee:1", a1.get("wifiMac").asText());
        assertTrue(a1.get("lostMode").isNull());
        assertEquals("2026-09-02T09:30:00Z", a1.get("lastSeen").asText());
        assertEquals("com.apple.Pages", a1.at("/apps/managed/0/bundleId").asText());
        assertEquals(1, a1.at("/apps/managed").size());
        assertEquals("Jeu", a1.at("/apps/other/0/name").asText());
        assertEquals(10, a1.get("users").size());
        assertEquals("eleve1@college.fr", a1.at("/users/0/userName").asText());
        assertTrue(a1.at("/users/0/loggedIn").asBoolean());
        assertEquals("Wi-Fi", a1.at("/profiles/0/displayName").asText());
        assertEquals(group, a1.at("/groups/0/id").asLong());
        assertEquals("Chariot 1", a1.at("/groups/0/name").asText());
        assertEquals("STATIC", a1.at("/groups/0/type").asText());
    }

    @Test
    void aDeviceTheInventoryDoesNotKnowYetAnswersWhatEnrollmentTold() {
        ApiResponse response = fixture.call("techA", "GET", "/devices/A4");

        assertEquals(200, response.status());
        JsonNode a4 = ApiFixture.json(response);
        assertEquals("iPad A4", a4.get("name").asText());
        assertEquals("SNA4", a4.get("serialNumber").asText());
        assertEquals("iPad13,18", a4.get("productName").asText());
        assertTrue(a4.get("enrolled").asBoolean());
        assertTrue(a4.get("stale").asBoolean());
        assertTrue(a4.get("batteryLevel").isNull());
        assertEquals(0, a4.at("/apps/managed").size());
    }

    @Test
    void aDeviceOfAnotherCollegeIsNotFound() {
        assertEquals(404, fixture.call("techA", "GET", "/devices/B1").status());
        assertEquals(200, fixture.call("admin", "GET", "/devices/B1").status());
    }

    @Test
    void aTechnicianSetsARole() {
        ApiResponse response = fixture.call("techA", "PUT", "/devices/A2/role",
                "{\"role\":\"TEACHER_SHARED\",\"teacherNumber\":3}");

        assertEquals(200, response.status());
        assertEquals("TEACHER_SHARED", ApiFixture.json(response).get("role").asText());
        assertEquals(List.of(new InventoryFakes.RoleChange(new DeviceId("A2"), DeviceRole.TEACHER_SHARED,
                Optional.of(3), Optional.empty())), fixture.inventory.roleChanges);
    }

    @Test
    void aPersonalIpadTakesTheTeachersName() {
        assertEquals(200, fixture.call("techA", "PUT", "/devices/A2/role",
                "{\"role\":\"TEACHER_PERSONAL\",\"teacherName\":\" Mme Curie \"}").status());

        assertEquals(Optional.of("Mme Curie"), fixture.inventory.roleChanges.get(0).teacherName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"role\":\"PRINCIPAL\"}", "{\"role\":\"TEACHER_SHARED\"}",
            "{\"role\":\"TEACHER_SHARED\",\"teacherNumber\":0}", "{\"role\":\"TEACHER_SHARED\",\"teacherNumber\":\"3\"}",
            "{\"role\":\"TEACHER_PERSONAL\"}", "{\"role\":\"TEACHER_PERSONAL\",\"teacherName\":\"  \"}",
            "{\"role\":\"STUDENT_SHARED\",\"colour\":1}", "[]", "not json"})
    void aMalformedRoleChangesNothing(String body) {
        ApiResponse response = fixture.call("techA", "PUT", "/devices/A2/role", body);

        assertEquals(400, response.status(), body);
        assertEquals("bad_request", ApiFixture.error(response));
        assertTrue(fixture.inventory.roleChanges.isEmpty());
    }

    @Test
    void roleChangesAreRefusedToReadOnlyAccountsAndOtherColleges() {
        String body = "{\"role\":\"STUDENT_SHARED\"}";

        assertEquals(403, fixture.call("viewerA", "PUT", "/devices/A2/role", body).status());
        assertEquals(404, fixture.call("techA", "PUT", "/devices/B1/role", body).status());
        assertEquals(409, fixture.call("techA", "PUT", "/devices/A4/role", body).status());
        assertTrue(fixture.inventory.roleChanges.isEmpty());
    }

    @Test
    void deletingASharedIpadUserQueuesDeleteUser() {
        ApiResponse response = fixture.call("techA", "DELETE", "/devices/A1/users/eleve1@college.fr?force=true");

        assertEquals(202, response.status());
        assertEquals("uuid-1-A1", ApiFixture.json(response).get("commandUuid").asText());
        Fakes.Enqueued enqueued = fixture.queue.enqueued.get(0);
        assertEquals(new Command("DeleteUser", Map.of("UserName", "eleve1@college.fr", "ForceDeletion", true)),
                enqueued.command());
        assertEquals(List.of(A1), enqueued.devices());
    }

    @Test
    void usersAreDeletedOnlyFromSharedIpadsOfTheCallersColleges() {
        assertEquals(409, fixture.call("techA", "DELETE", "/devices/A2/users/eleve1").status());
        assertEquals("not_shared_ipad", ApiFixture.error(fixture.call("techA", "DELETE", "/devices/A2/users/x")));
        assertEquals(409, fixture.call("techA", "DELETE", "/devices/A4/users/eleve1").status());
        assertEquals(404, fixture.call("techA", "DELETE", "/devices/B1/users/eleve1").status());
        assertEquals(403, fixture.call("viewerA", "DELETE", "/devices/A1/users/eleve1").status());
        assertEquals(400, fixture.call("techA", "DELETE", "/devices/A1/users/eleve1?force=oui").status());
        assertTrue(fixture.queue.enqueued.isEmpty());
    }
}
