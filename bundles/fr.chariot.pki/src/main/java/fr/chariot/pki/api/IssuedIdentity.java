package fr.chariot.pki.api;

import java.time.Instant;
import java.util.Optional;

/**
 * A device identity certificate issued through SCEP.
 *
 * @param fingerprint  SHA-256 of the certificate's DER encoding, lower-case hex
 * @param serialNumber the certificate's serial number, hex
 * @param rne          the college whose enrollment challenge was used
 * @param notAfter     end of validity
 * @param renewedFrom  for a SCEP renewal, the fingerprint of the certificate it replaces
 */
public record IssuedIdentity(String fingerprint, String serialNumber, String rne, Instant notAfter,
        Optional<String> renewedFrom) {
}
