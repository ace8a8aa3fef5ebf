package fr.chariot.accounts.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;

import javax.sql.DataSource;

import fr.chariot.accounts.api.Role;

/**
 * The {@code acct_*} tables, in plain JDBC. Times are written and read in UTC so that a change of the server's time
 * zone (or daylight saving) never moves a lock or an expiry.
 */
final class AccountStore {

    /** A row of {@code acct_users}. */
    record StoredUser(String username, String passwordHash, Role role, boolean mustChangePassword,
            int failedAttempts, Optional<Instant> lockedUntil) {

        boolean lockedAt(Instant now) {
            return lockedUntil.filter(now::isBefore).isPresent();
        }
    }

    /** A user to create. */
    record NewUser(String username, String passwordHash, Role role, boolean mustChangePassword, Set<String> sites) {
    }

    /** Work done inside the creating transaction: when it fails, the user is not created. */
    @FunctionalInterface
    interface BeforeCommit {
        void run() throws IOException;
    }

    private final DataSource dataSource;

    AccountStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    boolean hasUsers() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM acct_users FETCH FIRST 1 ROWS ONLY");
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            throw failure("count the users", e);
        }
    }

    /**
     * Creates the user and its college links, runs {@code beforeCommit}, then commits; if anything fails nothing
     * is kept.
     *
     * @throws IllegalStateException when the user exists or the database fails
     * @throws IOException           from {@code beforeCommit}
     */
    void create(NewUser user, Instant createdAt, BeforeCommit beforeCommit) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO acct_users (username, password_hash, "
                        + "role, must_change_password, failed_attempts, created_at) VALUES (?, ?, ?, ?, 0, ?)")) {
                    ps.setString(1, user.username());
                    ps.setString(2, user.passwordHash());
                    ps.setString(3, user.role().name());
                    ps.setBoolean(4, user.mustChangePassword());
                    setInstant(ps, 5, createdAt);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO acct_user_sites (username, rne) VALUES (?, ?)")) {
                    for (String rne : user.sites()) {
                        ps.setString(1, user.username());
                        ps.setString(2, rne);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                beforeCommit.run();
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("create the user " + user.username(), e);
        }
    }

    Optional<StoredUser> find(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT username, password_hash, role, "
                        + "must_change_password, failed_attempts, locked_until FROM acct_users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredUser(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        rs.getBoolean(4), rs.getInt(5), getInstant(rs, 6)));
            }
        } catch (SQLException e) {
            throw failure("read the user " + username, e);
        }
    }

    /** The RNEs linked to the user, sorted. */
    Set<String> sites(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT rne FROM acct_user_sites WHERE username = ?")) {
            ps.setString(1, username);
            Set<String> sites = new TreeSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sites.add(rs.getString(1).strip());
                }
            }
            return sites;
        } catch (SQLException e) {
            throw failure("read the colleges of " + username, e);
        }
    }

    /** A successful login: the failure count starts again and any expired lock is cleared. */
    void recordSuccess(String username) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE acct_users SET failed_attempts = 0, locked_until = NULL WHERE username = ?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("record a login of " + username, e);
        }
    }

    /**
     * A failed login. The increment and the check run in one transaction under the row's lock, so concurrent
     * guesses cannot slip past the limit; reaching it locks the account and starts the count again.
     *
     * @return whether this failure locked the account
     */
    boolean recordFailure(String username, int maxFailures, Instant lockUntil) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE acct_users SET failed_attempts = failed_attempts + 1 WHERE username = ?")) {
                    ps.setString(1, username);
                    ps.executeUpdate();
                }
                int failures;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT failed_attempts FROM acct_users WHERE username = ?")) {
                    ps.setString(1, username);
                    try (ResultSet rs = ps.executeQuery()) {
                        failures = rs.next() ? rs.getInt(1) : 0;
                    }
                }
                boolean lock = failures >= maxFailures;
                if (lock) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE acct_users SET failed_attempts = 0, locked_until = ? WHERE username = ?")) {
                        setInstant(ps, 1, lockUntil);
                        ps.setString(2, username);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return lock;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("record a failed login of " + username, e);
        }
    }

    void storeToken(String tokenHash, String username, Instant createdAt, Instant expiresAt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO acct_tokens (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, tokenHash);
            ps.setString(2, username);
            setInstant(ps, 3, createdAt);
            setInstant(ps, 4, expiresAt);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("store a token for " + username, e);
        }
    }

    /** The owner of a token that has not expired at {@code now}. */
    Optional<String> tokenOwner(String tokenHash, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT username FROM acct_tokens WHERE token_hash = ? AND expires_at > ?")) {
            ps.setString(1, tokenHash);
            setInstant(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("look a token up", e);
        }
    }

    /** @return how many expired tokens were removed */
    int deleteExpiredTokens(Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM acct_tokens WHERE expires_at <= ?")) {
            setInstant(ps, 1, now);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete expired tokens", e);
        }
    }

    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    private static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setTimestamp(index, Timestamp.from(instant), utc());
    }

    private static Optional<Instant> getInstant(ResultSet rs, int index) throws SQLException {
        return Optional.ofNullable(rs.getTimestamp(index, utc())).map(Timestamp::toInstant);
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Could not " + what + " in the accounts database: " + e.getMessage(), e);
    }
}
