package fr.chariot.persistence.api;

import java.io.IOException;
import java.nio.file.Path;

/** Online backup of Chariot's database: the server keeps answering while it runs. */
public interface DatabaseBackup {

    /**
     * Copies the whole database into a new time-stamped folder under the configured backup folder.
     *
     * @return the folder that holds the copy
     */
    Path backup() throws IOException;

    /**
     * Copies the whole database into a new time-stamped folder under {@code parent}, created if missing.
     *
     * @return the folder that holds the copy
     */
    Path backup(Path parent) throws IOException;
}
