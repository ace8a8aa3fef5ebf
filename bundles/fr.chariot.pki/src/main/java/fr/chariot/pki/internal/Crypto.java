package fr.chariot.pki.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Small cryptographic helpers shared by the bundle. */
public final class Crypto {

    /**
     * One BouncyCastle provider instance handed to every builder. It is deliberately not installed with
     * {@code Security.addProvider}: a bundle must not change the JVM-wide provider list that other bundles see.
     */
    public static final Provider BC = new BouncyCastleProvider();

    private Crypto() {
    }

    /** SHA-256 of the certificate's DER encoding, lower-case hex: the identity's key everywhere in Chariot. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return fingerprint(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of some bytes, lower-case hex. */
    public static String fingerprint(byte[] der) {
        return HexFormat.of().formatHex(sha256(der));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }

    /**
     * A public key built by the JDK, for verifying on hot paths: the JDK checks an RSA key's size only, while
     * BouncyCastle runs prime tests on the modulus at every import.
     */
    public static PublicKey jdkPublicKey(SubjectPublicKeyInfo info) throws GeneralSecurityException, IOException {
        String algorithm = PKCSObjectIdentifiers.rsaEncryption.equals(info.getAlgorithm().getAlgorithm()) ? "RSA"
                : X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm()) ? "EC" : null;
        if (algorithm == null) {
            throw new GeneralSecurityException("unsupported public key algorithm " + info.getAlgorithm().getAlgorithm());
        }
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(info.getEncoded()));
    }

    public static X509Certificate toX509(X509CertificateHolder holder) throws CertificateException {
        return new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
    }

    /** Whether a private key is the one of a public key: signs a random message with one, verifies with the other. */
    public static boolean isPair(PrivateKey privateKey, PublicKey publicKey) {
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = "RSA".equals(privateKey.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm, BC);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm, BC);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
