package fr.chariot.pki.internal.store;

import java.security.cert.X509Certificate;

import fr.chariot.pki.api.IssuedIdentity;

/** What became of an enrollment or renewal once the database had its say. */
public sealed interface Redemption {

    /** The certificate was issued and recorded. */
    record Issued(X509Certificate certificate, IssuedIdentity identity) implements Redemption {
    }

    /** Nothing was issued nor recorded; the reason is for the log, never for the device. */
    record Refused(String reason) implements Redemption {
    }
}
