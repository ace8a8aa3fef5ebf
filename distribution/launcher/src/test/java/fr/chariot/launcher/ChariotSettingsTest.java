package fr.chariot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChariotSettingsTest {

    private static final String DEFAULTS = """
            chariot.http.host=127.0.0.1
            chariot.http.port=8080
            chariot.public.url=http://127.0.0.1:8080
            chariot.data=data
            chariot.logs=logs
            """;

    @TempDir
    Path home;

    private Path defaultsFile;
    private Path localFile;

    @BeforeEach
    void writeDefaults() throws IOException {
        defaultsFile = write("etc/chariot.properties", DEFAULTS);
        localFile = home.resolve("etc/chariot.local.properties");
    }

    @Test
    void defaultsOnly() throws Exception {
        ChariotSettings settings = resolve(Map.of(), new Properties());

        assertEquals(Map.of(
                "chariot.http.host", "127.0.0.1",
                "chariot.http.port", "8080",
                "chariot.public.url", "http://127.0.0.1:8080",
                "chariot.data", home.resolve("data").toString(),
                "chariot.logs", home.resolve("logs").toString()), settings.settings());
        assertEquals(8080, settings.httpPort());
        settings.origins().values().forEach(origin -> assertEquals(SettingOrigin.defaultsFile(defaultsFile), origin));
    }

    @Test
    void localOverrideFileWinsOverDefaults() throws Exception {
        write("etc/chariot.local.properties", "chariot.http.port=9090\n");

        ChariotSettings settings = resolve(Map.of(), new Properties());

        assertEquals(9090, settings.httpPort());
        assertEquals(SettingOrigin.overrideFile(localFile), settings.origins().get("chariot.http.port"));
        assertEquals("127.0.0.1", settings.httpHost());
    }

    @Test
    void fileNamedByChariotConfigReplacesTheLocalOverrideFile(@TempDir Path elsewhere) throws Exception {
        write("etc/chariot.local.properties", "chariot.http.port=9090\n");
        Path named = Files.writeString(elsewhere.resolve("mine.properties"), "chariot.http.host=0.0.0.0\n");

        ChariotSettings settings = resolve(Map.of("CHARIOT_CONFIG", named.toString()), new Properties());

        assertEquals("0.0.0.0", settings.httpHost());
        assertEquals(8080, settings.httpPort(), "the local file is not read when CHARIOT_CONFIG names another");
        assertEquals(SettingOrigin.overrideFile(named), settings.origins().get("chariot.http.host"));
    }

    @Test
    void environmentWinsOverOverrideFile() throws Exception {
        write("etc/chariot.local.properties", "chariot.http.port=9090\n");

        ChariotSettings settings = resolve(Map.of("CHARIOT_HTTP_PORT", "9191"), new Properties());

        assertEquals(9191, settings.httpPort());
        assertEquals(SettingOrigin.environmentVariable("CHARIOT_HTTP_PORT"),
                settings.origins().get("chariot.http.port"));
    }

    @Test
    void systemPropertyWinsOverEnvironment() throws Exception {
        ChariotSettings settings = resolve(Map.of("CHARIOT_HTTP_PORT", "9191"),
                properties("chariot.http.port", "9292"));

        assertEquals(9292, settings.httpPort());
        assertEquals(SettingOrigin.systemProperty("chariot.http.port"), settings.origins().get("chariot.http.port"));
        assertEquals("9292", settings.systemProperties().get("chariot.http.port"));
    }

    @Test
    void unknownKeyInOverrideFileIsRefusedNamingKeyAndFile() throws IOException {
        write("etc/chariot.local.properties", "chariot.htp.port=9090\n");

        List<String> problems = problems(Map.of(), new Properties());

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("chariot.htp.port"), problems::toString);
        assertTrue(problems.get(0).contains(localFile.toString()), problems::toString);
    }

    @Test
    void chariotConfigNamingAMissingFileIsRefused() {
        Path missing = home.resolve("nowhere.properties");

        List<String> problems = problems(Map.of("CHARIOT_CONFIG", missing.toString()), new Properties());

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("CHARIOT_CONFIG"), problems::toString);
        assertTrue(problems.get(0).contains(missing.toString()), problems::toString);
    }

    @Test
    void missingDefaultsFileIsRefused() throws IOException {
        Files.delete(defaultsFile);

        List<String> problems = problems(Map.of(), new Properties());

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains(defaultsFile.toString()), problems::toString);
    }

    @Test
    void missingRequiredSettingIsRefused() throws IOException {
        write("etc/chariot.properties", DEFAULTS.replace("chariot.http.port=8080\n", ""));

        List<String> problems = problems(Map.of("CHARIOT_HTTP_PORT", "9090"), new Properties());

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("chariot.http.port is not set"), problems::toString);
    }

    @Test
    void homeAndOtherSettingsAreExpandedAfterMerging() throws Exception {
        write("etc/chariot.properties", DEFAULTS.replace("chariot.public.url=http://127.0.0.1:8080",
                "chariot.public.url=http://${chariot.http.host}:${chariot.http.port}/")
                + "chariot.backup=${chariot.data}/backup\n"
                + "chariot.certs=${chariot.home}/etc/certs\n");

        ChariotSettings settings = resolve(Map.of("CHARIOT_HTTP_PORT", "9443"), properties("chariot.data", "/srv/d"));

        assertEquals("http://127.0.0.1:9443", settings.publicUrl());
        assertEquals("/srv/d/backup", settings.settings().get("chariot.backup"),
                "references see the merged, normalised value");
        assertEquals(home + "/etc/certs", settings.settings().get("chariot.certs"));
        assertEquals(home + "/etc/certs", settings.systemProperties().get("chariot.certs"));
    }

    @Test
    void referenceCycleIsReportedOnce() throws IOException {
        write("etc/chariot.properties", DEFAULTS + "chariot.a=${chariot.b}\nchariot.b=x${chariot.a}\n");

        List<String> problems = problems(Map.of(), new Properties());

        assertEquals(List.of("chariot.a refers back to itself: chariot.a -> chariot.b -> chariot.a (set by "
                + SettingOrigin.defaultsFile(defaultsFile) + ")"), problems);
    }

    @Test
    void referenceToUnknownSettingIsRefused() throws IOException {
        write("etc/chariot.properties", DEFAULTS + "chariot.a=${chariot.nope}\n");

        List<String> problems = problems(Map.of(), new Properties());

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("chariot.a refers to ${chariot.nope}"), problems::toString);
    }

    @Test
    void relativeFoldersAreTakenAgainstHomeAndAbsoluteOnesKept() throws Exception {
        ChariotSettings settings = resolve(Map.of("CHARIOT_DATA", "../var/./chariot", "CHARIOT_LOGS", "/var/log/c"),
                new Properties());

        assertEquals(home.getParent().resolve("var/chariot"), settings.dataFolder());
        assertEquals(Path.of("/var/log/c"), settings.logsFolder());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "70000", "-1", "99999999999"})
    void badPortIsRefusedNamingSettingAndEnvironmentVariable(String port) {
        List<String> problems = problems(Map.of("CHARIOT_HTTP_PORT", port), new Properties());

        assertEquals(List.of("chariot.http.port must be an integer from 1 to 65535, but is \"" + port
                + "\" (set by environment variable CHARIOT_HTTP_PORT)"), problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://x", "not a url", "http://", "example.org", "https://h/?q=1", "http://h/#top"})
    void badPublicUrlIsRefusedNamingSettingAndOverrideFile(String url) throws IOException {
        write("etc/chariot.local.properties", "chariot.public.url=" + url + "\n");

        List<String> problems = problems(Map.of(), new Properties());

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("chariot.public.url "), problems::toString);
        assertTrue(problems.get(0).contains("\"" + url + "\""), problems::toString);
        assertTrue(problems.get(0).endsWith("(set by override file " + localFile + ")"), problems::toString);
    }

    @Test
    void badPublicUrlFromSystemPropertyNamesTheProperty() {
        List<String> problems = problems(Map.of(), properties("chariot.public.url", "ftp://x"));

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).endsWith("(set by system property chariot.public.url)"), problems::toString);
    }

    @Test
    void emptyHostIsRefused() {
        List<String> problems = problems(Map.of("CHARIOT_HTTP_HOST", " "), new Properties());

        assertEquals(List.of("chariot.http.host must not be empty, but is \"\""
                + " (set by environment variable CHARIOT_HTTP_HOST)"), problems);
    }

    @Test
    void everyProblemIsReportedInOneGo() {
        List<String> problems = problems(Map.of("CHARIOT_HTTP_PORT", "abc", "CHARIOT_PUBLIC_URL", "ftp://x"),
                new Properties());

        assertEquals(2, problems.size(), problems::toString);
    }

    @Test
    void trailingSlashIsRemovedFromPublicUrl() throws Exception {
        ChariotSettings settings = resolve(Map.of("CHARIOT_PUBLIC_URL", "https://mdm.example.org/chariot/"),
                new Properties());

        assertEquals("https://mdm.example.org/chariot", settings.publicUrl());
        assertEquals("https://mdm.example.org/chariot", settings.systemProperties().get("chariot.public.url"));
    }

    @Test
    void unrelatedChariotEnvironmentVariablesAreIgnored() throws Exception {
        ChariotSettings settings = resolve(Map.of("CHARIOT_ADMIN_PASSWORD", "secret"), new Properties());

        assertFalse(settings.settings().containsKey("chariot.admin.password"));
        assertFalse(settings.systemProperties().containsKey("chariot.admin.password"));
        assertFalse(settings.systemProperties().containsValue("secret"));
    }

    @Test
    void systemPropertiesPointFelixLogbackDerbyAndGogoAtTheDistribution() throws Exception {
        ChariotSettings settings = resolve(Map.of(), new Properties());

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("chariot.home", home.toString());
        expected.putAll(settings.settings());
        expected.put("felix.config.properties", home.resolve("etc/config.properties").toUri().toString());
        expected.put("logback.configurationFile", home.resolve("etc/logback.xml").toString());
        expected.put("derby.system.home", home.resolve("data").toString());
        expected.put("derby.stream.error.file", home.resolve("logs/derby.log").toString());
        expected.put("gosh.home", home.toString());
        assertEquals(expected, settings.systemProperties());
    }

    @Test
    void systemPropertiesAlreadySetAreKept() throws Exception {
        ChariotSettings settings = resolve(Map.of(), properties("logback.configurationFile", "/tmp/mine.xml"));

        assertEquals("/tmp/mine.xml", settings.systemProperties().get("logback.configurationFile"));
    }

    @Test
    void filesCannotSetHome() throws IOException {
        write("etc/chariot.properties", DEFAULTS + "chariot.home=/elsewhere\n");

        List<String> problems = problems(Map.of(), new Properties());

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("chariot.home in defaults file"), problems::toString);
    }

    @Test
    void environmentVariableNameIsUpperCaseWithUnderscores() {
        assertEquals("CHARIOT_HTTP_PORT", ChariotSettings.environmentVariableFor("chariot.http.port"));
    }

    private ChariotSettings resolve(Map<String, String> env, Properties systemProperties) throws SettingsException {
        return ChariotSettings.resolve(home, env, systemProperties);
    }

    private List<String> problems(Map<String, String> env, Properties systemProperties) {
        return assertThrows(SettingsException.class, () -> resolve(env, systemProperties)).problems();
    }

    private Path write(String relativePath, String content) throws IOException {
        Path file = home.resolve(relativePath);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }
}
