package fr.chariot.pki.internal.https;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import fr.chariot.pki.internal.https.HttpsFiles.Store;
import fr.chariot.pki.internal.https.JettyHttpsProperties.ClientCertificates;
import fr.chariot.pki.internal.https.JettyHttpsProperties.Tls;

class JettyHttpsPropertiesTest {

    private static final Store KEYSTORE = new Store(Path.of("/data/pki/https/server.p12"), "k-secret");
    private static final Store TRUSTSTORE = new Store(Path.of("/data/pki/https/truststore.p12"), "t-secret");
    private static final Map<String, Object> OPERATORS = Map.of("org.apache.felix.http.timeout", "30000");

    private static Map<String, Object> wantingClientCertificates() {
        return JettyHttpsProperties.withHttps(OPERATORS,
                new Tls(8443, KEYSTORE, ClientCertificates.WANTS, Optional.of(TRUSTSTORE)));
    }

    @Test
    void httpsWithClientCertificatesSetsEveryJettyKeyAndKeepsTheOthers() {
        Map<String, Object> expected = new LinkedHashMap<>(OPERATORS);
        expected.put("org.apache.felix.https.enable", true);
        expected.put("org.osgi.service.http.port.secure", 8443);
        expected.put("org.apache.felix.https.keystore", "/data/pki/https/server.p12");
        expected.put("org.apache.felix.https.keystore.password", "k-secret");
        expected.put("org.apache.felix.https.keystore.key.password", "k-secret");
        expected.put("org.apache.felix.https.keystore.type", "PKCS12");
        expected.put("org.apache.felix.https.truststore", "/data/pki/https/truststore.p12");
        expected.put("org.apache.felix.https.truststore.password", "t-secret");
        expected.put("org.apache.felix.https.truststore.type", "PKCS12");
        expected.put("org.apache.felix.https.clientcertificate", "wants");
        expected.put("fr.chariot.pki.https.managed", true);

        assertEquals(expected, wantingClientCertificates());
    }

    @Test
    void withoutClientCertificatesTheTruststoreIsDroppedAndJettyAsksForNone() {
        Map<String, Object> properties = JettyHttpsProperties.withHttps(wantingClientCertificates(),
                new Tls(9443, KEYSTORE, ClientCertificates.NONE, Optional.empty()));

        assertEquals("none", properties.get("org.apache.felix.https.clientcertificate"));
        assertEquals(9443, properties.get("org.osgi.service.http.port.secure"));
        for (String key : new String[] { "org.apache.felix.https.truststore",
                "org.apache.felix.https.truststore.password", "org.apache.felix.https.truststore.type" }) {
            assertEquals(false, properties.containsKey(key), key);
        }
    }

    @Test
    void disablingRemovesWhatChariotSetAndNothingElse() {
        assertEquals(OPERATORS, JettyHttpsProperties.withoutHttps(wantingClientCertificates()));

        Map<String, Object> setByHand = Map.of("org.apache.felix.https.enable", "true",
                "org.apache.felix.https.keystore", "/etc/ssl/own.p12");
        assertEquals(setByHand, JettyHttpsProperties.withoutHttps(setByHand));
    }

    @Test
    void aTruststoreGoesWithWantedClientCertificatesOnly() {
        assertThrows(IllegalArgumentException.class,
                () -> new Tls(8443, KEYSTORE, ClientCertificates.WANTS, Optional.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> new Tls(8443, KEYSTORE, ClientCertificates.NONE, Optional.of(TRUSTSTORE)));
    }

    @Test
    void aStoreNeverShowsItsPassword() {
        assertEquals("/data/pki/https/server.p12", KEYSTORE.toString());
    }
}
