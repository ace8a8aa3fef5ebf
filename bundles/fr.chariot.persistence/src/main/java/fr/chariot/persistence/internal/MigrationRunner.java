package fr.chariot.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.persistence.api.AppliedMigration;

/**
 * Applies a schema's forward-only migrations, each exactly once and in its own transaction, and records them with
 * their checksum in {@code chariot_schema_history}.
 *
 * <p>Derby (like PostgreSQL) runs DDL inside transactions, so a migration that fails half-way is rolled back whole
 * and the database stays as it was before it.
 */
final class MigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);
    static final String HISTORY_TABLE = "chariot_schema_history";

    private final DataSource dataSource;

    MigrationRunner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Brings a schema up to date.
     *
     * @param schema     the schema's name
     * @param owner      the bundle that ships the scripts, recorded with each applied migration
     * @param migrations every script the bundle ships for the schema, in any order
     * @return the highest version applied once done
     * @throws MigrationException when the scripts contradict what was applied, or a script fails (then rolled back)
     */
    synchronized int migrate(String schema, String owner, List<Migration> migrations) throws MigrationException {
        List<Migration> ordered = new ArrayList<>(migrations);
        ordered.sort(Comparator.comparingInt(Migration::version));
        checkUniqueVersions(schema, ordered);
        try {
            createHistoryTableIfMissing();
            Map<Integer, AppliedMigration> applied = new HashMap<>();
            for (AppliedMigration m : history(schema)) {
                applied.put(m.version(), m);
            }
            int highestApplied = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            Set<Integer> shipped = new HashSet<>();
            for (Migration m : ordered) {
                shipped.add(m.version());
                AppliedMigration done = applied.get(m.version());
                if (done != null && !done.checksum().equals(m.checksum())) {
                    throw new MigrationException("migration " + m.fileName() + " of schema '" + schema
                            + "' was edited after it was applied on " + done.appliedAt() + " by " + done.appliedBy()
                            + ". An applied migration must never change: restore it and add a new V<n> migration.");
                }
                if (done == null && m.version() < highestApplied) {
                    throw new MigrationException("migration " + m.fileName() + " of schema '" + schema
                            + "' is older than the applied V" + highestApplied
                            + " but was never applied. Give it a version above " + highestApplied + ".");
                }
            }
            for (Integer version : applied.keySet()) {
                if (!shipped.contains(version)) {
                    // An older bundle put back over a newer one: its data is ahead of its code. Refusing would stop a
                    // rollback the operator chose; saying so is the honest middle.
                    LOG.warn("Schema '{}': V{} is applied but {} does not ship it (an older version of the bundle?)",
                            schema, version, owner);
                }
            }
            int highest = highestApplied;
            for (Migration m : ordered) {
                if (!applied.containsKey(m.version())) {
                    apply(schema, owner, m);
                    highest = Math.max(highest, m.version());
                }
            }
            return highest;
        } catch (SQLException e) {
            throw new MigrationException("the migrations of schema '" + schema + "' could not be read or recorded: "
                    + describe(e), e);
        }
    }

    /** The migrations recorded for a schema, oldest first. */
    List<AppliedMigration> history(String schema) throws SQLException {
        List<AppliedMigration> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            if (!historyTableExists(c)) {
                return result;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT version, description, checksum, applied_at, "
                    + "applied_by FROM " + HISTORY_TABLE + " WHERE schema_name = ? ORDER BY version")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new AppliedMigration(schema, rs.getInt(1), rs.getString(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant(), rs.getString(5)));
                    }
                }
            }
        }
        return result;
    }

    private void apply(String schema, String owner, Migration m) throws MigrationException, SQLException {
        List<String> statements;
        try {
            statements = SqlScript.statements(m.sql());
        } catch (IllegalArgumentException e) {
            throw new MigrationException("migration " + m.fileName() + " of schema '" + schema + "' cannot be read: "
                    + e.getMessage());
        }
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int index = 0;
            try (Statement st = c.createStatement()) {
                for (String sql : statements) {
                    index++;
                    st.execute(sql);
                }
                index = 0;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + HISTORY_TABLE
                        + " (schema_name, version, description, checksum, applied_at, applied_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, schema);
                    ps.setInt(2, m.version());
                    ps.setString(3, truncate(m.description(), 200));
                    ps.setString(4, m.checksum());
                    ps.setTimestamp(5, Timestamp.from(Instant.now()));
                    ps.setString(6, truncate(owner, 200));
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                String where = index > 0 ? " at statement " + index + " of " + statements.size() : "";
                throw new MigrationException("migration " + m.fileName() + " of schema '" + schema + "' failed"
                        + where + ": " + describe(e) + ". It was rolled back: the database is as it was before it.",
                        e);
            } finally {
                c.setAutoCommit(true);
            }
        }
        LOG.info("Schema '{}': applied {} ({} statements, {} ms)", schema, m.fileName(), statements.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void createHistoryTableIfMissing() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (historyTableExists(c)) {
                return;
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + HISTORY_TABLE + " ("
                        + "schema_name VARCHAR(128) NOT NULL, "
                        + "version INTEGER NOT NULL, "
                        + "description VARCHAR(200) NOT NULL, "
                        + "checksum CHAR(64) NOT NULL, "
                        + "applied_at TIMESTAMP NOT NULL, "
                        + "applied_by VARCHAR(200) NOT NULL, "
                        + "PRIMARY KEY (schema_name, version))");
            }
        }
    }

    private static boolean historyTableExists(Connection c) throws SQLException {
        String name = HISTORY_TABLE;
        if (c.getMetaData().storesUpperCaseIdentifiers()) {
            name = name.toUpperCase(java.util.Locale.ROOT);
        }
        try (ResultSet rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    private static void checkUniqueVersions(String schema, List<Migration> ordered) throws MigrationException {
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i).version() == ordered.get(i - 1).version()) {
                throw new MigrationException("schema '" + schema + "' has two migrations numbered V"
                        + ordered.get(i).version() + ": " + ordered.get(i - 1).fileName() + " and "
                        + ordered.get(i).fileName());
            }
        }
    }

    private static void rollbackQuietly(Connection c, SQLException cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static String describe(SQLException e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        if (e.getSQLState() != null) {
            text.append(" (SQL state ").append(e.getSQLState()).append(')');
        }
        return text.toString();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
