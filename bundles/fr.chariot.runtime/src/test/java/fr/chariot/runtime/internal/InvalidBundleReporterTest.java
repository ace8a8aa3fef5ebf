package fr.chariot.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvalidBundleReporterTest {

    @TempDir
    Path tmp;
    private final InvalidBundleReporter reporter = new InvalidBundleReporter();

    @Test
    void aFileThatIsNotAZipIsReported() throws Exception {
        Path corrupt = Files.writeString(tmp.resolve("corrupt.jar"), "this is not a jar");
        assertTrue(reporter.canHandle(corrupt.toFile()));
        assertTrue(InvalidBundleReporter.problem(corrupt.toFile()).orElseThrow().contains("cannot be read as a jar"));
    }

    @Test
    void aPlainJarIsReported() throws Exception {
        Path plain = jar("plain.jar", null);
        assertTrue(reporter.canHandle(plain.toFile()));
        assertTrue(InvalidBundleReporter.problem(plain.toFile()).orElseThrow().contains("Bundle-SymbolicName"));
    }

    @Test
    void aBundleIsLeftToFileInstall() throws Exception {
        Path bundle = jar("feature.jar", "fr.chariot.example");
        assertFalse(reporter.canHandle(bundle.toFile()));
        assertEquals(Optional.empty(), InvalidBundleReporter.problem(bundle.toFile()));
    }

    @Test
    void otherFilesAreNotItsBusiness() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not a jar, not named like one");
        assertFalse(reporter.canHandle(text.toFile()));
    }

    private Path jar(String name, String symbolicName) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        Path file = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new ZipEntry("a.txt"));
            jar.write('a');
            jar.closeEntry();
        }
        return file;
    }
}
