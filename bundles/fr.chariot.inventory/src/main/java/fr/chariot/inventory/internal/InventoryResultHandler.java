package fr.chariot.inventory.internal;

import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.api.CommandResult;
import fr.chariot.api.CommandResultHandler;
import fr.chariot.api.DeviceDirectory;
import fr.chariot.inventory.api.InventoryTopics;

/**
 * Stores the answers to the inventory's commands, then posts {@link InventoryTopics#CHANGED}. After a
 * DeviceInformation it asks a Shared iPad for its users and applies the naming rule; after the Settings that
 * renamed a device it asks DeviceInformation again. Idempotent: {@link InventoryStore#apply} skips a result it has
 * already applied.
 */
@Component(service = CommandResultHandler.class,
        property = CommandResultHandler.ORIGIN + "=" + InventoryCollector.ORIGIN)
public class InventoryResultHandler implements CommandResultHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryResultHandler.class);

    private final InventoryStore store;
    private final InventoryCollector collector;
    private final DeviceDirectory devices;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Activate
    public InventoryResultHandler(@Reference InventoryStore store, @Reference InventoryCollector collector,
            @Reference DeviceDirectory devices) {
        this.store = store;
        this.collector = collector;
        this.devices = devices;
    }

    void setEventAdmin(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    @Override
    public void handle(CommandResult result) {
        if (result.userShortName().isPresent()) {
            // the inventory queues on device channels only
            return;
        }
        if (!store.knows(result.device())) {
            // enrolled before this bundle started, and the start-up reconciliation has not reached it yet
            devices.find(result.device()).ifPresent(store::recordDevice);
        }
        Optional<InventoryStore.Applied> applied = store.apply(result);
        if (applied.isEmpty()) {
            return;
        }
        if ("Settings".equals(result.requestType())) {
            collector.settingsAnswered(result);
        }
        if (!applied.get().changed()) {
            return;
        }
        LOG.debug("{} of {} applied to the inventory", result.requestType(), result.device());
        if ("DeviceInformation".equals(result.requestType())) {
            if (applied.get().sharedIpad()) {
                collector.queueUserList(result.device());
            }
            applyNamingRule(result);
        }
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(new Event(InventoryTopics.CHANGED, Map.of(InventoryTopics.UDID, result.device().udid(),
                    InventoryTopics.SITE, applied.get().site())));
        }
    }

    /** The inventory is stored whatever happens here: a naming failure is logged, never thrown at the protocol. */
    private void applyNamingRule(CommandResult result) {
        try {
            collector.applyNamingRule(result.device());
        } catch (RuntimeException e) {
            LOG.error("Applying the naming rule to {} failed", result.device(), e);
        }
    }
}
