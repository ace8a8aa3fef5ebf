package fr.chariot.itests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Deploys to a hot/ folder as an operator should: copy under a name FileInstall ignores, then rename over. */
public final class HotFolder {

    private HotFolder() {
    }

    public static void deploy(Path jar, Path hot, String name) throws IOException {
        Path tmp = hot.resolve("." + name + ".part");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, hot.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
