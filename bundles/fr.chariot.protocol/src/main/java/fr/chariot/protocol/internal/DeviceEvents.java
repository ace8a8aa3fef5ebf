package fr.chariot.protocol.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import fr.chariot.api.DeviceTopics;

/**
 * Posts device events after their change is committed. Posting is asynchronous: a slow subscriber never delays
 * the device. Without an EventAdmin the protocol still works; nobody is told.
 */
@Component(service = DeviceEvents.class)
public class DeviceEvents {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    void post(String topic, String udid, String rne, Optional<String> userShortName) {
        EventAdmin admin = eventAdmin;
        if (admin == null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(DeviceTopics.UDID, udid);
        properties.put(DeviceTopics.SITE, rne);
        userShortName.ifPresent(user -> properties.put("user", user));
        admin.postEvent(new Event(topic, properties));
    }
}
