package fr.chariot.persistence.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * For other bundles' tests (shared as this module's test jar): a real embedded Derby in a test folder with the
 * calling bundle's migrations applied ({@link MigratedTestDatabase}), shut down on close.
 */
public final class TestDerby implements AutoCloseable {

    public final EmbeddedDataSource dataSource;
    private final Path folder;

    public TestDerby(Path parent, String schema) throws Exception {
        this.folder = parent.resolve("derby");
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(folder.toString());
        dataSource.setCreateDatabase("create");
        MigratedTestDatabase.migrate(dataSource, schema);
    }

    @Override
    public void close() {
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(folder.toString());
        shutdown.setShutdownDatabase("shutdown");
        try (Connection ignored = shutdown.getConnection()) {
            throw new IllegalStateException("Derby did not shut the database down");
        } catch (SQLException expected) {
            // 08006: the database is shut down.
        }
    }
}
