/**
 * Property lists exchanged with devices: {@link fr.chariot.plist.api.Plist} parses untrusted bodies safely
 * (size limit, no DTD declarations, no external entities, nothing ever fetched) and writes XML plists.
 *
 * <p>Values are plain Java: dict = {@code Map<String, Object>} (insertion order kept), array = {@code List<Object>},
 * string = {@code String}, integer = {@code Long}, real = {@code Double}, true/false = {@code Boolean},
 * data = {@code byte[]}, date = {@code java.time.Instant}.
 */
@Export
@Version("1.0.0")
package fr.chariot.plist.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
