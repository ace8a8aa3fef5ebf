package fr.chariot.pki.internal.https;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import fr.chariot.pki.internal.KeyMaterialException;
import fr.chariot.pki.internal.ServerNames;
import fr.chariot.pki.internal.TestPki;

class HttpsSetupTest {

    private static final Clock CLOCK = Clock.fixed(TestPki.NOW, ZoneOffset.UTC);

    @TempDir
    Path data;

    private final FakeConfigurationAdmin configurationAdmin = new FakeConfigurationAdmin();

    private Path folder() {
        return data.resolve("pki").resolve(HttpsFiles.FOLDER);
    }

    private boolean apply(Map<String, Object> config) throws Exception {
        return HttpsSetup.apply(config(config), folder(), "8080", TestPki.keys(), configurationAdmin.proxy(), CLOCK,
                TestPki.RANDOM);
    }

    @Test
    void enablingGivesJettyTheGeneratedFilesOnceAndLeavesItAloneWhenNothingChanged() throws Exception {
        configurationAdmin.properties = new Hashtable<>(Map.of("service.pid", JettyHttpsProperties.PID,
                "org.apache.felix.http.timeout", "30000"));

        assertTrue(apply(Map.of("enabled", true)));

        Map<String, Object> jetty = configurationAdmin.settings();
        assertEquals("30000", jetty.get("org.apache.felix.http.timeout"));
        assertEquals(true, jetty.get(JettyHttpsProperties.HTTPS_ENABLE));
        assertEquals(8443, jetty.get(JettyHttpsProperties.HTTPS_PORT));
        assertEquals(folder().resolve(HttpsFiles.KEYSTORE).toString(), jetty.get(JettyHttpsProperties.KEYSTORE));
        assertEquals(Files.readString(folder().resolve(HttpsFiles.KEYSTORE_PASSWORD)),
                jetty.get(JettyHttpsProperties.KEYSTORE_PASSWORD));
        assertEquals(folder().resolve(HttpsFiles.TRUSTSTORE).toString(), jetty.get(JettyHttpsProperties.TRUSTSTORE));
        assertEquals(Files.readString(folder().resolve(HttpsFiles.TRUSTSTORE_PASSWORD)),
                jetty.get(JettyHttpsProperties.TRUSTSTORE_PASSWORD));
        assertEquals("wants", jetty.get(JettyHttpsProperties.CLIENT_CERTIFICATE));
        assertEquals(1, configurationAdmin.updates);

        assertFalse(apply(Map.of("enabled", true)));
        assertEquals(1, configurationAdmin.updates, "a restart with the same settings does not restart Jetty");

        assertTrue(apply(Map.of("enabled", true, "port", 9443)));
        assertEquals(9443, configurationAdmin.settings().get(JettyHttpsProperties.HTTPS_PORT));
        assertEquals(2, configurationAdmin.updates);
    }

    @Test
    void disablingRemovesChariotsKeysAndDeletesAConfigurationLeftEmpty() throws Exception {
        apply(Map.of("enabled", true, "clientCertificates", "none"));
        assertEquals("none", configurationAdmin.settings().get(JettyHttpsProperties.CLIENT_CERTIFICATE));
        assertFalse(Files.exists(folder().resolve(HttpsFiles.TRUSTSTORE)), "no truststore without client certificates");

        assertTrue(apply(Map.of("enabled", false)));

        assertNull(configurationAdmin.properties);
        assertEquals(1, configurationAdmin.deletes);
        assertFalse(apply(Map.of("enabled", false)), "nothing to remove");
        assertEquals(1, configurationAdmin.updates);
    }

    @Test
    void disablingKeepsTheOperatorsJettySettings() throws Exception {
        configurationAdmin.properties = new Hashtable<>(Map.of("org.apache.felix.http.timeout", "30000"));
        apply(Map.of("enabled", true));

        apply(Map.of("enabled", false));

        assertEquals(Map.of("org.apache.felix.http.timeout", "30000"), configurationAdmin.settings());
        assertEquals(0, configurationAdmin.deletes);
    }

