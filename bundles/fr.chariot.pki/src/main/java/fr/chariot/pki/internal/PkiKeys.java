package fr.chariot.pki.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The bundle's key material: the device-identity CA and the profile-signing certificate that CA issued.
 *
 * @param caCertificate      the self-signed device-identity CA
 * @param caKey              its private key: decrypts SCEP requests, signs SCEP replies and device certificates
 * @param signingCertificate the profile-signing certificate, issued by the CA
 * @param signingKey         its private key
 */
public record PkiKeys(X509Certificate caCertificate, PrivateKey caKey, X509Certificate signingCertificate,
        PrivateKey signingKey) {
}
