package fr.chariot.apns.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The validated values of {@link ApnsConfig}, so the service can be built without OSGi.
 *
 * @param trustedServerCertificates PEM of the CA certificates trusted for the APNs server; empty = JDK trust store
 */
public record ApnsSettings(String host, int port, int maxConcurrentPushes, int connections, Duration expiration,
        int maxAttempts, Duration retryDelay, Optional<Path> trustedServerCertificates) {

    public ApnsSettings {
        require(host != null && !host.isBlank(), "host", host);
        require(port > 0 && port < 65536, "port", port);
        require(maxConcurrentPushes > 0, "maxConcurrentPushes", maxConcurrentPushes);
        require(connections > 0, "connections", connections);
        require(expiration != null && !expiration.isNegative(), "expirationHours", expiration);
        require(maxAttempts > 0, "maxAttempts", maxAttempts);
        require(retryDelay != null && !retryDelay.isNegative() && !retryDelay.isZero(), "retryDelayMillis",
                retryDelay);
        trustedServerCertificates.ifPresent(pem -> require(Files.isReadable(pem), "trustedServerCertificatesPem",
                pem + " (not a readable file)"));
    }

    static ApnsSettings from(ApnsConfig config) {
        String trusted = config.trustedServerCertificatesPem().trim();
        return new ApnsSettings(config.host().trim(), config.port(), config.maxConcurrentPushes(),
                config.connections(), Duration.ofHours(config.expirationHours()), config.maxAttempts(),
                Duration.ofMillis(config.retryDelayMillis()),
                trusted.isEmpty() ? Optional.empty() : Optional.of(Path.of(trusted)));
    }

    private static void require(boolean valid, String key, Object value) {
        if (!valid) {
            throw new IllegalArgumentException("Invalid " + ApnsConfig.PID + " configuration: " + key + " = " + value);
        }
    }
}
