package fr.chariot.pki.internal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import org.apache.derby.jdbc.EmbeddedDataSource;

/** A real embedded Derby in a test's folder, with the bundle's own migrations applied as the persistence bundle would. */
public final class Derby implements AutoCloseable {

    public final EmbeddedDataSource dataSource;
    private final Path folder;

    public Derby(Path folder) throws SQLException, IOException, URISyntaxException {
        this.folder = folder.resolve("db");
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(this.folder.toString());
        dataSource.setCreateDatabase("create");
        Path migrations = Path.of(Derby.class.getResource("/db/pki").toURI());
        List<Path> scripts;
        try (Stream<Path> files = Files.list(migrations)) {
            scripts = files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).sorted().toList();
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (Path script : scripts) {
                for (String sql : Files.readString(script, StandardCharsets.UTF_8).split(";")) {
                    String statement = sql.lines().filter(line -> !line.strip().startsWith("--"))
                            .reduce("", (a, b) -> a + "\n" + b).strip();
                    if (!statement.isEmpty()) {
                        st.execute(statement);
                    }
                }
            }
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
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
