package fr.chariot.persistence.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

/**
 * For other bundles' tests (shared as this module's test jar): applies a bundle's migrations to a real database
 * with the very runner the persistence bundle uses, so a test's schema is built exactly as in production.
 */
public final class MigratedTestDatabase {

    private MigratedTestDatabase() {
    }

    /**
     * Applies every {@code V<n>__*.sql} of the calling module's {@code src/main/resources/db/<schema>/}.
     *
     * @throws MigrationException when a script fails, as it would stop the bundle in production
     */
    public static void migrate(DataSource db, String schema) throws Exception {
        Path folder = Path.of("src/main/resources/db", schema);
        List<Migration> migrations = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                migrations.add(Migration.of(file.getFileName().toString(), Files.readString(file)));
            }
        }
        new MigrationRunner(db).migrate(schema, "tests", migrations);
    }
}
