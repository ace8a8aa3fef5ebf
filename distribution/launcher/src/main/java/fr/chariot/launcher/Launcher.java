package fr.chariot.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.felix.main.Main;

/**
 * The program {@code bin/chariot} runs: resolves and checks Chariot's settings, publishes them as system
 * properties for Felix, FileInstall and logback to substitute, then hands over to Felix's own launcher.
 * Bad settings stop it with exit status {@value #BAD_SETTINGS} before anything is created on disk.
 */
public final class Launcher {

    /** Exit status for unusable settings, distinct from a crash (1) so that scripts and systemd can tell them apart. */
    public static final int BAD_SETTINGS = 2;

    private static final String UNKNOWN_VERSION = "dev";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        ChariotSettings settings;
        try {
            settings = ChariotSettings.resolve(home(), System.getenv(), System.getProperties());
        } catch (SettingsException e) {
            e.problems().forEach(problem -> System.err.println("chariot: " + problem));
            System.exit(BAD_SETTINGS);
            return;
        }
        settings.systemProperties().forEach(System::setProperty);
        // Without a terminal (systemd, CI, a pipe) an interactive Gogo shell would spin on a closed stdin.
        if (System.console() == null && System.getProperty("gosh.args") == null) {
            System.setProperty("gosh.args", "--nointeractive");
        }
        Files.createDirectories(settings.dataFolder());
        Files.createDirectories(settings.logsFolder());
        Files.createDirectories(settings.home().resolve("hot"));
        System.out.println(startupLine(settings, version(settings.home())));
        // Felix reads config.properties, starts the bundles, stops cleanly on SIGTERM and exits when stopped.
        Main.main(new String[0]);
    }

    /** bin/chariot passes chariot.home; otherwise this jar sits in home's lib/ folder. */
    private static Path home() throws URISyntaxException {
        String given = System.getProperty(ChariotSettings.HOME);
        if (given != null) {
            return Path.of(given);
        }
        Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent();
    }

    /** @return {@code chariot.version} from etc/config.properties, or "dev" when it cannot be read */
    static String version(Path home) {
        try {
            String version = PropertiesFile.read(home.resolve("etc/config.properties")).get("chariot.version");
            return version == null || version.isBlank() ? UNKNOWN_VERSION : version.strip();
        } catch (IOException unreadable) {
            return UNKNOWN_VERSION;
        }
    }

    static String startupLine(ChariotSettings settings, String version) {
        return "Chariot " + version + " starting from " + settings.home()
                + "; data in " + settings.dataFolder() + ", logs in " + settings.logsFolder()
                + "; HTTP on " + settings.httpHost() + ":" + settings.httpPort()
                + ", public URL " + settings.publicUrl();
    }
}
