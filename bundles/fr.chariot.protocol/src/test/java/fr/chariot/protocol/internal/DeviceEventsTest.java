package fr.chariot.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import fr.chariot.api.DeviceTopics;

class DeviceEventsTest {

    @Test
    void eventsCarryTheDeviceItsCollegeAndTheUser() throws Exception {
        List<Event> posted = new ArrayList<>();
        DeviceEvents events = new DeviceEvents();
        inject(events, new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                throw new AssertionError("events are posted, never sent synchronously");
            }
        });

        events.post(DeviceTopics.ENROLLED, "00008103-000A1B2C3D4E5F60", "0310001A", Optional.empty());
        events.post(DeviceTopics.USER_LOGGED_IN, "00008103-000A1B2C3D4E5F60", "0310001A",
                Optional.of("eleve.dupont@college.fr"));

        assertEquals(DeviceTopics.ENROLLED, posted.get(0).getTopic());
        assertEquals("00008103-000A1B2C3D4E5F60", posted.get(0).getProperty(DeviceTopics.UDID));
        assertEquals("0310001A", posted.get(0).getProperty(DeviceTopics.SITE));
        assertEquals("eleve.dupont@college.fr", posted.get(1).getProperty("user"));
    }

    @Test
    void withoutEventAdminNothingFails() {
        new DeviceEvents().post(DeviceTopics.CHECKED_OUT, "00008103-000A1B2C3D4E5F60", "0310001A", Optional.empty());
    }

    private static void inject(DeviceEvents events, EventAdmin admin) throws Exception {
        Field field = DeviceEvents.class.getDeclaredField("eventAdmin");
        field.setAccessible(true);
        field.set(events, admin);
    }
}
