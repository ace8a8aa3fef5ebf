package fr.chariot.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.Join;
import fr.chariot.groups.api.Operator;

class GroupsTest {

    private static final String SMART = """
            {"name":"0310001A batterie faible","site":"0310001a","type":"SMART","dashboard":true,
             "criteria":[{"field":"batteryLevel","operator":"LESS_THAN","value":60},
                         {"field":"stale","operator":"IS","value":"true","join":"OR"}]}""";

    private final ApiFixture fixture = new ApiFixture();

    @Test
    void aTechnicianCreatesASmartGroup() {
        ApiResponse response = fixture.call("techA", "POST", "/groups", SMART);

        assertEquals(201, response.status());
        JsonNode group = ApiFixture.json(response);
        long id = group.get("id").asLong();
        assertEquals("/api/v1/groups/" + id, response.headers().get("Location"));
        assertEquals(ApiFixture.A, group.get("site").asText());
        assertEquals("SMART", group.get("type").asText());
        assertTrue(group.get("dashboard").asBoolean());
        assertEquals("OR", group.at("/criteria/1/join").asText());
        Group stored = fixture.groups.groups.get(id);
        assertEquals(List.of(new Criterion("batteryLevel", Operator.LESS_THAN, "60", Join.AND),
                new Criterion("stale", Operator.IS, "true", Join.OR)), stored.criteria());
    }

    @Test
    void aStaticGroupIsCreatedWithItsMembers() {
        ApiResponse response = fixture.call("techA", "POST", "/groups",
                "{\"name\":\"Chariot 1\",\"site\":\"0310001A\",\"type\":\"STATIC\",\"members\":[\"A1\",\"A2\"]}");

        assertEquals(201, response.status());
        JsonNode group = ApiFixture.json(response);
        assertEquals(2, group.get("memberCount").asInt());
        assertFalse(group.get("dashboard").asBoolean());
        assertEquals(Set.of("A1", "A2"), fixture.groups.members.get(group.get("id").asLong()));
    }

    @Test
    void groupsAreListedForTheCallersCollegesWithTheirMemberCounts() {
        long a = staticGroup(ApiFixture.A, "Chariot 1", "A1", "A2");
        staticGroup(ApiFixture.B, "Chariot B", "B1");

        JsonNode techA = ApiFixture.json(fixture.call("techA", "GET", "/groups"));
        JsonNode admin = ApiFixture.json(fixture.call("admin", "GET", "/groups"));
        JsonNode onlyB = ApiFixture.json(fixture.call("admin", "GET", "/groups?site=0310002B"));

        assertEquals(1, techA.size());
        assertEquals(a, techA.at("/0/id").asLong());
        assertEquals(2, techA.at("/0/memberCount").asInt());
        assertEquals(2, admin.size());
        assertEquals("Chariot B", onlyB.at("/0/name").asText());
        assertEquals(404, fixture.call("techA", "GET", "/groups?site=0310002B").status());
        assertEquals(400, fixture.call("techA", "GET", "/groups?site=nonsense").status());
    }

    @Test
    void anotherCollegesGroupAnswersLikeAMissingOne() {
        long b = staticGroup(ApiFixture.B, "Chariot B", "B1");

        for (ApiResponse response : List.of(
                fixture.call("techA", "GET", "/groups/" + b),
                fixture.call("techA", "GET", "/groups/" + b + "/members"),
                fixture.call("techA", "PUT", "/groups/" + b, "{\"name\":\"Pris\"}"),
                fixture.call("techA", "DELETE", "/groups/" + b),
                fixture.call("techA", "GET", "/groups/999"),
                fixture.call("techA", "GET", "/groups/abc"))) {
            assertEquals(404, response.status());
            assertTrue(ApiFixture.json(response).get("message").asText().startsWith("Aucun groupe"));
        }
        assertEquals("Chariot B", fixture.groups.groups.get(b).name());
        assertEquals(200, fixture.call("admin", "GET", "/groups/" + b).status());
    }

    @Test
    void aGroupIsReadWithItsCriteriaAndItsMembersAsInventoryItems() {
        long id = staticGroup(ApiFixture.A, "Chariot 1", "A2", "A1", "A4");

        JsonNode group = ApiFixture.json(fixture.call("viewerA", "GET", "/groups/" + id));
        JsonNode members = ApiFixture.json(fixture.call("viewerA", "GET", "/groups/" + id + "/members"));

        assertEquals(3, group.get("memberCount").asInt());
        assertEquals(0, group.get("criteria").size());
        assertEquals(List.of("A1", "A2", "A4"), udids(members));
        assertEquals("SNA1", members.at("/0/serialNumber").asText());
        assertEquals(80, members.at("/0/batteryLevel").asInt());
        assertTrue(members.at("/2/stale").asBoolean());
    }

