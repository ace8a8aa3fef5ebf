package fr.chariot.pki.internal;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the kinds of certificate the bundle makes: its CA, its profile signer, device identities and the HTTPS
 * server certificate.
 */
public final class Certificates {

    /** {@code CN=Chariot Device CA, O=Chariot} in RFC 4514 order: encoded O first, CN last, as usual. */
    public static final X500Name CA_SUBJECT = name("Chariot Device CA");
    /** {@code CN=Chariot Profile Signing, O=Chariot}. */
    public static final X500Name SIGNING_SUBJECT = name("Chariot Profile Signing");
    static final Duration CA_VALIDITY = Duration.ofDays(3653);
    static final Duration SIGNING_VALIDITY = Duration.ofDays(1826);
    public static final Duration DEVICE_VALIDITY = Duration.ofDays(365);
    /**
     * Two years: Apple refuses TLS server certificates valid for more than 825 days, even from a root the user
     * installed, so the start date backdated by {@link #DEVICE_BACKDATE} still leaves ample margin.
     */
    public static final Duration HTTPS_VALIDITY = Duration.ofDays(730);
    /**
     * Device certificates start a little in the past: an iPad whose clock lags the server's by a few minutes would
     * otherwise hold a certificate that is not yet valid and fail its first check-in.
     */
    static final Duration DEVICE_BACKDATE = Duration.ofMinutes(5);
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final int RSA_BITS = 2048;

    private Certificates() {
    }

    public static KeyPair newRsaKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, random);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is missing from the JVM", e);
        }
    }

    /** The self-signed device-identity CA: 10 years, CA, keyCertSign and cRLSign only. */
    public static X509Certificate newCa(KeyPair keys, Instant now, SecureRandom random) {
        Instant start = now.truncatedTo(ChronoUnit.SECONDS);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(CA_SUBJECT, serial(random), Date.from(start),
                Date.from(start.plus(CA_VALIDITY)), CA_SUBJECT,
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("the CA certificate's extensions cannot be built", e);
        }
        return sign(builder, keys.getPrivate());
    }

    /**
     * The profile-signing certificate: 5 years, digitalSignature, extended key usage codeSigning.
     *
     * <p>codeSigning rather than no EKU at all: a profile is signed configuration, the closest thing to code, and
     * the EKU keeps this key out of every other role. In particular it lacks clientAuth, so it can never pass
     * {@link DeviceCa#validate} as a device identity although the same CA issued it; and it lacks serverAuth, so it
     * cannot serve TLS. iOS does not ask a profile signer for any particular EKU.
     */
    public static X509Certificate newProfileSigning(KeyPair keys, X509Certificate ca, PrivateKey caKey, Instant now,
            SecureRandom random) {
        Instant start = now.truncatedTo(ChronoUnit.SECONDS);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer(ca), serial(random), Date.from(start),
                Date.from(start.plus(SIGNING_VALIDITY)), SIGNING_SUBJECT,
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(ca));
        } catch (CertIOException | NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("the profile-signing certificate's extensions cannot be built", e);
        }
        return sign(builder, caKey);
    }

    /**
     * A device identity: the CSR's subject and key, one year, digitalSignature and keyEncipherment, clientAuth.
     */
    public static X509Certificate newDeviceIdentity(X500Name subject, SubjectPublicKeyInfo publicKey,
            X509Certificate ca, PrivateKey caKey, Instant now, SecureRandom random) {
        Instant start = now.truncatedTo(ChronoUnit.SECONDS);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer(ca), serial(random),
                Date.from(start.minus(DEVICE_BACKDATE)), Date.from(start.plus(DEVICE_VALIDITY)), subject, publicKey);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(ca));
        } catch (CertIOException | NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("the device certificate's extensions cannot be built", e);
        }
        return sign(builder, caKey);
    }

    /**
     * An HTTPS server certificate issued by the device CA, so that iPads which installed the CA from the enrollment
     * profile trust it: subject {@code CN=<first name>, O=Chariot}, the names as subject alternative names (iOS reads
     * nothing else), RSA with SHA-256, digitalSignature and keyEncipherment, extended key usage serverAuth only.
     */
    public static X509Certificate newHttpsServer(KeyPair keys, ServerNames names, X509Certificate ca,
            PrivateKey caKey, Instant now, SecureRandom random) {
        Instant start = now.truncatedTo(ChronoUnit.SECONDS);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer(ca), serial(random),
                Date.from(start.minus(DEVICE_BACKDATE)), Date.from(start.plus(HTTPS_VALIDITY)),
                name(names.first()), SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, names.toGeneralNames());
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(ca));
        } catch (CertIOException | NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("the HTTPS certificate's extensions cannot be built", e);
        }
        return sign(builder, caKey);
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Chariot").addRDN(BCStyle.CN, commonName)
                .build();
    }

    /** The issuer name exactly as encoded in the CA certificate, so that chain building compares equal bytes. */
    static X500Name issuer(X509Certificate ca) {
        return X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
    }

    /** A random positive 128-bit serial number (RFC 5280 allows up to 20 octets; CA/B asks for 64 random bits). */
    static BigInteger serial(SecureRandom random) {
        BigInteger serial;
        do {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setProvider(Crypto.BC).build(key);
            return Crypto.toX509(builder.build(signer));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("a certificate cannot be signed: " + e.getMessage(), e);
        }
    }
}
