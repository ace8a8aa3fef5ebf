package fr.chariot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @TempDir
    Path home;

    @BeforeEach
    void writeDistribution() throws IOException {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/chariot.properties"), """
                chariot.http.host=127.0.0.1
                chariot.http.port=8080
                chariot.public.url=http://127.0.0.1:8080/
                chariot.data=data
                chariot.logs=logs
                """);
        // The framework's storage proves that Felix substituted a chariot.* system property set by the launcher.
        Files.writeString(home.resolve("etc/config.properties"), """
                chariot.version=1.2.3
                org.osgi.framework.storage=${chariot.home}/cache
                org.osgi.framework.storage.clean=onFirstInit
                """);
    }

    @Test
    void versionComesFromConfigProperties() {
        assertEquals("1.2.3", Launcher.version(home));
    }

    @Test
    void versionIsDevWhenConfigPropertiesIsMissing() throws IOException {
        Files.delete(home.resolve("etc/config.properties"));

        assertEquals("dev", Launcher.version(home));
    }

    @Test
    void startupLineSaysWhereEverythingIs() throws Exception {
        ChariotSettings settings = ChariotSettings.resolve(home, Map.of(), new Properties());

        assertEquals("Chariot 1.2.3 starting from " + home + "; data in " + home.resolve("data") + ", logs in "
                + home.resolve("logs") + "; HTTP on 127.0.0.1:8080, public URL http://127.0.0.1:8080",
                Launcher.startupLine(settings, "1.2.3"));
    }

    @Test
    void badSettingsExitWithStatusTwoAndCreateNothing() throws Exception {
        Process launcher = launch(Map.of("CHARIOT_HTTP_PORT", "abc"));

        assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the launcher should exit on its own");
        assertEquals(2, launcher.exitValue());
        String errors = new String(launcher.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(errors.contains("chariot.http.port") && errors.contains("CHARIOT_HTTP_PORT"), errors);
        assertFalse(Files.exists(home.resolve("data")));
        assertFalse(Files.exists(home.resolve("logs")));
        assertFalse(Files.exists(home.resolve("cache")));
    }

    @Test
    void goodSettingsStartFelixWithTheSettingsAsSystemProperties() throws Exception {
        Process launcher = launch(Map.of());
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {

            assertEquals("Chariot 1.2.3 starting from " + home + "; data in " + home.resolve("data") + ", logs in "
                    + home.resolve("logs") + "; HTTP on 127.0.0.1:8080, public URL http://127.0.0.1:8080",
                    output.readLine());
            assertTrue(waitFor(home.resolve("cache")), "Felix should use the storage folder under chariot.home");
            assertTrue(Files.isDirectory(home.resolve("data")));
            assertTrue(Files.isDirectory(home.resolve("logs")));
        } finally {
            launcher.destroy();
            launcher.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Runs the launcher in its own JVM, since it sets system properties and exits. */
    private Process launch(Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dchariot.home=" + home,
                Launcher.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CHARIOT_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static boolean waitFor(Path folder) throws InterruptedException {
        for (int attempt = 0; attempt < 300 && !Files.isDirectory(folder); attempt++) {
            Thread.sleep(100);
        }
        return Files.isDirectory(folder);
    }
}
