package fr.chariot.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Chariot's settings as the launcher resolves them, and the JVM system properties it derives from them.
 * Integration tests use it to reproduce exactly what {@link Launcher} would do without starting anything.
 *
 * <p>Layers, later wins: {@code etc/chariot.properties} in home (the shipped defaults, which also define which
 * settings exist); the override file named by {@code CHARIOT_CONFIG}, else {@code etc/chariot.local.properties}
 * if present; environment variables named after the setting ({@code chariot.http.port} → {@code CHARIOT_HTTP_PORT});
 * JVM system properties. Values may refer to {@code ${chariot.home}} and to other settings.
 */
public final class ChariotSettings {

    /** The distribution folder; given by the launcher, never by a settings file. */
    public static final String HOME = "chariot.home";
    public static final String HTTP_HOST = "chariot.http.host";
    public static final String HTTP_PORT = "chariot.http.port";
    public static final String PUBLIC_URL = "chariot.public.url";
    public static final String DATA = "chariot.data";
    public static final String LOGS = "chariot.logs";
    /** The environment variable naming the override file. */
    public static final String CONFIG_FILE_VARIABLE = "CHARIOT_CONFIG";

    private final Path home;
    private final Map<String, String> settings;
    private final Map<String, SettingOrigin> origins;
    private final Map<String, String> systemProperties;

    private ChariotSettings(Path home, Map<String, String> settings, Map<String, SettingOrigin> origins,
            Properties existingSystemProperties) {
        this.home = home;
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        this.origins = Collections.unmodifiableMap(new TreeMap<>(origins));
        this.systemProperties = Collections.unmodifiableMap(deriveSystemProperties(existingSystemProperties));
    }

    /**
     * Reads, merges, expands and checks the settings, touching nothing on disk.
     *
     * @param home             the distribution folder; made absolute
     * @param env              the environment, usually {@link System#getenv()}
     * @param systemProperties the JVM system properties, usually {@link System#getProperties()}; only read
     * @throws SettingsException listing every problem found, each naming the setting and where its value came from
     */
    public static ChariotSettings resolve(Path home, Map<String, String> env, Properties systemProperties)
            throws SettingsException {
        Path absoluteHome = home.toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        Map<String, SourcedValue> written = SettingsLayers.merge(absoluteHome, env, systemProperties, problems);
        SettingRules rules = new SettingRules(absoluteHome);
        for (String key : rules.required()) {
            if (!written.containsKey(key)) {
                problems.add(key + " is not set: it must be in defaults file "
                        + absoluteHome.resolve(SettingsLayers.DEFAULTS_FILE));
            }
        }
        Map<String, String> resolved = Interpolator.resolveAll(written, Map.of(HOME, absoluteHome.toString()), rules,
                problems);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        Map<String, SettingOrigin> origins = new TreeMap<>();
        written.forEach((key, value) -> origins.put(key, value.origin()));
        return new ChariotSettings(absoluteHome, resolved, origins, systemProperties);
    }

    /** @return the environment variable that overrides a setting: upper case, dots become underscores */
    public static String environmentVariableFor(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** @return the distribution folder, absolute */
    public Path home() {
        return home;
    }

    /** @return every setting, expanded and normalised, sorted by key; {@code chariot.home} is not among them */
    public Map<String, String> settings() {
        return settings;
    }

    /** @return where each setting's value came from, sorted by key */
    public Map<String, SettingOrigin> origins() {
        return origins;
    }

    /**
     * @return the values the launcher gives these JVM system properties before starting Felix: {@code chariot.home},
     * every setting, then {@code felix.config.properties}, {@code logback.configurationFile},
     * {@code derby.system.home}, {@code derby.stream.error.file} and {@code gosh.home}, each of which keeps the
     * value it already had if set. {@code gosh.args} is not included: it depends on the terminal.
     */
    public Map<String, String> systemProperties() {
        return systemProperties;
    }

    public String httpHost() {
        return settings.get(HTTP_HOST);
    }

    public int httpPort() {
        return Integer.parseInt(settings.get(HTTP_PORT));
    }

    /** @return the public URL, without a trailing slash */
    public String publicUrl() {
        return settings.get(PUBLIC_URL);
    }

    public Path dataFolder() {
        return Path.of(settings.get(DATA));
    }

    public Path logsFolder() {
        return Path.of(settings.get(LOGS));
    }

    private Map<String, String> deriveSystemProperties(Properties existing) {
        Map<String, String> derived = new LinkedHashMap<>();
        derived.put(HOME, home.toString());
        derived.putAll(settings);
        // Whoever set these explicitly on the command line knows better than the distribution's layout.
        Map<String, String> layout = new LinkedHashMap<>();
        layout.put("felix.config.properties", home.resolve("etc/config.properties").toUri().toString());
        layout.put("logback.configurationFile", home.resolve("etc/logback.xml").toString());
        layout.put("derby.system.home", dataFolder().toString());
        layout.put("derby.stream.error.file", logsFolder().resolve("derby.log").toString());
        layout.put("gosh.home", home.toString());
        layout.forEach((key, value) -> derived.put(key, existing.getProperty(key, value)));
        return derived;
    }
}
