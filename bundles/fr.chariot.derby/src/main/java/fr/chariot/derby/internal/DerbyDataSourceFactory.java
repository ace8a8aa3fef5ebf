package fr.chariot.derby.internal;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import javax.sql.XADataSource;

import org.apache.derby.jdbc.EmbeddedConnectionPoolDataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.apache.derby.jdbc.EmbeddedDriver;
import org.apache.derby.jdbc.EmbeddedXADataSource;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * Embedded Derby through the OSGi JDBC service: the only way other bundles can reach Derby, because
 * {@code DriverManager} does not see drivers across bundle class loaders (stack.md, P5).
 *
 * <p>Besides the standard properties ({@code databaseName}, {@code user}, {@code password}), it takes Derby's own
 * {@code createDatabase=create} and {@code shutdownDatabase=shutdown}, which a pool needs to open and close a database.
 */
@Component(property = {
    DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "=org.apache.derby.jdbc.EmbeddedDriver",
    DataSourceFactory.OSGI_JDBC_DRIVER_NAME + "=Apache Derby Embedded",
    DataSourceFactory.OSGI_JDBC_DRIVER_VERSION + "=10.16.1.1"
})
public class DerbyDataSourceFactory implements DataSourceFactory {

    static final String CREATE_DATABASE = "createDatabase";
    static final String SHUTDOWN_DATABASE = "shutdownDatabase";

    @Override
    public DataSource createDataSource(Properties props) throws SQLException {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        configure(props, ds::setDatabaseName, ds::setUser, ds::setPassword, ds::setCreateDatabase, ds::setShutdownDatabase);
        return ds;
    }

    @Override
    public ConnectionPoolDataSource createConnectionPoolDataSource(Properties props) throws SQLException {
        EmbeddedConnectionPoolDataSource ds = new EmbeddedConnectionPoolDataSource();
        configure(props, ds::setDatabaseName, ds::setUser, ds::setPassword, ds::setCreateDatabase, ds::setShutdownDatabase);
        return ds;
    }

    @Override
    public XADataSource createXADataSource(Properties props) throws SQLException {
        EmbeddedXADataSource ds = new EmbeddedXADataSource();
        configure(props, ds::setDatabaseName, ds::setUser, ds::setPassword, ds::setCreateDatabase, ds::setShutdownDatabase);
        return ds;
    }

    @Override
    public Driver createDriver(Properties props) {
        return new EmbeddedDriver();
    }

    private static void configure(Properties props, Setter databaseName, Setter user, Setter password, Setter create,
            Setter shutdown) throws SQLException {
        Properties remaining = props == null ? new Properties() : (Properties) props.clone();
        apply(remaining, JDBC_DATABASE_NAME, databaseName);
        apply(remaining, JDBC_USER, user);
        apply(remaining, JDBC_PASSWORD, password);
        apply(remaining, CREATE_DATABASE, create);
        apply(remaining, SHUTDOWN_DATABASE, shutdown);
        if (!remaining.isEmpty()) {
            // Refused rather than ignored: a misspelt property would otherwise silently open the wrong database.
            throw new SQLException("Unsupported Derby data source properties: " + remaining.keySet());
        }
    }

    private static void apply(Properties props, String key, Setter setter) {
        Object value = props.remove(key);
        if (value != null) {
            setter.set(value.toString());
        }
    }

    @FunctionalInterface
    private interface Setter {
        void set(String value);
    }
}
