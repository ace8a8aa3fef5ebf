package fr.chariot.groups.internal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.apache.derby.jdbc.EmbeddedDataSource;

import fr.chariot.persistence.internal.MigratedTestDatabase;

/** A real embedded Derby in a test's temporary folder, with this bundle's migration applied. */
final class TestDatabase implements AutoCloseable {

    final EmbeddedDataSource dataSource;
    private final Path folder;

    TestDatabase(Path folder) throws Exception {
        this.folder = folder.resolve("derby");
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(this.folder.toString());
        dataSource.setCreateDatabase("create");
        MigratedTestDatabase.migrate(dataSource, "grp");
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
