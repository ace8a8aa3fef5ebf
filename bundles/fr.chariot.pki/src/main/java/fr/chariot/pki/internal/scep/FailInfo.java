package fr.chariot.pki.internal.scep;

/** SCEP failInfo values (RFC 8894 §3.2.1.4). */
public enum FailInfo {
    /** Unrecognised or unsupported algorithm. */
    BAD_ALG(0),
    /** Integrity check (signature, decryption, key proof) failed. */
    BAD_MESSAGE_CHECK(1),
    /** Transaction not permitted or supported (including a bad, used or expired challenge). */
    BAD_REQUEST(2),
    /** The signingTime attribute was not close enough to the system time. */
    BAD_TIME(3),
    /** No certificate could be identified matching the criteria. */
    BAD_CERT_ID(4);

    private final int code;

    FailInfo(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
