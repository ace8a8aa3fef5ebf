package fr.chariot.apns.api;

/** Installs the MDM push certificate from Apple's Push Certificates Portal. */
public interface PushCertificates {

    /**
     * Installs a push certificate with its private key, as PEM (certificate and key, in any order) or PKCS#12.
     * Its UID must start {@code com.apple.mgmt.}. A renewal (same topic) replaces the current one at once, without a
     * restart; a certificate with another topic is refused while one is installed, because every enrolled device
     * is bound to the topic.
     *
     * @param password the PKCS#12 password; ignored for PEM
     * @throws InvalidPushCertificateException saying what is wrong; nothing is changed then
     */
    PushCertificate install(byte[] certificateAndKey, char[] password) throws InvalidPushCertificateException;
}
