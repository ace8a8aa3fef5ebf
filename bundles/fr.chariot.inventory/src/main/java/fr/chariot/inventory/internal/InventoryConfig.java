package fr.chariot.inventory.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code fr.chariot.inventory}; every key has a default. */
@ObjectClassDefinition(id = InventoryConfig.PID, name = "Chariot inventory")
@interface InventoryConfig {

    String PID = "fr.chariot.inventory";

    @AttributeDefinition(description = "Hours after which a device's inventory is asked again (DeviceInformation)")
    int refreshHours() default 24;

    @AttributeDefinition(description = "Days without a successful inventory after which a device is shown as stale")
    int staleDays() default 7;
}
