package fr.chariot.protocol.internal;

import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.chariot.api.Site;

/**
 * The enrollment profile of a college: Chariot's CA as a trusted root, the SCEP payload that gets the iPad its
 * identity (with a one-time challenge bound to the college) and the MDM payload (protocol.md §2.2–2.4).
 */
final class EnrollmentProfile {

    /** Every right, so later features can inspect and manage everything they need. */
    static final int ALL_ACCESS_RIGHTS = 8191;
    /** Required for Shared iPad, and cannot be added after enrollment. */
    static final String PER_USER_CONNECTIONS = "com.apple.mdm.per-user-connections";

    private EnrollmentProfile() {
    }

    static Map<String, Object> build(Site site, URI publicBaseUrl, String topic, String challenge,
            X509Certificate ca) {
        String base = publicBaseUrl.toString();
        String prefix = "fr.chariot.enrollment." + site.rne();
        String scepUuid = uuid();

        Map<String, Object> root = payload("com.apple.security.root", prefix + ".ca", "Autorité de certification Chariot");
        root.put("PayloadContent", der(ca));

        Map<String, Object> scepContent = new LinkedHashMap<>();
        scepContent.put("URL", base + "/scep");
        scepContent.put("Name", "Chariot");
        scepContent.put("Subject", List.of(List.of(List.of("O", "Chariot")), List.of(List.of("CN", site.rne()))));
        scepContent.put("Challenge", challenge);
        scepContent.put("Keysize", 2048);
        scepContent.put("Key Type", "RSA");
        scepContent.put("Key Usage", 5);
        scepContent.put("Retries", 3);
        scepContent.put("RetryDelay", 10);
        Map<String, Object> scep = payload("com.apple.security.scep", prefix + ".identity", "Identité de l'appareil");
        scep.put("PayloadUUID", scepUuid);
        scep.put("PayloadContent", scepContent);

        Map<String, Object> mdm = payload("com.apple.mdm", prefix + ".mdm", "Gestion des appareils");
        mdm.put("ServerURL", base + "/mdm/connect");
        mdm.put("CheckInURL", base + "/mdm/checkin");
        mdm.put("Topic", topic);
        mdm.put("IdentityCertificateUUID", scepUuid);
        mdm.put("SignMessage", true);
        mdm.put("AccessRights", ALL_ACCESS_RIGHTS);
        mdm.put("CheckOutWhenRemoved", true);
        mdm.put("ServerCapabilities", List.of(PER_USER_CONNECTIONS));

        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("PayloadType", "Configuration");
        profile.put("PayloadVersion", 1);
        profile.put("PayloadIdentifier", prefix);
        profile.put("PayloadUUID", uuid());
        profile.put("PayloadDisplayName", "Gestion des iPad – " + site.name());
        profile.put("PayloadOrganization", site.name());
        profile.put("PayloadDescription", "Inscrit cet iPad à la gestion des appareils du collège " + site.name()
                + " (" + site.rne() + ").");
        profile.put("PayloadScope", "System");
        profile.put("PayloadContent", List.of(root, scep, mdm));
        return profile;
    }

    private static Map<String, Object> payload(String type, String identifier, String displayName) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("PayloadType", type);
        payload.put("PayloadVersion", 1);
        payload.put("PayloadIdentifier", identifier);
        payload.put("PayloadUUID", uuid());
        payload.put("PayloadDisplayName", displayName);
        return payload;
    }

    private static String uuid() {
        return UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the CA certificate always encodes", e);
        }
    }
}