    @Test
    void aGroupIsRenamedShownOnTheDashboardAndGivenNewMembers() {
        long id = staticGroup(ApiFixture.A, "Chariot 1", "A1", "A2");

        ApiResponse response = fixture.call("techA", "PUT", "/groups/" + id,
                "{\"name\":\"Chariot 2\",\"dashboard\":true,\"members\":[\"A2\",\"A3\"]}");

        assertEquals(200, response.status());
        JsonNode group = ApiFixture.json(response);
        assertEquals("Chariot 2", group.get("name").asText());
        assertTrue(group.get("dashboard").asBoolean());
        assertEquals(Set.of("A2", "A3"), fixture.groups.members.get(id));
    }

    @Test
    void aSmartGroupsCriteriaAreReplaced() {
        long id = ApiFixture.json(fixture.call("techA", "POST", "/groups", SMART)).get("id").asLong();

        ApiResponse response = fixture.call("techA", "PUT", "/groups/" + id,
                "{\"criteria\":[{\"field\":\"osVersion\",\"operator\":\"less_than\",\"value\":\"17.4\"}]}");

        assertEquals(200, response.status());
        assertEquals(List.of(Criterion.of("osVersion", Operator.LESS_THAN, "17.4")),
                fixture.groups.groups.get(id).criteria());
    }

    @Test
    void aRefusedChangeUndoesTheChangesMadeBeforeIt() {
        long taken = staticGroup(ApiFixture.A, "Pris", "A1");
        long id = ApiFixture.json(fixture.call("techA", "POST", "/groups", SMART)).get("id").asLong();
        Group before = fixture.groups.groups.get(id);

        ApiResponse response = fixture.call("techA", "PUT", "/groups/" + id,
                "{\"criteria\":[{\"field\":\"sharedIpad\",\"operator\":\"IS\",\"value\":\"true\"}],"
                        + "\"name\":\"Sans RNE\"}");

        assertEquals(400, response.status());
        assertTrue(ApiFixture.json(response).get("message").asText().contains("RNE"));
        assertEquals(before, fixture.groups.groups.get(id));
        assertEquals("Pris", fixture.groups.groups.get(taken).name());
    }

    @Test
    void theGroupsServicesFrenchReasonIsTheMessage() {
        ApiResponse response = fixture.call("techA", "POST", "/groups",
                "{\"name\":\"Batterie faible\",\"site\":\"0310001A\",\"type\":\"SMART\",\"criteria\":[]}");

        assertEquals(400, response.status());
        assertEquals("Le nom d'un groupe intelligent contient le RNE du collège (0310001A).",
                ApiFixture.json(response).get("message").asText());
        assertTrue(fixture.groups.groups.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"site\":\"0310001A\",\"type\":\"STATIC\"}",
        "{\"name\":\"G\",\"type\":\"STATIC\"}",
        "{\"name\":\"G\",\"site\":\"0310001A\",\"type\":\"DYNAMIC\"}",
        "{\"name\":\"G\",\"site\":\"nonsense\",\"type\":\"STATIC\"}",
        "{\"name\":\"G\",\"site\":\"0310001A\",\"type\":\"STATIC\",\"criteria\":[{\"field\":\"name\",\"operator\":\"IS\",\"value\":\"x\"}]}",
        "{\"name\":\"0310001A G\",\"site\":\"0310001A\",\"type\":\"SMART\",\"members\":[\"A1\"]}",
        "{\"name\":\"0310001A G\",\"site\":\"0310001A\",\"type\":\"SMART\",\"criteria\":[{\"field\":\"name\",\"operator\":\"CONTAINS\",\"value\":\"x\"}]}",
        "{\"name\":\"0310001A G\",\"site\":\"0310001A\",\"type\":\"SMART\",\"criteria\":[{\"field\":\"name\",\"operator\":\"IS\",\"value\":\"x\",\"join\":\"XOR\"}]}",
        "{\"name\":\"0310001A G\",\"site\":\"0310001A\",\"type\":\"SMART\",\"criteria\":[{\"field\":\"name\",\"operator\":\"IS\"}]}",
        "{\"name\":\"0310001A G\",\"site\":\"0310001A\",\"type\":\"SMART\",\"criteria\":[{\"field\":\"colour\",\"operator\":\"IS\",\"value\":\"x\"}]}",
        "{\"name\":\"0310001A G\",\"site\":\"0310001A\",\"type\":\"SMART\",\"criteria\":{}}",
        "{\"name\":\"G\",\"site\":\"0310001A\",\"type\":\"STATIC\",\"members\":[\"A1\",\"B1\"]}",
        "{\"name\":\"G\",\"site\":\"0310001A\",\"type\":\"STATIC\",\"members\":[\"ZZ9\"]}",
        "{\"name\":\"G\",\"site\":\"0310001A\",\"type\":\"STATIC\",\"dashboard\":\"yes\"}",
        "{\"name\":\"G\",\"site\":\"0310001A\",\"type\":\"STATIC\",\"colour\":\"red\"}",
        "[]"})
    void aMalformedGroupIsNotCreated(String body) {
        ApiResponse response = fixture.call("techA", "POST", "/groups", body);

        assertEquals(400, response.status(), body);
        assertEquals("bad_request", ApiFixture.error(response));
        assertTrue(fixture.groups.groups.isEmpty(), body);
    }

