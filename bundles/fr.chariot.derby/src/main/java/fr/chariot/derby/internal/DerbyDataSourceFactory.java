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
        return configure(new EmbeddedDataSource(), props);
    }

    @Override
    public ConnectionPoolDataSource createConnectionPoolDataSource(Properties props) throws SQLException {
        return configure(new EmbeddedConnectionPoolDataSource(), props);
    }

    @Override
    public XADataSource createXADataSource(Properties props) throws SQLException {
        return configure(new EmbeddedXADataSource(), props);
    }

    @Override
    public Driver createDriver(Properties props) {
        return new EmbeddedDriver();
    }

    /** The pooled and XA data sources extend {@link EmbeddedDataSource}, so one setter list serves all three. */
    private static <T extends EmbeddedDataSource> T configure(T ds, Properties props) throws SQLException {
        Properties remaining = props == null ? new Properties() : (Properties) props.clone();
        apply(remaining, JDBC_DATABASE_NAME, ds::setDatabaseName);
        apply(remaining, JDBC_USER, ds::setUser);
        apply(remaining, JDBC_PASSWORD, ds::setPassword);
        apply(remaining, CREATE_DATABASE, ds::setCreateDatabase);
        apply(remaining, SHUTDOWN_DATABASE, ds::setShutdownDatabase);
        if (!remaining.isEmpty()) {
            // Refused rather than ignored: a misspelt property would otherwise silently open the wrong database.
            throw new SQLException("Unsupported Derby data source properties: " + remaining.keySet());
        }
        return ds;
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
