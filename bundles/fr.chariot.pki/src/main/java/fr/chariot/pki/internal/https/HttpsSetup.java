package fr.chariot.pki.internal.https;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.pki.internal.DeviceCa;
import fr.chariot.pki.internal.KeyMaterialException;
import fr.chariot.pki.internal.PkiKeys;
import fr.chariot.pki.internal.ServerNames;
import fr.chariot.pki.internal.https.HttpsFiles.Store;
import fr.chariot.pki.internal.https.JettyHttpsProperties.ClientCertificates;
import fr.chariot.pki.internal.https.JettyHttpsProperties.Tls;

/**
 * Turns HTTPS on or off in Felix HTTP Jetty from the configuration {@code fr.chariot.pki.https}: prepares the
 * keystore (configured, or generated and issued by the device CA) and the truststore of the device CA, then writes
 * Jetty's HTTPS keys into its ConfigAdmin configuration {@code org.apache.felix.http}.
 *
 * <p>Jetty restarts whenever that configuration changes, so it is updated only when the computed properties differ
 * from the stored ones. Deactivating this component leaves Jetty as it is: only {@code enabled = false} removes the
 * keys, so a shutdown does not restart Jetty on its way down.
 */
@Component(configurationPid = HttpsConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = HttpsConfig.class)
public class HttpsSetup {

    /** Keys ConfigAdmin adds to a configuration's properties by itself; they are not Jetty's settings. */
    private static final Set<String> CONFIGURATION_IDENTITY = Set.of(Constants.SERVICE_PID,
            ConfigurationAdmin.SERVICE_FACTORYPID, ConfigurationAdmin.SERVICE_BUNDLELOCATION);
    private static final Logger LOG = LoggerFactory.getLogger(HttpsSetup.class);

    @Activate
    public HttpsSetup(BundleContext context, HttpsConfig config, @Reference(name = "ca") DeviceCa ca,
            @Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin)
            throws KeyMaterialException, IOException {
        try {
            apply(config, DeviceCa.keyFolder(context).resolve(HttpsFiles.FOLDER),
                    context.getProperty(JettyHttpsProperties.HTTP_PORT), ca.keys(), configurationAdmin,
                    Clock.systemUTC(), new SecureRandom());
        } catch (KeyMaterialException | IOException | IllegalArgumentException e) {
            // SCR reports activation failures in its own log only; say it where operators look.
            LOG.error("HTTPS is not set up, Jetty's configuration was left as it was: {}", e.getMessage());
            throw e;
        }
    }

    /**
     * Prepares the files and updates Jetty's configuration.
     *
     * @param folder   where generated files live ({@code <chariot.data>/pki/https})
     * @param httpPort the framework property of the HTTP port, which HTTPS must not take; may be null
     * @return whether Jetty's configuration changed (and Jetty restarts)
     * @throws IllegalArgumentException when the configuration is wrong; nothing was written then
     * @throws KeyMaterialException     when a keystore cannot be used or written; Jetty was left alone
     */
    static boolean apply(HttpsConfig config, Path folder, String httpPort, PkiKeys keys,
            ConfigurationAdmin configurationAdmin, Clock clock, SecureRandom random)
            throws KeyMaterialException, IOException {
        if (!config.enabled()) {
            boolean changed = updateJetty(configurationAdmin, JettyHttpsProperties::withoutHttps);
            if (changed) {
                LOG.info("HTTPS disabled: removed Chariot's HTTPS settings from Jetty");
            }
            return changed;
        }
        int port = httpsPort(config.port(), httpPort);
        ClientCertificates clientCertificates = clientCertificates(config.clientCertificates());
        Optional<Path> configuredKeystore = configuredKeystore(config);
        Store keystore;
        String origin;
        if (configuredKeystore.isPresent()) {
            keystore = HttpsFiles.configuredKeystore(configuredKeystore.get(), config.keystorePassword());
            origin = "configured";
        } else {
            ServerNames names = ServerNames.parse(config.hostnames());
            keystore = HttpsFiles.serverKeystore(folder, names, keys, clock, random);
            origin = "issued by the device CA for " + names;
        }
        Optional<Store> truststore = clientCertificates == ClientCertificates.WANTS
                ? Optional.of(HttpsFiles.truststore(folder, keys.caCertificate(), random))
                : Optional.empty();
        Tls tls = new Tls(port, keystore, clientCertificates, truststore);
        boolean changed = updateJetty(configurationAdmin, current -> JettyHttpsProperties.withHttps(current, tls));
        LOG.info("HTTPS on port {} with {} ({}), client certificates: {}{}", port, keystore, origin,
                clientCertificates.jettyValue(), changed ? "; Jetty restarts with it" : "; Jetty already had it");
        return changed;
    }

    /**
     * Applies a change to Jetty's configuration, bound to any bundle ({@code "?"}) so that the Jetty bundle receives
     * it; updates it only if the change alters something, deletes it if nothing is left.
     */
    static boolean updateJetty(ConfigurationAdmin configurationAdmin,
            UnaryOperator<Map<String, Object>> change) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(JettyHttpsProperties.PID, "?");
        Map<String, Object> current = settings(configuration.getProperties());
        Map<String, Object> wanted = change.apply(current);
        if (wanted.equals(current)) {
            return false;
        }
        if (wanted.isEmpty()) {
            configuration.delete();
        } else {
            configuration.update(new Hashtable<>(wanted));
        }
        return true;
    }

    private static Map<String, Object> settings(Dictionary<String, Object> properties) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (properties != null) {
            for (String key : Collections.list(properties.keys())) {
                if (!CONFIGURATION_IDENTITY.contains(key)) {
                    settings.put(key, properties.get(key));
                }
            }
        }
        return settings;
    }

    private static int httpsPort(int port, String httpPort) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, not " + port);
        }
        if (httpPort != null && httpPort.strip().equals(Integer.toString(port))) {
            throw new IllegalArgumentException("port " + port + " is already the HTTP port ("
                    + JettyHttpsProperties.HTTP_PORT + "); HTTPS needs another one");
        }
        return port;
    }

    private static ClientCertificates clientCertificates(String value) {
        String normalised = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (ClientCertificates choice : ClientCertificates.values()) {
            if (choice.jettyValue().equals(normalised)) {
                return choice;
            }
        }
        if ("needs".equals(normalised)) {
            throw new IllegalArgumentException("clientCertificates 'needs' is refused: a device that is enrolling "
                    + "has no identity certificate yet and could not connect; use 'wants'");
        }
        throw new IllegalArgumentException("clientCertificates must be 'wants' or 'none', not '" + value + "'");
    }

    private static Optional<Path> configuredKeystore(HttpsConfig config) {
        String keystore = config.keystore() == null ? "" : config.keystore().strip();
        if (keystore.isEmpty()) {
            return Optional.empty();
        }
        Path file = Path.of(keystore);
        if (!file.isAbsolute()) {
            throw new IllegalArgumentException("keystore must be an absolute path, not '" + keystore + "'");
        }
        if (config.keystorePassword() == null || config.keystorePassword().isEmpty()) {
            throw new IllegalArgumentException("keystorePassword is required with keystore " + file);
        }
        return Optional.of(file);
    }
}
