package fr.chariot.pki.internal;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key material made once per test JVM: RSA key generation is the slow part of these tests. */
public final class TestPki {

    public static final SecureRandom RANDOM = new SecureRandom();
    public static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static PkiKeys keys;
    private static PkiKeys otherKeys;

    private TestPki() {
    }

    /** Chariot's key material as a first start would make it, at {@link #NOW}. */
    public static synchronized PkiKeys keys() {
        if (keys == null) {
            keys = newKeys();
        }
        return keys;
    }

    /** Another installation's key material: same names, other keys. */
    public static synchronized PkiKeys otherKeys() {
        if (otherKeys == null) {
            otherKeys = newKeys();
        }
        return otherKeys;
    }

    private static PkiKeys newKeys() {
        KeyPair ca = Certificates.newRsaKeyPair(RANDOM);
        X509Certificate caCertificate = Certificates.newCa(ca, NOW, RANDOM);
        KeyPair signing = Certificates.newRsaKeyPair(RANDOM);
        X509Certificate signingCertificate = Certificates.newProfileSigning(signing, caCertificate, ca.getPrivate(),
                NOW, RANDOM);
        return new PkiKeys(caCertificate, ca.getPrivate(), signingCertificate, signing.getPrivate());
    }

    /** A device identity issued by a CA at a given time. */
    public static X509Certificate deviceIdentity(PkiKeys by, KeyPair device, Instant at) {
        return Certificates.newDeviceIdentity(new X500Name("CN=iPad test"),
                SubjectPublicKeyInfo.getInstance(device.getPublic().getEncoded()), by.caCertificate(), by.caKey(), at,
                RANDOM);
    }

    /** A self-signed certificate, as SCEP clients make for their first request. */
    public static X509Certificate selfSigned(KeyPair keys, X500Name subject, String signatureAlgorithm) {
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, BigInteger.ONE,
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject,
                    SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            return Crypto.toX509(builder.build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(Crypto.BC)
                    .build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa() {
        return Certificates.newRsaKeyPair(RANDOM);
    }
}
