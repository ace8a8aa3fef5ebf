package fr.chariot.itests;

import static fr.chariot.itests.support.Http.bodyStartsWith;
import static fr.chariot.itests.support.Http.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.chariot.itests.support.FeatureJars;
import fr.chariot.itests.support.HotFolder;
import fr.chariot.itests.support.Http;
import fr.chariot.itests.support.ServerProcess;
import fr.chariot.itests.support.TestHome;

/**
 * The distribution as an operator runs it: {@code bin/chariot} in its own JVM, stopped with SIGTERM and started
 * again on the same data.
 */
class DistributionIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void survivesAStopAndStartWithItsDataAndAppliedMigrations() throws Exception {
        TestHome home = TestHome.copyOfDistribution("process");
        Http http = new Http(home.baseUrl());
        Path jar = FeatureJars.notesV1(home.home.resolve("features"));
        String note = "kept-across-restart-" + System.nanoTime();

        try (ServerProcess server = ServerProcess.start(home, home.environment(), "run-1.out")) {
            String health = http.await("/health", status(200), START_TIMEOUT).body();
            assertTrue(health.contains("\"status\":\"UP\""), health);
            HotFolder.deploy(jar, home.hot(), "notes.jar");
            String first = http.await("/itest/notes", bodyStartsWith("v1\n"), START_TIMEOUT).body();
            assertTrue(first.contains("migrations=1"), first);
            assertEquals(201, http.post("/itest/notes?text=" + note).statusCode());

            int exit = server.terminate(STOP_TIMEOUT);
            assertEquals(143, exit, "the JVM ends on SIGTERM after its shutdown hook ran");
        }
        String log = Files.readString(home.log());
        assertTrue(log.contains("closed cleanly"), "the database was shut down, not abandoned:\n" + log);

        try (ServerProcess server = ServerProcess.start(home, home.environment(), "run-2.out")) {
            String again = http.await("/itest/notes", bodyStartsWith("v1\n"), START_TIMEOUT).body();
            assertTrue(again.contains("migrations=1"), "V1 is not applied twice: " + again);
            assertTrue(again.contains("|" + note), "the row written before the restart is there: " + again);
            server.terminate(STOP_TIMEOUT);
        }
    }

    @Test
    void aCrashLosesNoCommittedData() throws Exception {
        TestHome home = TestHome.copyOfDistribution("crash");
        Http http = new Http(home.baseUrl());
        HotFolder.deploy(FeatureJars.notesV1(home.home.resolve("features")), home.hot(), "notes.jar");
        String note = "committed-before-the-crash-" + System.nanoTime();

        try (ServerProcess server = ServerProcess.start(home, home.environment(), "crash-1.out")) {
            http.await("/itest/notes", bodyStartsWith("v1\n"), START_TIMEOUT);
            assertEquals(201, http.post("/itest/notes?text=" + note).statusCode());
            server.kill();
        }
        try (ServerProcess server = ServerProcess.start(home, home.environment(), "crash-2.out")) {
            String after = http.await("/itest/notes", bodyStartsWith("v1\n"), START_TIMEOUT).body();
            assertTrue(after.contains("|" + note), "Derby recovered the committed row after SIGKILL: " + after);
            assertTrue(after.contains("migrations=1"), after);
            server.terminate(STOP_TIMEOUT);
        }
    }

    @Test
    void aBadSettingStopsTheStartWithAClearMessageAndChangesNothing() throws Exception {
        TestHome home = TestHome.copyOfDistribution("bad-setting");
        Map<String, String> env = new HashMap<>(home.environment());
        env.put("CHARIOT_HTTP_PORT", "eighty");

        try (ServerProcess server = ServerProcess.start(home, env, "bad.out")) {
            assertEquals(2, server.waitForExit(START_TIMEOUT));
            String output = server.output();
            assertTrue(output.contains("chariot.http.port") && output.contains("CHARIOT_HTTP_PORT"), output);
        }
        assertFalse(Files.exists(home.home.resolve("data")), "nothing was created");
        assertFalse(Files.exists(home.home.resolve("cache")), "the framework did not start");
    }

    @Test
    void aLocalOverrideFileOutsideTheDistributionChangesASetting() throws Exception {
        TestHome home = TestHome.copyOfDistribution("override");
        Path local = home.home.resolveSibling(home.home.getFileName() + "-local.properties");
        Files.writeString(local, "chariot.http.port=" + home.port + "\nchariot.data=${chariot.home}/elsewhere\n");
        Map<String, String> env = Map.of("CHARIOT_CONFIG", local.toString());

        try (ServerProcess server = ServerProcess.start(home, env, "override.out")) {
            new Http(home.baseUrl()).await("/health", status(200), START_TIMEOUT);
            assertTrue(Files.isDirectory(home.home.resolve("elsewhere/derby/chariot")),
                    "the database is where the override file says");
            server.terminate(STOP_TIMEOUT);
        }
    }
}
