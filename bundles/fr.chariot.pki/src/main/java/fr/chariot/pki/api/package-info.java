/**
 * Chariot's own PKI: the certificate authority that issues device identities (through SCEP), the certificate that
 * signs enrollment profiles, and the verification of the {@code Mdm-Signature} each device request carries.
 */
@Export
@Version("1.0.0")
package fr.chariot.pki.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
