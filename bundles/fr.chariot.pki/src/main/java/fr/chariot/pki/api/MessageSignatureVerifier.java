package fr.chariot.pki.api;

import java.security.cert.X509Certificate;

/** Verifies the {@code Mdm-Signature} header a device sends with each request ({@code SignMessage=true}). */
public interface MessageSignatureVerifier {

    /**
     * Verifies a detached CMS signature over the raw request body, then the signer with
     * {@link DeviceIdentityAuthority#validate}. Accepts BER and DER, SHA-1 and SHA-256 digests, RSA and EC keys, with
     * or without signed attributes.
     *
     * @param header the header's value: base64 of the CMS SignedData
     * @param body   the exact bytes of the request body
     * @return the signer's certificate
     * @throws IdentityException when anything does not hold
     */
    X509Certificate verify(String header, byte[] body) throws IdentityException;
}
