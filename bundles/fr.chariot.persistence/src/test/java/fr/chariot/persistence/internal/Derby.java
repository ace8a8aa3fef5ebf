package fr.chariot.persistence.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.apache.derby.jdbc.EmbeddedDataSource;

/** A real embedded Derby database in a test's temporary folder. */
final class Derby implements AutoCloseable {

    final Path folder;
    final EmbeddedDataSource dataSource;

    Derby(Path folder) {
        this.folder = folder;
        this.dataSource = open(folder, true);
    }

    static EmbeddedDataSource open(Path folder, boolean create) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(folder.toString());
        if (create) {
            ds.setCreateDatabase("create");
        }
        return ds;
    }

    boolean tableExists(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, null, name.toUpperCase(), null)) {
            return rs.next();
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        EmbeddedDataSource ds = open(folder, false);
        ds.setShutdownDatabase("shutdown");
        try (Connection ignored = ds.getConnection()) {
            throw new IllegalStateException("Derby did not shut the database down");
        } catch (SQLException expected) {
            // 08006: the database is shut down.
        }
    }
}
