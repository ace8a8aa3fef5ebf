package fr.chariot.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.AuditEvent;

class ApiAuditTest {

    private final ApiFixture fixture = new ApiFixture();

    @Test
    void aChangeIsJournalledWithWhoWhereWhatAndWhichDevices() {
        ApiResponse response = fixture.call("techA", "POST", "/groups",
                "{\"name\":\"Chariot 1\",\"site\":\"0310001a\",\"type\":\"STATIC\",\"members\":[\"A1\",\"A2\"]}");
        assertEquals(201, response.status());

        assertEquals(1, fixture.audit.events.size());
        AuditEvent event = fixture.audit.events.get(0);
        assertEquals("techA", event.username());
        assertEquals(ApiFixture.FROM, event.from());
        assertEquals(Optional.of(ApiFixture.A), event.site());
        assertEquals("api.post /groups", event.action());
        assertEquals(List.of("A1", "A2"), event.objects());
        assertTrue(event.details().startsWith("POST /api/v1/groups → 201"), event.details());
    }

    @Test
    void pathIdsAndTheCollegeOfThePathAreNamed() {
        ApiResponse response = fixture.call("techA", "PUT", "/sites/0310001A/inventory-settings",
                "{\"refreshHours\":12}");
        assertEquals(200, response.status());

        AuditEvent event = fixture.audit.events.get(0);
        assertEquals(Optional.of(ApiFixture.A), event.site());
        assertEquals("api.put /sites/{rne}/inventory-settings", event.action());
        assertEquals(List.of(), event.objects());
    }

    @Test
    void readingsRefusalsAndLoginsAreNotJournalled() {
        assertEquals(200, fixture.call("techA", "GET", "/devices").status());
        assertEquals(404, fixture.call("techA", "POST", "/groups",
                "{\"name\":\"x\",\"site\":\"0310002B\",\"type\":\"STATIC\"}").status());
        assertEquals(403, fixture.call("viewerA", "POST", "/groups",
                "{\"name\":\"x\",\"site\":\"0310001A\",\"type\":\"STATIC\"}").status());

        assertEquals(List.of(), fixture.audit.events);
    }
}
