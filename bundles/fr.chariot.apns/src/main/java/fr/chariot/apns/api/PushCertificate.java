package fr.chariot.apns.api;

import java.time.Instant;

/**
 * The installed MDM push certificate.
 *
 * @param topic    its subject UID, {@code com.apple.mgmt.External.<uuid>}: the {@code Topic} of every enrollment
 * @param subject  the subject as text, for people
 * @param notAfter when it expires: renew it (same topic) before, or every device must enroll again
 */
public record PushCertificate(String topic, String subject, Instant notAfter) {
}
