package fr.chariot.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerbyBackupTest {

    @TempDir
    Path tmp;

    @Test
    void theBackupIsADatabaseWithTheSameData() throws Exception {
        Path backups = tmp.resolve("backups");
        Path copy;
        try (Derby live = new Derby(tmp.resolve("chariot"))) {
            try (Connection c = live.dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id INT)");
                st.execute("INSERT INTO t VALUES (1), (2), (3)");
            }
            Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:15:30Z"), ZoneOffset.UTC);
            Path taken = new DerbyBackup(live.dataSource, backups, clock).backup();
            assertEquals(backups.resolve("chariot-20261121-101530-000"), taken);
            copy = taken.resolve("chariot");
            assertTrue(Files.isDirectory(copy), "Derby writes the copy under the database's name");

            // the live database keeps working after the backup
            try (Connection c = live.dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO t VALUES (4)");
            }
            IOException twice = assertThrows(IOException.class,
                    () -> new DerbyBackup(live.dataSource, backups, clock).backup());
            assertTrue(twice.getMessage().contains("already exists"), twice.getMessage());
        }
        try (Derby restored = new Derby(copy)) {
            assertEquals(3, restored.count("SELECT COUNT(*) FROM t"), "the copy holds what was committed before it");
        }
    }
}
