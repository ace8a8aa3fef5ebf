package fr.chariot.itests.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import fr.chariot.itests.feature.NotesServlet;

/**
 * Builds the small bundles the tests hot-deploy, with bnd, the way the real build makes Chariot's bundles: the
 * test feature in two versions, and bundles whose migrations fail or were edited. Runs outside the container.
 */
public final class FeatureJars {

    public static final String NOTES_V1 = "CREATE TABLE itnotes_note (id INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " text VARCHAR(200) NOT NULL)";
    public static final String NOTES_V2 = "ALTER TABLE itnotes_note ADD COLUMN origin VARCHAR(20) DEFAULT 'before-v2'";

    private FeatureJars() {
    }

    /** The notes feature, version 1.0.0: its schema's V1 only. */
    public static Path notesV1(Path dir) throws Exception {
        return build(dir.resolve("notes-v1.jar"), "fr.chariot.itests.notes", "1.0.0", true,
                Map.of("db/itnotes/V1__create_notes.sql", NOTES_V1));
    }

    /** The notes feature, version 2.0.0: V1 as shipped before and a new V2. */
    public static Path notesV2(Path dir) throws Exception {
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("db/itnotes/V1__create_notes.sql", NOTES_V1);
        sql.put("db/itnotes/V2__add_origin.sql", NOTES_V2);
        return build(dir.resolve("notes-v2.jar"), "fr.chariot.itests.notes", "2.0.0", true, sql);
    }

    /** A bundle whose V2 creates a table, then fails. */
    public static Path broken(Path dir) throws Exception {
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("db/itbroken/V1__create.sql", "CREATE TABLE itbroken_a (id INT);\nINSERT INTO itbroken_a VALUES (1)");
        sql.put("db/itbroken/V2__fails.sql", "CREATE TABLE itbroken_b (id INT);\nINSERT INTO itbroken_a VALUES (2);\n"
                + "INSERT INTO itbroken_nowhere VALUES (1)");
        return build(dir.resolve("broken.jar"), "fr.chariot.itests.broken", "1.0.0", false, sql);
    }

    /** Schema {@code itedit}: first as shipped, then the same V1 edited after it was applied. */
    public static Path edit(Path dir, boolean edited) throws Exception {
        String v1 = "CREATE TABLE itedit_a (id INT)" + (edited ? ";\nCREATE TABLE itedit_sneaky (id INT)" : "");
        return build(dir.resolve(edited ? "edit-edited.jar" : "edit.jar"), "fr.chariot.itests.edit",
                edited ? "1.0.1" : "1.0.0", false, Map.of("db/itedit/V1__create.sql", v1));
    }

    private static Path build(Path out, String bsn, String version, boolean withServlet, Map<String, String> sql)
            throws Exception {
        Files.createDirectories(out.getParent());
        Path resources = Files.createTempDirectory(out.getParent(), "res");
        for (Map.Entry<String, String> file : sql.entrySet()) {
            Path target = resources.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        try (Builder b = new Builder()) {
            b.setProperty("Bundle-SymbolicName", bsn);
            b.setProperty("Bundle-Version", version);
            b.setProperty("-includeresource", "db=" + resources.resolve("db"));
            b.setProperty("-noextraheaders", "true");
            if (withServlet) {
                b.addClasspath(location(NotesServlet.class));
                b.addClasspath(location(jakarta.servlet.Servlet.class));
                b.addClasspath(location(org.osgi.framework.BundleContext.class));
                b.setProperty("-privatepackage", NotesServlet.class.getPackageName());
                b.setProperty("-dsannotations", "*");
            }
            Jar jar = b.build();
            if (!b.isOk()) {
                throw new IOException("bnd could not build " + out + ": " + b.getErrors());
            }
            jar.write(out.toFile());
        }
        return out;
    }

    private static File location(Class<?> type) throws Exception {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
