/**
 * The inventory of Chariot's devices: what each device last reported, how fresh it is, and the general inventory
 * (search, filters, sort on any {@link fr.chariot.inventory.api.InventoryField}, pages, export).
 *
 * <p>{@link fr.chariot.inventory.api.Inventory} is the service; {@link fr.chariot.inventory.api.InventoryTopics}
 * names the event posted when a device's inventory changes; {@link fr.chariot.inventory.api.DeviceNaming} is the
 * naming rule of the colleges' carts. Everything here is immutable and never returns {@code null}.
 */
@Export
@Version("1.2.0")
package fr.chariot.inventory.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
