package fr.chariot.persistence.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.persistence.api.DatabaseBackup;
import fr.chariot.persistence.api.Schemas;

/**
 * Online backup with Derby's own {@code SYSCS_BACKUP_DATABASE}: a consistent copy taken while devices keep
 * talking to the server. The copy is a complete Derby database that can be opened in place of the original.
 */
@Component(configurationPid = PersistenceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class DerbyBackup implements DatabaseBackup {

    private static final Logger LOG = LoggerFactory.getLogger(DerbyBackup.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final DataSource pool;
    private final Path defaultParent;
    private final Clock clock;

    @Activate
    public DerbyBackup(@Reference(target = "(" + Schemas.DATASOURCE_PROPERTY + "=" + PooledDatabase.NAME + ")")
            DataSource pool, PersistenceConfig config, BundleContext context) {
        this(pool, new DataFolders(config, context).backups(), Clock.systemDefaultZone());
    }

    DerbyBackup(DataSource pool, Path defaultParent, Clock clock) {
        this.pool = pool;
        this.defaultParent = defaultParent;
        this.clock = clock;
    }

    @Override
    public Path backup() throws IOException {
        return backup(defaultParent);
    }

    @Override
    public synchronized Path backup(Path parent) throws IOException {
        Path target = parent.toAbsolutePath().normalize().resolve("chariot-" + LocalDateTime.now(clock).format(STAMP));
        if (Files.exists(target)) {
            throw new IOException(target + " already exists; a backup never overwrites another");
        }
        Files.createDirectories(target);
        long started = System.nanoTime();
        try (Connection c = pool.getConnection();
                CallableStatement call = c.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
            call.setString(1, target.toString());
            call.execute();
        } catch (SQLException e) {
            throw new IOException("the backup into " + target + " failed: " + e.getMessage(), e);
        }
        LOG.info("Database backed up to {} in {} ms", target, (System.nanoTime() - started) / 1_000_000);
        return target;
    }
}
