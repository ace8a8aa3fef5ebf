package fr.chariot.simulator.api;

/** The digest of the {@code Mdm-Signature} CMS signature. Real iPads use SHA-1. */
public enum SignatureDigest {
    SHA1("SHA1withRSA"),
    SHA256("SHA256withRSA");

    private final String jcaSignatureAlgorithm;

    SignatureDigest(String jcaSignatureAlgorithm) {
        this.jcaSignatureAlgorithm = jcaSignatureAlgorithm;
    }

    /** @return the JCA name of the RSA signature algorithm with this digest */
    public String jcaSignatureAlgorithm() {
        return jcaSignatureAlgorithm;
    }
}
