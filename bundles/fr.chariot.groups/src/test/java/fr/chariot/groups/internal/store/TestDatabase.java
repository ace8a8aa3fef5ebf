package fr.chariot.groups.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.derby.jdbc.EmbeddedDataSource;

/** A real embedded Derby in a test's temporary folder, with this bundle's migration applied. */
final class TestDatabase implements AutoCloseable {

    private static final String MIGRATION = "/db/grp/V1__create_groups.sql";

    final EmbeddedDataSource dataSource;
    private final Path folder;

    TestDatabase(Path folder) throws IOException, SQLException {
        this.folder = folder.resolve("derby");
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(this.folder.toString());
        dataSource.setCreateDatabase("create");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String statement : statements(MIGRATION)) {
                st.execute(statement);
            }
        }
    }

    /** The script has no semicolon inside a literal, so splitting at each one is enough here. */
    private static String[] statements(String resource) throws IOException {
        try (InputStream in = TestDatabase.class.getResourceAsStream(resource)) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            return Arrays.stream(script.split(";")).map(String::strip).filter(s -> !s.isEmpty())
                    .toArray(String[]::new);
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
