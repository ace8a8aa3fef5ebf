package fr.chariot.persistence.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * A DataSource that hands out its target's connections and nothing else: the pool behind it is not reachable
 * through {@code unwrap}, so no service user can close or reconfigure it under everyone else.
 */
class ForwardingDataSource implements DataSource {

    private final DataSource target;

    ForwardingDataSource(DataSource target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool has one set of credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // The pool logs through SLF4J; a writer set here would be ignored, as JDBC allows.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // The pool's own connection timeout applies.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the pool logs through SLF4J");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