    @Test
    void aGroupInAnotherCollegeIsNotCreated() {
        assertEquals(404, fixture.call("techA", "POST", "/groups",
                "{\"name\":\"G\",\"site\":\"0310002B\",\"type\":\"STATIC\"}").status());
        assertTrue(fixture.groups.groups.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"type\":\"SMART\"}", "{\"criteria\":[]}", "{\"members\":[\"B1\"]}",
            "{\"name\":\"Chariot 2\",\"members\":[\"A1\",\"ZZ9\"]}", "{\"name\":\"\"}", "{\"dashboard\":1}"})
    void aMalformedChangeChangesNothing(String body) {
        long id = staticGroup(ApiFixture.A, "Chariot 1", "A1");
        Group before = fixture.groups.groups.get(id);

        ApiResponse response = fixture.call("techA", "PUT", "/groups/" + id, body);

        assertEquals(400, response.status(), body);
        assertEquals(before, fixture.groups.groups.get(id));
        assertEquals(Set.of("A1"), fixture.groups.members.get(id));
    }

    @Test
    void readOnlyAccountsChangeNoGroup() {
        long id = staticGroup(ApiFixture.A, "Chariot 1", "A1");

        assertEquals(403, fixture.call("viewerA", "POST", "/groups",
                "{\"name\":\"G\",\"site\":\"0310001A\",\"type\":\"STATIC\"}").status());
        assertEquals(403, fixture.call("viewerA", "PUT", "/groups/" + id, "{\"name\":\"G\"}").status());
        assertEquals(403, fixture.call("viewerA", "DELETE", "/groups/" + id).status());
        assertEquals(Map.of(id, fixture.groups.groups.get(id)), fixture.groups.groups);
        assertEquals("Chariot 1", fixture.groups.groups.get(id).name());
    }

    @Test
    void aGroupIsDeletedUnlessAnotherDependsOnIt() {
        long id = staticGroup(ApiFixture.A, "Chariot 1", "A1");
        fixture.groups.create(ApiFixture.A, "0310001A hors chariot", GroupType.SMART,
                List.of(Criterion.of("group", Operator.MEMBER_OF, String.valueOf(id))), false);

        ApiResponse refused = fixture.call("techA", "DELETE", "/groups/" + id);
        assertEquals(409, refused.status());
        assertTrue(fixture.groups.groups.containsKey(id));

        long other = staticGroup(ApiFixture.A, "Chariot 2", "A2");
        ApiResponse deleted = fixture.call("techA", "DELETE", "/groups/" + other);
        assertEquals(204, deleted.status());
        assertEquals(null, deleted.body());
        assertFalse(fixture.groups.groups.containsKey(other));
    }

    private long staticGroup(String site, String name, String... members) {
        long id = fixture.groups.create(site, name, GroupType.STATIC, List.of(), false).id();
        fixture.groups.addMembers(site, id, List.of(members));
        return id;
    }

    private static List<String> udids(JsonNode items) {
        List<String> udids = new ArrayList<>();
        items.forEach(item -> udids.add(item.get("udid").asText()));
        return udids;
    }
}
