package fr.chariot.simulator.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key and certificate helpers. BouncyCastle is used as a provider instance, never installed JVM-wide. */
public final class Pki {

    /** One provider instance for the whole bundle: registering it globally would leak into the host JVM. */
    public static final Provider BC = new BouncyCastleProvider();

    private static final SecureRandom RANDOM = new SecureRandom();

    private Pki() {
    }

    public static KeyPair rsaKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** A self-signed certificate; a CA one when {@code ca} is true. */
    public static X509Certificate selfSigned(KeyPair keys, X500Name subject, Duration validity, boolean ca) {
        return issue(subject, keys.getPrivate(), null, subject, keys.getPublic(), validity,
            ca ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature)
               : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment),
            ca, null, null);
    }

    /**
     * Issues a certificate.
     *
     * @param issuerCert null for a self-signed certificate
     * @param extendedUsage null for none
     * @param subjectAltNames null for none
     */
    public static X509Certificate issue(X500Name issuer, PrivateKey issuerKey, X509Certificate issuerCert,
                                        X500Name subject, PublicKey subjectKey, Duration validity, KeyUsage usage,
                                        boolean ca, KeyPurposeId[] extendedUsage, GeneralNames subjectAltNames) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(validity)), subject, subjectKey);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, usage);
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey));
            if (issuerCert != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(issuerCert));
            }
            if (extendedUsage != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedUsage));
            }
            if (subjectAltNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
            }
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(issuerKey)));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }

    public static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a DER X.509 certificate", e);
        }
    }

    /** PEM of certificates, keys (a private key is written as PKCS#8) in the given order. */
    public static String pem(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                if (object instanceof PrivateKey key) {
                    writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
                } else {
                    writer.writeObject(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static SecureRandom random() {
        return RANDOM;
    }
}
