package fr.chariot.inventory.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.derby.jdbc.EmbeddedDataSource;

/** A real Derby database in a test folder, with this bundle's migrations applied as the persistence bundle would. */
final class TestDatabase {

    private TestDatabase() {
    }

    static EmbeddedDataSource create(Path folder) throws Exception {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(folder.resolve("db").toString());
        ds.setCreateDatabase("create");
        try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/db/inv")).sorted();
                Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (Path script : scripts.toList()) {
                String sql = Files.readAllLines(script).stream().filter(l -> !l.strip().startsWith("--"))
                        .collect(Collectors.joining("\n"));
                for (String statement : sql.split(";")) {
                    if (!statement.isBlank()) {
                        st.execute(statement);
                    }
                }
            }
        }
        return ds;
    }
}
