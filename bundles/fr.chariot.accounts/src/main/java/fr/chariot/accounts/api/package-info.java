/**
 * Chariot's people: the users of the web console and of the REST API, their role and the colleges they may see.
 *
 * <p>{@link fr.chariot.accounts.api.Accounts} checks a password (with lockout after repeated failures) and issues
 * and resolves bearer tokens; a {@link fr.chariot.accounts.api.Principal} tells what its holder may see. Every
 * query a console page or an API resource answers is scoped with {@link fr.chariot.accounts.api.Principal#canSee}.
 */
@Export
@Version("1.1.0")
package fr.chariot.accounts.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
