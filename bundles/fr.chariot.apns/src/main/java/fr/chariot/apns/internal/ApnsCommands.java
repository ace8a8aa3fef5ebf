package fr.chariot.apns.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.apns.api.InvalidPushCertificateException;
import fr.chariot.apns.api.PushCertificate;
import fr.chariot.apns.api.PushCertificates;
import fr.chariot.apns.api.PushService;

/**
 * Gogo shell commands for the operator: {@code chariot:apns} and {@code chariot:apnsinstall <file> [password]}.
 * Gogo finds them through the {@code osgi.command.*} service properties; no Gogo API is needed.
 */
@Component(service = ApnsCommands.class, property = {
    "osgi.command.scope=chariot",
    "osgi.command.function=apns",
    "osgi.command.function=apnsinstall"
})
public class ApnsCommands {

    private final PushService pushes;
    private final PushCertificates certificates;

    @Activate
    public ApnsCommands(@Reference PushService pushes, @Reference PushCertificates certificates) {
        this.pushes = pushes;
        this.certificates = certificates;
    }

    /** Shows the installed push certificate. */
    public String apns() {
        return pushes.certificate().map(ApnsCommands::describe).orElse("no push certificate");
    }

    /** Installs or renews the push certificate from a PEM file (certificate and key) or an unprotected PKCS#12. */
    public String apnsinstall(String file) {
        return apnsinstall(file, null);
    }

    /** Installs or renews the push certificate from a PKCS#12 file (or a PEM file with an encrypted key). */
    public String apnsinstall(String file, String password) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            return "Cannot read " + file + ": " + e.getMessage();
        }
        try {
            return "Installed\n" + describe(certificates.install(bytes, password == null ? null : password.toCharArray()));
        } catch (InvalidPushCertificateException e) {
            return "Refused, nothing changed: " + e.getMessage();
        }
    }

    private static String describe(PushCertificate certificate) {
        long days = Duration.between(Instant.now(), certificate.notAfter()).toDays();
        return "topic:   " + certificate.topic()
                + "\nsubject: " + certificate.subject()
                + "\nexpires: " + certificate.notAfter() + (days < 0 ? " (EXPIRED)" : " (in " + days + " days)");
    }
}
