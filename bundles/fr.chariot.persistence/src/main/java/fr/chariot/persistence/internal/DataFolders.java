package fr.chariot.persistence.internal;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.osgi.framework.BundleContext;

/** Resolves the configured folders the same way for every component of this bundle. */
final class DataFolders {

    static final String DATABASE_NAME = "chariot";

    private final Path data;
    private final Path backups;

    DataFolders(PersistenceConfig config, BundleContext context) {
        String home = context.getProperty("chariot.home");
        Path base = Paths.get(home == null || home.isBlank() ? System.getProperty("user.dir") : home);
        this.data = base.resolve(config.dataFolder()).toAbsolutePath().normalize();
        this.backups = config.backupFolder().isBlank() ? data.resolve("backups")
                : base.resolve(config.backupFolder()).toAbsolutePath().normalize();
    }

    /** The folder Derby's database lives in (Derby creates it on first start). */
    Path database() {
        return data.resolve("derby").resolve(DATABASE_NAME);
    }

    Path backups() {
        return backups;
    }
}
