/**
 * How a feature bundle puts its screens into Chariot's web console.
 *
 * <p>The console (bundle {@code fr.chariot.webconsole}) is a shell: login, sessions, CSRF, layout, menus and
 * languages. Everything a technician works with comes from feature bundles that register services of this package:
 * <ul>
 *   <li>{@link fr.chariot.webconsole.api.ConsolePage}: a screen under {@code /console/<path>}, with an optional
 *       {@link fr.chariot.webconsole.api.MenuEntry};</li>
 *   <li>{@link fr.chariot.webconsole.api.DashboardCard}: counts shown on the « Tableau de bord »;</li>
 *   <li>{@link fr.chariot.webconsole.api.DevicePanel}: a section of a device's page, in one of its tabs;</li>
 *   <li>{@link fr.chariot.webconsole.api.DeviceSelection}: a named set of devices (a group, …) the inventory
 *       screen can be opened on; {@link fr.chariot.webconsole.api.DeviceSelections} resolves an
 *       {@code in=<kind>:<id>} parameter through them.</li>
 * </ul>
 * Install a feature and its screens appear; stop or remove it and they go, without a restart.
 *
 * <p>Pages answer with a {@link fr.chariot.webconsole.api.PageResult}: a {@link fr.chariot.webconsole.api.View}
 * (a Pebble template of the page's bundle, rendered with HTML escaping on), a redirect, a download or a 404. Cards
 * and panels hand over data only ({@link fr.chariot.webconsole.api.Section}), which the shell lays out. Texts for
 * people come from the contributor's own message files ({@link fr.chariot.webconsole.api.Texts}), in French by
 * default, English when the user chose it.
 */
@Export
@Version("1.1.0")
package fr.chariot.webconsole.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
