package fr.chariot.persistence.internal;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import fr.chariot.persistence.api.Schemas;

/**
 * The server's one connection pool over the embedded Derby database, offered as a {@link DataSource} service.
 *
 * <p>Derby is reached through its {@code DataSourceFactory} (stack.md, P5). Deactivation closes the pool and shuts
 * the database down, so a stop or a bundle update leaves nothing to recover.
 */
@Component(service = DataSource.class, configurationPid = PersistenceConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Schemas.DATASOURCE_PROPERTY + "=" + PooledDatabase.NAME)
@Designate(ocd = PersistenceConfig.class)
public class PooledDatabase extends ForwardingDataSource {

    static final String NAME = "chariot";
    private static final Logger LOG = LoggerFactory.getLogger(PooledDatabase.class);
    private static final String DERBY_FILTER = "(" + DataSourceFactory.OSGI_JDBC_DRIVER_CLASS
            + "=org.apache.derby.jdbc.EmbeddedDriver)";

    private final DataSourceFactory derby;
    private final DataFolders folders;
    private final HikariDataSource pool;

    @Activate
    public PooledDatabase(@Reference(target = DERBY_FILTER) DataSourceFactory derby, PersistenceConfig config,
            BundleContext context) throws Exception {
        this(derby, new DataFolders(config, context), config.poolSize());
    }

    private PooledDatabase(DataSourceFactory derby, DataFolders folders, int poolSize) throws Exception {
        this(derby, folders, open(derby, folders, poolSize));
        LOG.info("Database open at {} (pool of {} connections)", folders.database(), poolSize);
    }

    private PooledDatabase(DataSourceFactory derby, DataFolders folders, HikariDataSource pool) {
        super(pool);
        this.derby = derby;
        this.folders = folders;
        this.pool = pool;
    }

    private static HikariDataSource open(DataSourceFactory derby, DataFolders folders, int poolSize)
            throws Exception {
        Files.createDirectories(folders.database().getParent());
        Properties props = new Properties();
        props.setProperty(DataSourceFactory.JDBC_DATABASE_NAME, folders.database().toString());
        props.setProperty("createDatabase", "create");
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("chariot");
        hikari.setDataSource(derby.createDataSource(props));
        hikari.setMaximumPoolSize(poolSize);
        hikari.setMinimumIdle(Math.min(2, poolSize));
        hikari.setConnectionTimeout(10_000);
        // Fail activation at once (with Derby's reason in the log) when the database cannot be opened, e.g. when
        // another Chariot already holds it, rather than serving a pool that never gives a connection.
        hikari.setInitializationFailTimeout(1);
        return new HikariDataSource(hikari);
    }

    @Deactivate
    void close() {
        pool.close();
        Properties props = new Properties();
        props.setProperty(DataSourceFactory.JDBC_DATABASE_NAME, folders.database().toString());
        props.setProperty("shutdownDatabase", "shutdown");
        try (Connection ignored = derby.createDataSource(props).getConnection()) {
            LOG.warn("Derby did not confirm the shutdown of {}", folders.database());
        } catch (SQLException e) {
            // Derby reports a clean database shutdown as SQL state 08006.
            if ("08006".equals(e.getSQLState())) {
                LOG.info("Database at {} closed cleanly", folders.database());
            } else {
                LOG.warn("Database at {} did not close cleanly: {}", folders.database(), e.getMessage());
            }
        }
    }
}
