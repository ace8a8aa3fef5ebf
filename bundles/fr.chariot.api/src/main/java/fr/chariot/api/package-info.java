/**
 * The shared contract of Chariot: the types every feature bundle and the MDM protocol bundle agree on.
 *
 * <p>It holds value types ({@link fr.chariot.api.Site}, {@link fr.chariot.api.DeviceId}), the server's public
 * settings ({@link fr.chariot.api.ServerSettings}) and the EventAdmin topics posted about devices
 * ({@link fr.chariot.api.DeviceTopics}), and the contracts of the protocol bundle: the command
 * queue ({@link fr.chariot.api.CommandQueue}, {@link fr.chariot.api.CommandResultHandler}), colleges, devices and
 * command history. Everything here is immutable and never returns {@code null}.
 */
@Export
@Version("1.2.0")
package fr.chariot.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
