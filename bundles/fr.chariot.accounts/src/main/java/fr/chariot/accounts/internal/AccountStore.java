package fr.chariot.accounts.internal;

import static fr.chariot.accounts.internal.Jdbc.failure;
import static fr.chariot.accounts.internal.Jdbc.getInstant;
import static fr.chariot.accounts.internal.Jdbc.setInstant;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import fr.chariot.accounts.api.Role;

/** The {@code acct_users}, {@code acct_user_sites} and {@code acct_tokens} tables, in plain JDBC. */
final class AccountStore {

    /** A row of {@code acct_users}. */
    record StoredUser(String username, String passwordHash, Role role, boolean mustChangePassword,
            LoginThrottle.State throttle, String language, Instant createdAt) {
    }

    /** A user to create. */
    record NewUser(String username, String passwordHash, Role role, boolean mustChangePassword, Set<String> sites) {
    }

    /** What a change that must keep a department admin gave. */
    enum Outcome { DONE, NO_SUCH_USER, LAST_ADMIN }

    /** Work done inside the creating transaction: when it fails, the user is not created. */
    @FunctionalInterface
    interface BeforeCommit {
        void run() throws IOException;
    }

    private static final String USER_COLUMNS = "username, password_hash, role, must_change_password, "
            + "failed_attempts, last_failure_at, locked_until, language, created_at";

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
                insertSites(c, user.username(), user.sites());
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
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + USER_COLUMNS + " FROM acct_users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read the user " + username, e);
        }
    }

    /** Every user, by name. */
    List<StoredUser> list() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + USER_COLUMNS + " FROM acct_users ORDER BY username");
                ResultSet rs = ps.executeQuery()) {
            List<StoredUser> users = new ArrayList<>();
            while (rs.next()) {
                users.add(user(rs));
            }
            return users;
        } catch (SQLException e) {
            throw failure("list the users", e);
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

    /** The RNEs of every user that has some, sorted. */
    Map<String, Set<String>> allSites() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT username, rne FROM acct_user_sites");
                ResultSet rs = ps.executeQuery()) {
            Map<String, Set<String>> sites = new HashMap<>();
            while (rs.next()) {
                sites.computeIfAbsent(rs.getString(1), name -> new TreeSet<>()).add(rs.getString(2).strip());
            }
            return sites;
        } catch (SQLException e) {
            throw failure("read the users' colleges", e);
        }
    }

    /** A successful login: the failure count starts again and any lock is lifted. */
    void recordSuccess(String username) {
        clearThrottle(username);
    }

    /** @return whether the user exists */
    boolean clearThrottle(String username) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE acct_users SET failed_attempts = 0, last_failure_at = NULL, locked_until = NULL "
                        + "WHERE username = ?")) {
            ps.setString(1, username);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("reset the failed logins of " + username, e);
        }
    }

    /**
     * A failed login at {@code now}. The row is locked before it is read, so concurrent guesses are counted one
     * after the other and cannot slip past the limit.
     *
     * @return the name's state after this failure; {@link LoginThrottle.State#CLEAN} when the user does not exist
     */
    LoginThrottle.State recordFailure(String username, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                LoginThrottle.State after = LoginThrottle.State.CLEAN;
                // A no-op update takes the row's write lock for the rest of the transaction.
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE acct_users SET failed_attempts = failed_attempts WHERE username = ?")) {
                    ps.setString(1, username);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT failed_attempts, last_failure_at, "
                        + "locked_until FROM acct_users WHERE username = ?")) {
                    ps.setString(1, username);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            after = throttle(rs, 1).afterFailure(now);
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE acct_users SET failed_attempts = ?, "
                        + "last_failure_at = ?, locked_until = ? WHERE username = ?")) {
                    ps.setInt(1, after.failures());
                    setInstant(ps, 2, after.lastFailure());
                    setInstant(ps, 3, after.lockedUntil());
                    ps.setString(4, username);
                    ps.executeUpdate();
                }
                c.commit();
                return after;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("record a failed login of " + username, e);
        }
    }

    /**
     * Replaces the user's role and colleges, unless that leaves no department admin. The change is made first and
     * the admins counted after it in the same transaction: two admins demoting each other at once wait for each
     * other's row, and the database lets only one of them through.
     */
    Outcome update(String username, Role role, Set<String> sites) {
        return changeKeepingAnAdmin(username, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE acct_users SET role = ? WHERE username = ?")) {
                ps.setString(1, role.name());
                ps.setString(2, username);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM acct_user_sites WHERE username = ?")) {
                ps.setString(1, username);
                ps.executeUpdate();
            }
            insertSites(c, username, sites);
        }, "update the user " + username);
    }

    /** Deletes the user, its colleges and its tokens (foreign keys cascade), unless it is the last admin. */
    Outcome delete(String username) {
        return changeKeepingAnAdmin(username, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM acct_users WHERE username = ?")) {
                ps.setString(1, username);
                ps.executeUpdate();
            }
        }, "delete the user " + username);
    }

    /**
     * A new password hash; whatever slowed or locked the account is cleared, as the person now knows the password.
     *
     * @return whether the user exists
     */
    /**
     * A new password also ends the account's API tokens, in the same transaction: a password is changed or reset
     * because the old one may be known, and a token obtained with it must not outlive it.
     */
    boolean setPassword(String username, String passwordHash, boolean mustChangePassword) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE acct_users SET password_hash = ?, must_change_password = ?, failed_attempts = 0, "
                            + "last_failure_at = NULL, locked_until = NULL WHERE username = ?");
                    PreparedStatement tokens = c.prepareStatement("DELETE FROM acct_tokens WHERE username = ?")) {
                ps.setString(1, passwordHash);
                ps.setBoolean(2, mustChangePassword);
                ps.setString(3, username);
                boolean found = ps.executeUpdate() > 0;
                tokens.setString(1, username);
                tokens.executeUpdate();
                c.commit();
                return found;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("change the password of " + username, e);
        }
    }

    /** @return whether the user exists */
    boolean setLanguage(String username, String language) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE acct_users SET language = ? WHERE username = ?")) {
            ps.setString(1, language);
            ps.setString(2, username);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("change the language of " + username, e);
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

    @FunctionalInterface
    private interface Change {
        void apply(Connection c) throws SQLException;
    }

    private Outcome changeKeepingAnAdmin(String username, Change change, String what) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Role> before = lockedRole(c, username);
                Outcome outcome;
                if (before.isEmpty()) {
                    outcome = Outcome.NO_SUCH_USER;
                } else {
                    change.apply(c);
                    outcome = before.get() == Role.DEPARTMENT_ADMIN && countAdmins(c) == 0 ? Outcome.LAST_ADMIN
                            : Outcome.DONE;
                }
                if (outcome == Outcome.DONE) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** The user's role, its row locked for writing until the transaction ends. */
    private static Optional<Role> lockedRole(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE acct_users SET role = role WHERE username = ?")) {
            ps.setString(1, username);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT role FROM acct_users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Role.valueOf(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static int countAdmins(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM acct_users WHERE role = 'DEPARTMENT_ADMIN'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void insertSites(Connection c, String username, Set<String> sites) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO acct_user_sites (username, rne) VALUES (?, ?)")) {
            for (String rne : sites) {
                ps.setString(1, username);
                ps.setString(2, rne);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static StoredUser user(ResultSet rs) throws SQLException {
        return new StoredUser(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getBoolean(4),
                throttle(rs, 5), rs.getString(8), getInstant(rs, 9).orElseThrow());
    }

    /** Reads failed_attempts, last_failure_at and locked_until from three columns in a row. */
    private static LoginThrottle.State throttle(ResultSet rs, int first) throws SQLException {
        return new LoginThrottle.State(rs.getInt(first), getInstant(rs, first + 1), getInstant(rs, first + 2));
    }
}
