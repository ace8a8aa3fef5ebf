package fr.chariot.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Reads a {@code .properties} file. */
final class PropertiesFile {

    private PropertiesFile() {
    }

    /**
     * Reads the file as UTF-8, because operators edit these files with today's editors; plain ASCII files and
     * {@code \\uXXXX} escapes read the same either way.
     *
     * @return the entries sorted by key, so that messages about them come in a stable order
     */
    static Map<String, String> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IllegalArgumentException malformedEscape) {
            throw new IOException(malformedEscape.getMessage(), malformedEscape);
        }
        Map<String, String> entries = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> entries.put(key, properties.getProperty(key)));
        return entries;
    }
}
