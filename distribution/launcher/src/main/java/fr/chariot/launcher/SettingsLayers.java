package fr.chariot.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads the layers of settings and merges them, later layers winning: the shipped defaults file, the local
 * override file, environment variables, JVM system properties. Values are stripped of surrounding blanks, which are
 * invisible in files and environments yet would make, say, a port invalid; {@code ${...}} references are expanded later.
 */
final class SettingsLayers {

    static final String DEFAULTS_FILE = "etc/chariot.properties";
    static final String LOCAL_OVERRIDE_FILE = "etc/chariot.local.properties";
    private static final String PREFIX = "chariot.";

    private SettingsLayers() {
    }

    /**
     * @param problems receives one line per problem that does not stop the merge, so that they are all reported
     * @throws SettingsException when the defaults file cannot be read: without it, nothing else can be checked
     */
    static Map<String, SourcedValue> merge(Path home, Map<String, String> env, Properties systemProperties,
            List<String> problems) throws SettingsException {
        Map<String, SourcedValue> merged = readDefaults(home.resolve(DEFAULTS_FILE), home, problems);
        overrideFile(home, env, problems).ifPresent(file -> applyOverrideFile(file, merged, problems));
        merged.replaceAll((key, fromFiles) -> {
            String fromSystem = systemProperties.getProperty(key);
            if (fromSystem != null) {
                return new SourcedValue(fromSystem.strip(), SettingOrigin.systemProperty(key));
            }
            String variable = ChariotSettings.environmentVariableFor(key);
            String fromEnv = env.get(variable);
            if (fromEnv != null) {
                return new SourcedValue(fromEnv.strip(), SettingOrigin.environmentVariable(variable));
            }
            return fromFiles;
        });
        return merged;
    }

    private static Map<String, SourcedValue> readDefaults(Path file, Path home, List<String> problems)
            throws SettingsException {
        if (!Files.isRegularFile(file)) {
            throw new SettingsException(List.of("defaults file " + file + " not found: " + ChariotSettings.HOME
                    + " (" + home + ") must be the Chariot distribution folder"));
        }
        Map<String, String> entries;
        try {
            entries = PropertiesFile.read(file);
        } catch (IOException e) {
            throw new SettingsException(List.of("cannot read defaults file " + file + ": " + e.getMessage()));
        }
        SettingOrigin origin = SettingOrigin.defaultsFile(file);
        Map<String, SourcedValue> defaults = new TreeMap<>();
        entries.forEach((key, value) -> {
            // Only chariot.* keys get an environment variable and become system properties, and chariot.home
            // is the folder the launcher runs from, which no file may contradict.
            if (!key.startsWith(PREFIX) || key.equals(ChariotSettings.HOME)) {
                problems.add(key + " in " + origin + " is not allowed: settings are named chariot.*"
                        + " and " + ChariotSettings.HOME + " is always the distribution folder");
            } else {
                defaults.put(key, new SourcedValue(value.strip(), origin));
            }
        });
        return defaults;
    }

    /** The override file is optional, unless the operator named one: then a mistyped path must not go unnoticed. */
    private static Optional<Path> overrideFile(Path home, Map<String, String> env, List<String> problems) {
        String named = env.get(ChariotSettings.CONFIG_FILE_VARIABLE);
        if (named == null) {
            Path local = home.resolve(LOCAL_OVERRIDE_FILE);
            return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
        }
        Path file = Path.of(named).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            problems.add("environment variable " + ChariotSettings.CONFIG_FILE_VARIABLE + " names override file "
                    + file + ", which does not exist");
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** Refuses keys the defaults do not know, because a mistyped key would otherwise be silently ignored. */
    private static void applyOverrideFile(Path file, Map<String, SourcedValue> merged, List<String> problems) {
        Map<String, String> entries;
        try {
            entries = PropertiesFile.read(file);
        } catch (IOException e) {
            problems.add("cannot read override file " + file + ": " + e.getMessage());
            return;
        }
        SettingOrigin origin = SettingOrigin.overrideFile(file);
        entries.forEach((key, value) -> {
            if (merged.containsKey(key)) {
                merged.put(key, new SourcedValue(value.strip(), origin));
            } else {
                problems.add(key + " in " + origin + " is not a Chariot setting; known settings: "
                        + String.join(", ", merged.keySet()));
            }
        });
    }
}
