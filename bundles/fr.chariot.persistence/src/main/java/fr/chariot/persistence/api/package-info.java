/**
 * Chariot's database contract for feature bundles.
 *
 * <p>A bundle that keeps data ships forward-only SQL migrations as {@code db/<schema>/V<n>__<what>.sql} and
 * references its {@link javax.sql.DataSource} with the target {@code (chariot.schema=<schema>)}: the persistence
 * bundle applies the migrations when the bundle starts, each once and in its own transaction, then registers that
 * DataSource on the bundle's behalf. If a migration fails or an applied one was edited, the DataSource is not
 * registered, so the bundle's components that need it stay inactive, and the log and {@link SchemaRegistry} say why.
 */
@Export
@Version("1.0.0")
package fr.chariot.persistence.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
