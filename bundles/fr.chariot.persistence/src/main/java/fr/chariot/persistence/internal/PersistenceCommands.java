package fr.chariot.persistence.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.persistence.api.DatabaseBackup;
import fr.chariot.persistence.api.SchemaRegistry;
import fr.chariot.persistence.api.SchemaStatus;

/**
 * Gogo shell commands for the operator: {@code chariot:backup [folder]} and {@code chariot:schemas}.
 * Gogo finds them through the {@code osgi.command.*} service properties; no Gogo API is needed.
 */
@Component(service = PersistenceCommands.class, property = {
    "osgi.command.scope=chariot",
    "osgi.command.function=backup",
    "osgi.command.function=schemas"
})
public class PersistenceCommands {

    private final DatabaseBackup backup;
    private final SchemaRegistry schemas;

    @Activate
    public PersistenceCommands(@Reference DatabaseBackup backup, @Reference SchemaRegistry schemas) {
        this.backup = backup;
        this.schemas = schemas;
    }

    /** Backs the database up into the configured backup folder. */
    public String backup() throws IOException {
        return "Backup written to " + backup.backup();
    }

    /** Backs the database up into a new folder under the one given. */
    public String backup(String parent) throws IOException {
        return "Backup written to " + backup.backup(Path.of(parent));
    }

    /** Lists every schema of the running bundles and where its migrations stand. */
    public String schemas() {
        return schemas.schemas().stream().map(PersistenceCommands::line).collect(Collectors.joining("\n"));
    }

    private static String line(SchemaStatus s) {
        return String.format("%-20s V%-3d of V%-3d %-6s %s%s", s.schema(), s.appliedVersion(), s.latestVersion(),
                s.state(), s.bundle(), s.problem().map(p -> "\n    " + p).orElse(""));
    }
}
