package fr.chariot.pki.internal.https;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.chariot.pki.internal.https.HttpsFiles.Store;

/**
 * The HTTPS properties of Felix HTTP Jetty 12 (1.1.8) in its ConfigAdmin PID {@value #PID}, merged into whatever that
 * configuration already holds. Pure functions: the ConfigAdmin side is {@link HttpsSetup}.
 *
 * <p>The key names were checked against {@code org.apache.felix.http.jetty.internal.JettyConfig} in the 1.1.8 jar.
 * Jetty reads each key from this configuration first and from the framework properties when it is absent there, so
 * the HTTP host and port that the distribution sets as framework properties still apply once this configuration
 * exists, and they are not copied into it.
 */
public final class JettyHttpsProperties {

    public static final String PID = "org.apache.felix.http";
    public static final String HTTPS_ENABLE = "org.apache.felix.https.enable";
    public static final String HTTPS_PORT = "org.osgi.service.http.port.secure";
    public static final String KEYSTORE = "org.apache.felix.https.keystore";
    public static final String KEYSTORE_PASSWORD = "org.apache.felix.https.keystore.password";
    public static final String KEY_PASSWORD = "org.apache.felix.https.keystore.key.password";
    public static final String KEYSTORE_TYPE = "org.apache.felix.https.keystore.type";
    public static final String TRUSTSTORE = "org.apache.felix.https.truststore";
    public static final String TRUSTSTORE_PASSWORD = "org.apache.felix.https.truststore.password";
    public static final String TRUSTSTORE_TYPE = "org.apache.felix.https.truststore.type";
    public static final String CLIENT_CERTIFICATE = "org.apache.felix.https.clientcertificate";
    /** Framework property (and Jetty key) of the plain HTTP port. */
    public static final String HTTP_PORT = "org.osgi.service.http.port";
    /**
     * Marks the HTTPS keys as Chariot's, so that disabling HTTPS removes what Chariot set and nothing an operator
     * set by hand. Jetty ignores it.
     */
    public static final String MANAGED_BY_CHARIOT = "fr.chariot.pki.https.managed";

    /** Every key this class sets; all are removed before setting them again, or when HTTPS is disabled. */
    static final List<String> MANAGED_KEYS = List.of(HTTPS_ENABLE, HTTPS_PORT, KEYSTORE, KEYSTORE_PASSWORD,
            KEY_PASSWORD, KEYSTORE_TYPE, TRUSTSTORE, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, CLIENT_CERTIFICATE,
            MANAGED_BY_CHARIOT);

    /** Jetty's {@code clientcertificate} values Chariot allows; {@code needs} would lock out enrolling devices. */
    public enum ClientCertificates {
        WANTS("wants"), NONE("none");

        private final String jettyValue;

        ClientCertificates(String jettyValue) {
            this.jettyValue = jettyValue;
        }

        public String jettyValue() {
            return jettyValue;
        }
    }

    /**
     * What Jetty needs to serve HTTPS.
     *
     * @param truststore the device CA, present exactly when client certificates are wanted
     */
    public record Tls(int port, Store keystore, ClientCertificates clientCertificates, Optional<Store> truststore) {
        public Tls {
            if (truststore.isPresent() != (clientCertificates == ClientCertificates.WANTS)) {
                throw new IllegalArgumentException("a truststore goes with wanted client certificates, and only then");
            }
        }
    }

    private JettyHttpsProperties() {
    }

    /** The current properties with HTTPS set as {@code tls} says; every other key is kept as it was. */
    public static Map<String, Object> withHttps(Map<String, ?> current, Tls tls) {
        Map<String, Object> properties = without(current);
        properties.put(HTTPS_ENABLE, Boolean.TRUE);
        properties.put(HTTPS_PORT, tls.port());
        properties.put(KEYSTORE, tls.keystore().file().toString());
        properties.put(KEYSTORE_PASSWORD, tls.keystore().password());
        properties.put(KEY_PASSWORD, tls.keystore().password());
        properties.put(KEYSTORE_TYPE, HttpsFiles.TYPE);
        properties.put(CLIENT_CERTIFICATE, tls.clientCertificates().jettyValue());
        tls.truststore().ifPresent(truststore -> {
            properties.put(TRUSTSTORE, truststore.file().toString());
            properties.put(TRUSTSTORE_PASSWORD, truststore.password());
            properties.put(TRUSTSTORE_TYPE, HttpsFiles.TYPE);
        });
        properties.put(MANAGED_BY_CHARIOT, Boolean.TRUE);
        return properties;
    }

    /** The current properties without the HTTPS keys Chariot set; unchanged if Chariot did not set them. */
    public static Map<String, Object> withoutHttps(Map<String, ?> current) {
        return current.containsKey(MANAGED_BY_CHARIOT) ? without(current) : new LinkedHashMap<>(current);
    }

    private static Map<String, Object> without(Map<String, ?> current) {
        Map<String, Object> properties = new LinkedHashMap<>(current);
        MANAGED_KEYS.forEach(properties::remove);
        return properties;
    }
}
