package fr.chariot.protocol.internal;

import java.nio.file.Path;
import java.sql.SQLException;

import org.apache.derby.jdbc.EmbeddedDataSource;

import fr.chariot.persistence.internal.MigratedTestDatabase;

/** A real Derby database in a test folder, with this bundle's migrations applied as the persistence bundle would. */
final class TestDatabase {

    private TestDatabase() {
    }

    static EmbeddedDataSource create(Path folder) throws Exception {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(folder.resolve("db").toString());
        ds.setCreateDatabase("create");
        MigratedTestDatabase.migrate(ds, "mdm");
        return ds;
    }

    /** Reopens the same database, as after a restart. */
    static EmbeddedDataSource reopen(Path folder) throws SQLException {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(folder.resolve("db").toString());
        return ds;
    }
}
