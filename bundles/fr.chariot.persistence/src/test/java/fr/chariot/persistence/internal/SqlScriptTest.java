package fr.chariot.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsAtSemicolonsAndDropsComments() {
        String script = """
                -- devices; one row each
                CREATE TABLE a (id INT);
                /* a; block
                   comment */
                INSERT INTO a VALUES (1);

                """;
        assertEquals(List.of("CREATE TABLE a (id INT)", "INSERT INTO a VALUES (1)"), SqlScript.statements(script));
    }

    @Test
    void keepsSemicolonsAndDoubledQuotesInsideQuotes() {
        String script = "INSERT INTO a VALUES ('x;y', 'it''s; fine'); CREATE TABLE \"odd;name\" (id INT)";
        assertEquals(List.of("INSERT INTO a VALUES ('x;y', 'it''s; fine')", "CREATE TABLE \"odd;name\" (id INT)"),
                SqlScript.statements(script));
    }

    @Test
    void refusesAnUnclosedQuoteOrComment() {
        assertThrows(IllegalArgumentException.class, () -> SqlScript.statements("INSERT INTO a VALUES ('x);"));
        assertThrows(IllegalArgumentException.class, () -> SqlScript.statements("CREATE TABLE a (id INT) /* oops"));
    }

    @Test
    void migrationNamesGiveVersionAndDescription() {
        Migration m = Migration.of("V12__create_devices.sql", "SELECT 1");
        assertEquals(12, m.version());
        assertEquals("create devices", m.description());
        assertThrows(IllegalArgumentException.class, () -> Migration.of("V1_create.sql", ""));
        assertThrows(IllegalArgumentException.class, () -> Migration.of("v1__create.sql", ""));
        assertThrows(IllegalArgumentException.class, () -> Migration.of("V0__create.sql", ""));
    }

    @Test
    void checksumIgnoresLineEndingsOnly() {
        assertEquals(Migration.checksum("A;\nB;\n"), Migration.checksum("A;\r\nB;\r\n"));
        org.junit.jupiter.api.Assertions.assertNotEquals(Migration.checksum("A;"), Migration.checksum("B;"));
    }
}
