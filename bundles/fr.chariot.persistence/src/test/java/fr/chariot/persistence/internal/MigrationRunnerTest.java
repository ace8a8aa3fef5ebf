package fr.chariot.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.persistence.api.AppliedMigration;

class MigrationRunnerTest {

    private static final Migration V1 = Migration.of("V1__create_notes.sql",
            "CREATE TABLE notes (id INT PRIMARY KEY, text VARCHAR(100));\nINSERT INTO notes VALUES (1, 'first');");
    private static final Migration V2 = Migration.of("V2__add_author.sql",
            "ALTER TABLE notes ADD COLUMN author VARCHAR(50) DEFAULT 'v1'");

    @TempDir
    Path tmp;
    private Derby derby;
    private MigrationRunner runner;

    @BeforeEach
    void open() {
        derby = new Derby(tmp.resolve("db"));
        runner = new MigrationRunner(derby.dataSource);
    }

    @AfterEach
    void close() {
        derby.close();
    }

    @Test
    void appliesEachMigrationOnceAndRecordsIt() throws Exception {
        assertEquals(1, runner.migrate("notes", "b 1.0.0", List.of(V1)));
        assertEquals(1, runner.migrate("notes", "b 1.0.0", List.of(V1)));
        assertEquals(1, derby.count("SELECT COUNT(*) FROM notes"), "V1's insert ran once");

        assertEquals(2, runner.migrate("notes", "b 2.0.0", List.of(V2, V1)));
        List<AppliedMigration> history = runner.history("notes");
        assertEquals(List.of(1, 2), history.stream().map(AppliedMigration::version).toList());
        assertEquals("b 1.0.0", history.get(0).appliedBy());
        assertEquals("add author", history.get(1).description());
        assertEquals(V2.checksum(), history.get(1).checksum());
        assertEquals(1, derby.count("SELECT COUNT(*) FROM notes WHERE author = 'v1'"));
    }

    @Test
    void aFailingMigrationIsRolledBackWhole() throws Exception {
        runner.migrate("notes", "b", List.of(V1));
        Migration broken = Migration.of("V2__half_done.sql",
                "CREATE TABLE extra (id INT);\nINSERT INTO notes VALUES (2, 'second');\nINSERT INTO no_such_table VALUES (1)");

        MigrationException e = assertThrows(MigrationException.class,
                () -> runner.migrate("notes", "b", List.of(V1, broken)));

        assertTrue(e.getMessage().contains("V2__half_done.sql"), e.getMessage());
        assertTrue(e.getMessage().contains("statement 3 of 3"), e.getMessage());
        assertFalse(derby.tableExists("extra"), "the table created before the failure is rolled back");
        assertEquals(1, derby.count("SELECT COUNT(*) FROM notes"), "the insert before the failure is rolled back");
        assertEquals(List.of(1), runner.history("notes").stream().map(AppliedMigration::version).toList());
    }

    @Test
    void anEditedAppliedMigrationIsRefusedAndNothingRuns() throws Exception {
        runner.migrate("notes", "b", List.of(V1));
        Migration edited = Migration.of("V1__create_notes.sql", V1.sql() + "\nINSERT INTO notes VALUES (9, 'x');");

        MigrationException e = assertThrows(MigrationException.class,
                () -> runner.migrate("notes", "b", List.of(edited, V2)));

        assertTrue(e.getMessage().contains("edited after it was applied"), e.getMessage());
        assertEquals(List.of(1), runner.history("notes").stream().map(AppliedMigration::version).toList(),
                "V2 is not applied behind an edited V1");
    }

    @Test
    void aMigrationOlderThanTheAppliedOnesIsRefused() throws Exception {
        runner.migrate("notes", "b", List.of(V1, Migration.of("V3__later.sql", "CREATE TABLE later (id INT)")));

        MigrationException e = assertThrows(MigrationException.class, () -> runner.migrate("notes", "b",
                List.of(V1, V2, Migration.of("V3__later.sql", "CREATE TABLE later (id INT)"))));

        assertTrue(e.getMessage().contains("older than the applied V3"), e.getMessage());
        assertFalse(derby.count("SELECT COUNT(*) FROM chariot_schema_history WHERE version = 2") > 0);
    }

    @Test
    void twoVersionsWithTheSameNumberAreRefused() {
        Migration twin = Migration.of("V1__other.sql", "CREATE TABLE other (id INT)");
        MigrationException e = assertThrows(MigrationException.class,
                () -> runner.migrate("notes", "b", List.of(V1, twin)));
        assertTrue(e.getMessage().contains("two migrations numbered V1"), e.getMessage());
    }

    @Test
    void schemasAreIndependent() throws Exception {
        runner.migrate("notes", "b", List.of(V1));
        runner.migrate("other", "c", List.of(Migration.of("V1__create.sql", "CREATE TABLE other_t (id INT)")));
        assertEquals(1, runner.history("notes").size());
        assertEquals(1, runner.history("other").size());
        assertTrue(runner.history("unknown").isEmpty());
    }

    @Test
    void appliedMigrationsSurviveADatabaseRestart() throws Exception {
        runner.migrate("notes", "b", List.of(V1));
        derby.close();
        derby = new Derby(tmp.resolve("db"));
        runner = new MigrationRunner(derby.dataSource);

        assertEquals(1, runner.migrate("notes", "b", List.of(V1)));
        assertEquals(1, derby.count("SELECT COUNT(*) FROM notes"));
    }
}
