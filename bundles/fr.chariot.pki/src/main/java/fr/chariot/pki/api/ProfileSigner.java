package fr.chariot.pki.api;

import java.security.cert.X509Certificate;

/** Signs configuration profiles so iPads show them as verified and accept in-place updates. */
public interface ProfileSigner {

    /** @return a CMS SignedData with the profile attached, the signing certificate and its chain included (DER) */
    byte[] sign(byte[] profile);

    /** The certificate profiles are signed with; it stays the same across restarts. */
    X509Certificate certificate();
}
