package fr.chariot.pki.api;

import java.util.Optional;

/** The device identities the SCEP server issued, kept in the database. */
public interface IssuedIdentities {

    /** @param fingerprint SHA-256 of the certificate's DER encoding, lower-case hex */
    Optional<IssuedIdentity> find(String fingerprint);
}
