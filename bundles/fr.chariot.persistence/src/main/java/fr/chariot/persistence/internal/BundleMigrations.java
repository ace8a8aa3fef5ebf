package fr.chariot.persistence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;

import fr.chariot.persistence.api.Schemas;

/** Reads the migration scripts a bundle ships under {@code db/<schema>/}. */
final class BundleMigrations {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private BundleMigrations() {
    }

    /**
     * @return the scripts of each schema the bundle ships, by schema name; empty when it ships none
     * @throws MigrationException when a script is misplaced, misnamed or unreadable
     */
    static Map<String, List<Migration>> of(Bundle bundle) throws MigrationException {
        Enumeration<URL> entries = bundle.findEntries(Schemas.MIGRATIONS_ROOT, "*.sql", true);
        Map<String, List<Migration>> bySchema = new TreeMap<>();
        if (entries == null) {
            return bySchema;
        }
        for (URL entry : Collections.list(entries)) {
            String[] parts = entry.getPath().replaceFirst("^/", "").split("/");
            if (parts.length != 3) {
                throw new MigrationException(entry.getPath() + " is not in a schema folder: migrations go in "
                        + Schemas.MIGRATIONS_ROOT + "/<schema>/V<n>__<what>.sql");
            }
            String schema = parts[1];
            if (!SCHEMA_NAME.matcher(schema).matches()) {
                throw new MigrationException("'" + schema + "' is not a schema name: lower-case letters, digits and"
                        + " underscores, starting with a letter");
            }
            try {
                bySchema.computeIfAbsent(schema, s -> new ArrayList<>()).add(Migration.of(parts[2], read(entry)));
            } catch (IllegalArgumentException e) {
                throw new MigrationException("schema '" + schema + "': " + e.getMessage());
            }
        }
        return bySchema;
    }

    private static String read(URL entry) throws MigrationException {
        try (InputStream in = entry.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationException("cannot read " + entry.getPath() + ": " + e.getMessage(), e);
        }
    }
}