    @Test
    void aConfiguredKeystoreIsGivenToJettyAsItIs() throws Exception {
        Path own = data.resolve("own");
        HttpsFiles.Store store = HttpsFiles.serverKeystore(own, ServerNames.parse("x.fr"), TestPki.keys(), CLOCK,
                TestPki.RANDOM);

        apply(Map.of("enabled", true, "keystore", store.file().toString(), "keystorePassword", store.password()));

        assertEquals(store.file().toString(), configurationAdmin.settings().get(JettyHttpsProperties.KEYSTORE));
        assertEquals(store.password(), configurationAdmin.settings().get(JettyHttpsProperties.KEY_PASSWORD));
        assertFalse(Files.exists(folder().resolve(HttpsFiles.KEYSTORE)), "nothing generated");
    }

    @Test
    void badSettingsAreRefusedBeforeAnythingIsWrittenOrGivenToJetty() throws Exception {
        Map<String, Map<String, Object>> cases = new HashMap<>();
        cases.put("the HTTP port", Map.of("enabled", true, "port", 8080));
        cases.put("'needs' is refused", Map.of("enabled", true, "clientCertificates", "needs"));
        cases.put("'wants' or 'none'", Map.of("enabled", true, "clientCertificates", "sometimes"));
        cases.put("between 1 and 65535", Map.of("enabled", true, "port", 0));
        cases.put("absolute path", Map.of("enabled", true, "keystore", "server.p12", "keystorePassword", "x"));
        cases.put("keystorePassword is required", Map.of("enabled", true, "keystore", "/etc/ssl/server.p12"));
        cases.put("neither a host name", Map.of("enabled", true, "hostnames", new String[] { "bad name" }));
        for (Map.Entry<String, Map<String, Object>> badCase : cases.entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> apply(badCase.getValue()),
                    badCase.getKey());
            assertTrue(e.getMessage().contains(badCase.getKey()), e.getMessage());
        }
        assertFalse(Files.exists(folder()));
        assertEquals(0, configurationAdmin.updates);
    }

    @Test
    void anUnusableConfiguredKeystoreLeavesJettyAlone() throws Exception {
        Path missing = data.resolve("missing.p12");

        KeyMaterialException e = assertThrows(KeyMaterialException.class,
                () -> apply(Map.of("enabled", true, "keystore", missing.toString(), "keystorePassword", "x")));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertEquals(0, configurationAdmin.updates);
    }

    /** The typed configuration as SCR would make it: the given values, else the declared defaults. */
    static HttpsConfig config(Map<String, Object> values) {
        return (HttpsConfig) Proxy.newProxyInstance(HttpsConfig.class.getClassLoader(),
                new Class<?>[] { HttpsConfig.class }, (proxy, method, arguments) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    if (method.getName().equals("annotationType")) {
                        return HttpsConfig.class;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** ConfigAdmin holding Jetty's configuration only, counting what is done to it. */
    static final class FakeConfigurationAdmin {
        Dictionary<String, Object> properties;
        int updates;
        int deletes;

        Map<String, Object> settings() {
            Map<String, Object> settings = new HashMap<>();
            for (String key : Collections.list(properties.keys())) {
                settings.put(key, properties.get(key));
            }
            settings.remove("service.pid");
            return settings;
        }

        private static Dictionary<String, Object> copy(Dictionary<String, Object> dictionary) {
            Dictionary<String, Object> copy = new Hashtable<>();
            for (String key : Collections.list(dictionary.keys())) {
                copy.put(key, dictionary.get(key));
            }
            return copy;
        }

        ConfigurationAdmin proxy() {
            Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { Configuration.class }, (proxy, method, arguments) -> {
                        switch (method.getName()) {
                        case "getProperties":
                            return properties == null ? null : copy(properties);
                        case "update":
                            @SuppressWarnings("unchecked")
                            Dictionary<String, Object> given = copy((Dictionary<String, Object>) arguments[0]);
                            given.put("service.pid", JettyHttpsProperties.PID);
                            properties = given;
                            updates++;
                            return null;
                        case "delete":
                            properties = null;
                            deletes++;
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                        }
                    });
            return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { ConfigurationAdmin.class }, (proxy, method, arguments) -> {
                        if (method.getName().equals("getConfiguration") && arguments.length == 2
                                && JettyHttpsProperties.PID.equals(arguments[0]) && "?".equals(arguments[1])) {
                            return configuration;
                        }
                        throw new UnsupportedOperationException(method.getName() + " " + Arrays.toString(arguments));
                    });
        }
    }
}
