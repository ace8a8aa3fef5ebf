package fr.chariot.itests;

import static fr.chariot.itests.support.Http.bodyStartsWith;
import static fr.chariot.itests.support.Http.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import fr.chariot.itests.support.ConsoleClient;
import fr.chariot.itests.support.FeatureJars;
import fr.chariot.itests.support.HotFolder;
import fr.chariot.itests.support.Http;
import fr.chariot.itests.support.TestHome;
import fr.chariot.persistence.api.AppliedMigration;
import fr.chariot.persistence.api.SchemaRegistry;
import fr.chariot.persistence.api.SchemaStatus;
import fr.chariot.persistence.api.SchemaStatus.State;

/**
 * The assembled distribution's bundles in a forked Felix, configured by the launcher's own settings code, with
 * FileInstall watching a real hot/ folder: what an operator does to a running server, done by a test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeIT {

    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(20);
    private static final String NOTES = "/itest/notes";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() throws Exception {
        TestHome home = TestHome.copyOfDistribution("pax");
        Path features = home.home.resolve("features");
        FeatureJars.notesV1(features);
        FeatureJars.notesV2(features);
        FeatureJars.broken(features);
        FeatureJars.edit(features, false);
        FeatureJars.edit(features, true);

        List<Option> options = new ArrayList<>();
        home.systemProperties().forEach((k, v) -> options.add(systemProperty(k).value(v)));
        home.frameworkProperties().forEach((k, v) -> options.add(frameworkProperty(k).value(v)));
        options.add(frameworkProperty("chariot.itest.features").value(features.toString()));
        options.add(frameworkProperty("chariot.itest.base").value(home.baseUrl()));
        // boot/ first (logging before anything logs), then bundle/ as Felix Main would; Gogo's terminal is left
        // out because a forked test JVM has no console (the shell's commands are tested through Gogo's runtime).
        for (Path jar : jars(home.home.resolve("boot"))) {
            options.add(bundle(jar.toUri().toString()).startLevel(1).start());
        }
        for (Path jar : jars(home.home.resolve("bundle"))) {
            String name = jar.getFileName().toString();
            if (!name.startsWith("org.apache.felix.gogo.jline") && !name.startsWith("jline")) {
                options.add(bundle(jar.toUri().toString()).startLevel(2).start());
            }
        }
        options.add(junitBundles());
        options.add(cleanCaches(true));
        return options.toArray(new Option[0]);
    }

    @Test
    public void everyChariotBundleIsActiveAndHealthSaysUp() throws Exception {
        List<String> chariot = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().startsWith("fr.chariot.") && b.getHeaders().get("Fragment-Host") == null) {
                assertEquals(b.getSymbolicName() + " is active", Bundle.ACTIVE, b.getState());
                chariot.add(b.getSymbolicName());
            }
        }
        assertTrue("the distribution's Chariot bundles are all there: " + chariot, chariot.containsAll(List.of(
                "fr.chariot.api", "fr.chariot.derby", "fr.chariot.persistence", "fr.chariot.logging",
                "fr.chariot.runtime", "fr.chariot.protocol", "fr.chariot.rest", "fr.chariot.inventory",
                "fr.chariot.groups", "fr.chariot.actions", "fr.chariot.webconsole.api", "fr.chariot.webconsole")));

        String body = http().await("/health", status(200), DEPLOY_TIMEOUT).body();
        assertTrue(body, body.contains("\"status\":\"UP\""));
        for (String name : chariot) {
            assertTrue(name + " is listed in " + body, body.contains("\"" + name + "\""));
        }
    }

    @Test
    public void aFeaturesConsoleScreensComeAndGoWithItsBundle() throws Exception {
        String password = Files.readString(Path.of(context.getProperty("chariot.data"), "admin-password.txt")).strip();
        ConsoleClient console = new ConsoleClient(context.getProperty("chariot.itest.base"));
        http().await("/console/login", status(200), DEPLOY_TIMEOUT);
        console.logIn("admin", password, Optional.of("Un-mot-de-passe-choisi-2026"));
        awaitConsole(console, "/console/static-groups", 200);
        assertTrue("the menu offers it", console.get("/console/").body().contains(">Groupes statiques<"));

        Bundle groups = installed("fr.chariot.groups");
        groups.stop();
        try {
            awaitConsole(console, "/console/static-groups", 404);
            String dashboard = console.get("/console/").body();
            assertFalse("its menu entry is gone", dashboard.contains(">Groupes statiques<"));
            assertTrue("the other features' stay", dashboard.contains(">Inventaire<"));
            assertEquals("nor can the inventory open a group any more", 404,
                    console.get("/console/inventory?in=group:1").statusCode());
        } finally {
            groups.start();
        }
        awaitConsole(console, "/console/static-groups", 200);
        assertTrue("back in the menu", console.get("/console/").body().contains(">Groupes statiques<"));
    }

    private static void awaitConsole(ConsoleClient console, String path, int expected) throws Exception {
        long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
        int last;
        while ((last = console.get(path).statusCode()) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " answered " + last + ", not " + expected);
            }
            Thread.sleep(100);
        }
    }

    @Test
    public void aHotFeatureIsReplacedInPlaceAndKeepsItsData() throws Exception {
        Path hot = hot();
        try {
            HotFolder.deploy(feature("notes-v1.jar"), hot, "notes.jar");
            http().await(NOTES, bodyStartsWith("v1\n"), DEPLOY_TIMEOUT);
            long bundleId = installed("fr.chariot.itests.notes").getBundleId();
            String note = "written-by-v1-" + System.nanoTime();
            assertEquals(201, http().post(NOTES + "?text=" + note).statusCode());

            HotFolder.deploy(feature("notes-v2.jar"), hot, "notes.jar");
            String body = http().await(NOTES, bodyStartsWith("v2\n"), DEPLOY_TIMEOUT).body();

            assertTrue("v2 reads the row v1 wrote, with V2's new column: " + body,
                    body.contains("|" + note + "|before-v2"));
            Bundle updated = installed("fr.chariot.itests.notes");
            assertEquals("updated in place, not installed anew", bundleId, updated.getBundleId());
            assertEquals(2, updated.getVersion().getMajor());
            assertEquals(List.of(1, 2), versions(registry().history("itnotes")));
        } finally {
            undeploy("notes.jar", "fr.chariot.itests.notes");
        }
        http().await(NOTES, status(404), DEPLOY_TIMEOUT);
        assertNull("removed from hot/, the bundle is uninstalled", find("fr.chariot.itests.notes"));
        http().await("/health", status(200), DEPLOY_TIMEOUT);
    }

    @Test
    public void aFailingMigrationLeavesTheDatabaseAsItWas() throws Exception {
        Path hot = hot();
        try {
            HotFolder.deploy(feature("broken.jar"), hot, "broken.jar");
            SchemaStatus status = awaitSchema("itbroken", State.FAILED);

            assertTrue(status.problem().orElseThrow(), status.problem().orElseThrow().contains("V2__fails.sql"));
            assertEquals(1, status.appliedVersion());
            assertEquals(List.of(1), versions(registry().history("itbroken")));
            assertFalse("V2's first statement was rolled back", tableExists("itbroken_b"));
            assertEquals("V2's insert was rolled back", 1, count("SELECT COUNT(*) FROM itbroken_a"));
            assertTrue("no DataSource is offered for a failed schema", schemaServices("itbroken").isEmpty());
            assertEquals("the rest keeps serving", 200, http().get("/health").statusCode());
        } finally {
            undeploy("broken.jar", "fr.chariot.itests.broken");
        }
    }

    @Test
    public void anEditedMigrationKeepsTheSchemaOffUntilItIsRestored() throws Exception {
        Path hot = hot();
        try {
            HotFolder.deploy(feature("edit.jar"), hot, "edit.jar");
            awaitSchema("itedit", State.READY);
            assertEquals(1, schemaServices("itedit").size());

            HotFolder.deploy(feature("edit-edited.jar"), hot, "edit.jar");
            SchemaStatus failed = awaitSchema("itedit", State.FAILED);
            assertTrue(failed.problem().orElseThrow(),
                    failed.problem().orElseThrow().contains("edited after it was applied"));
            assertTrue(schemaServices("itedit").isEmpty());
            assertFalse("the edited script did not run", tableExists("itedit_sneaky"));

            HotFolder.deploy(feature("edit.jar"), hot, "edit.jar");
            awaitSchema("itedit", State.READY);
            assertEquals(List.of(1), versions(registry().history("itedit")));
        } finally {
            undeploy("edit.jar", "fr.chariot.itests.edit");
        }
    }

    @Test
    public void migrationsRunOnceAcrossARestartOfTheDatabase() throws Exception {
        Path hot = hot();
        try {
            HotFolder.deploy(feature("notes-v1.jar"), hot, "notes.jar");
            http().await(NOTES, status(200), DEPLOY_TIMEOUT);
            List<AppliedMigration> before = registry().history("itnotes");
            assertFalse(before.isEmpty());

            Bundle persistence = installed("fr.chariot.persistence");
            persistence.stop();
            http().await(NOTES, status(404), DEPLOY_TIMEOUT);
            persistence.start();
            http().await(NOTES, status(200), DEPLOY_TIMEOUT);

            assertEquals("nothing was applied again", before, registry().history("itnotes"));
        } finally {
            undeploy("notes.jar", "fr.chariot.itests.notes");
        }
        http().await(NOTES, status(404), DEPLOY_TIMEOUT);
    }

    @Test
    public void aCorruptJarIsReportedInTheLogAndChangesNothing() throws Exception {
        Map<String, Integer> before = bundleStates();
        Path hot = hot();
        try {
            Files.write(hot.resolve("corrupt.jar"), "this is not a jar".getBytes(StandardCharsets.UTF_8));
            Path log = Path.of(context.getProperty("chariot.logs"), "chariot.log");
            await(() -> readQuietly(log).contains("corrupt.jar is not a valid bundle"),
                    "the log says corrupt.jar is not a valid bundle: " + log);

            assertEquals(before, bundleStates());
            assertEquals(200, http().get("/health").statusCode());
        } finally {
            Files.deleteIfExists(hot.resolve("corrupt.jar"));
        }
    }

    @Test
    public void theBackupCommandCopiesTheDatabaseWhileItRuns() throws Exception {
        Path target = Files.createTempDirectory(Path.of(context.getProperty("chariot.home")), "backup-test");
        ServiceReference<CommandProcessor> ref = context.getServiceReference(CommandProcessor.class);
        assertNotNull("Gogo's command processor runs", ref);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            CommandSession session = context.getService(ref).createSession(System.in, print, print);
            Object result = session.execute("chariot:backup " + target);
            assertTrue(String.valueOf(result), String.valueOf(result).startsWith("Backup written to " + target));
        } finally {
            context.ungetService(ref);
        }
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(target)) {
            Path copy = copies.iterator().next();
            assertTrue("Derby's copy is a database folder", Files.exists(copy.resolve("chariot/service.properties")));
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private Http http() {
        return new Http(context.getProperty("chariot.itest.base"));
    }

    private Path hot() {
        return Path.of(context.getProperty("chariot.home"), "hot");
    }

    private Path feature(String name) {
        return Path.of(context.getProperty("chariot.itest.features"), name);
    }

    /** Removes a jar from hot/ and waits until FileInstall has uninstalled its bundle. */
    private void undeploy(String fileName, String symbolicName) throws Exception {
        Files.deleteIfExists(hot().resolve(fileName));
        await(() -> find(symbolicName) == null, symbolicName + " is uninstalled");
    }

    private Bundle find(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElse(null);
    }

    private Bundle installed(String symbolicName) {
        Bundle b = find(symbolicName);
        assertNotNull(symbolicName + " is installed", b);
        return b;
    }

    private Map<String, Integer> bundleStates() {
        Map<String, Integer> states = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            states.put(b.getSymbolicName() + " " + b.getVersion(), b.getState());
        }
        return states;
    }

    private SchemaRegistry registry() {
        ServiceReference<SchemaRegistry> ref = context.getServiceReference(SchemaRegistry.class);
        assertNotNull("the schema registry runs", ref);
        return context.getService(ref);
    }

    private SchemaStatus awaitSchema(String schema, State state) throws InterruptedException {
        await(() -> registry().schemas().stream().anyMatch(s -> s.schema().equals(schema) && s.state() == state),
                "schema " + schema + " becomes " + state);
        return registry().schemas().stream().filter(s -> s.schema().equals(schema)).findFirst().orElseThrow();
    }

    private Collection<ServiceReference<DataSource>> schemaServices(String schema) throws Exception {
        return context.getServiceReferences(DataSource.class, "(chariot.schema=" + schema + ")");
    }

    private DataSource pool() throws Exception {
        return context.getService(
                context.getServiceReferences(DataSource.class, "(chariot.datasource=chariot)").iterator().next());
    }

    private boolean tableExists(String table) throws Exception {
        try (Connection c = pool().getConnection();
                ResultSet rs = c.getMetaData().getTables(null, null, table.toUpperCase(), null)) {
            return rs.next();
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = pool().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Integer> versions(List<AppliedMigration> history) {
        return history.stream().map(AppliedMigration::version).toList();
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static List<Path> jars(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
