/**
 * Group actions: one action (refresh the inventory, update iPadOS, restart) asked for a list of devices, and its
 * report, device by device.
 *
 * <p>{@link fr.chariot.actions.api.DeviceActions} is the service. Everything here is immutable and never returns
 * {@code null}.
 */
@Export
@Version("1.1.0")
package fr.chariot.actions.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
