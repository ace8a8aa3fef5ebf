package fr.chariot.pki.api;

import java.security.cert.X509Certificate;

/** The CA that issues each device's identity certificate; devices are authenticated against it, never Apple's. */
public interface DeviceIdentityAuthority {

    /** The CA certificate, also served at {@code GET /mdm/ca} and put in enrollment profiles. */
    X509Certificate certificate();

    /**
     * Checks that a certificate is a device identity this CA issued: signed by the CA, in date now, usable for
     * digital signatures.
     *
     * @throws IdentityException saying which check failed
     */
    void validate(X509Certificate deviceCertificate) throws IdentityException;
}
