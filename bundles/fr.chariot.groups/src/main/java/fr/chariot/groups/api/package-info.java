/**
 * Device groups of a college: static groups (members chosen by hand) and smart groups (members computed from
 * criteria on the inventory).
 *
 * <p>{@link fr.chariot.groups.api.Group} and {@link fr.chariot.groups.api.Criterion} describe a group;
 * {@link fr.chariot.groups.api.InventoryFields} is the catalogue of the inventory fields a criterion may test, and
 * {@link fr.chariot.groups.api.InventoryView} is what the inventory hands over for one device.
 * {@link fr.chariot.groups.api.MembershipChange} says which devices entered or left a group.
 * Everything here is immutable and never returns {@code null}.
 */
@Export
@Version("1.1.0")
package fr.chariot.groups.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
