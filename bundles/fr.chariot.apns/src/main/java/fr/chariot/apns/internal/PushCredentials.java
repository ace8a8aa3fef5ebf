package fr.chariot.apns.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import fr.chariot.apns.api.InvalidPushCertificateException;
import fr.chariot.apns.api.PushCertificate;

/**
 * An MDM push certificate with its private key, read from PEM or PKCS#12 and checked: the key belongs to the
 * certificate and the subject UID, the MDM topic, starts {@code com.apple.mgmt.}.
 */
record PushCredentials(X509Certificate certificate, PrivateKey privateKey, String topic) {

    static final String TOPIC_PREFIX = "com.apple.mgmt.";

    private static final String EXPECTED = "Expected the push certificate from Apple's Push Certificates Portal with "
            + "its private key, as PEM (certificate and key) or PKCS#12 (.p12)";

    /** Reads and checks credentials, without looking at their dates (see {@link #requireInDate}). */
    static PushCredentials read(byte[] bytes, char[] password) throws InvalidPushCertificateException {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidPushCertificateException("The file is empty. " + EXPECTED + ".");
        }
        CertificatesAndKey found = looksLikePem(bytes) ? readPem(bytes, password) : readPkcs12(bytes, password);
        if (found.certificates.isEmpty()) {
            throw new InvalidPushCertificateException("The file holds no certificate. " + EXPECTED + ".");
        }
        if (found.key == null) {
            throw new InvalidPushCertificateException("The file holds no private key. " + EXPECTED
                    + "; the key is the one made with the certificate request.");
        }
        X509Certificate certificate = found.certificates.stream().filter(c -> belongsTo(found.key, c)).findFirst()
                .orElseThrow(() -> new InvalidPushCertificateException(
                        "The private key does not belong to the certificate"
                                + (found.certificates.size() > 1 ? "s" : "") + " in the file."));
        return new PushCredentials(certificate, found.key, topicOf(certificate));
    }

    /** Refuses a certificate that has expired or is not valid yet. */
    void requireInDate(Instant now) throws InvalidPushCertificateException {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new InvalidPushCertificateException("The push certificate expired on " + notAfter()
                    + ". Renew it in Apple's Push Certificates Portal (same Apple ID, 'Renew') and install the new one.");
        } catch (CertificateNotYetValidException e) {
            throw new InvalidPushCertificateException("The push certificate is not valid before "
                    + certificate.getNotBefore().toInstant() + "; check the server's clock.");
        }
    }

    /** Never shows the private key. */
    @Override
    public String toString() {
        return "PushCredentials[topic=" + topic + ", notAfter=" + notAfter() + "]";
    }

    Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    PushCertificate describe() {
        return new PushCertificate(topic, certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                notAfter());
    }

    /** Certificate then PKCS#8 private key, as PEM: the form Chariot stores. */
    String toPem() {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(certificate);
            pem.writeObject(new JcaPKCS8Generator(privateKey, null));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the push certificate as PEM", e);
        }
        return text.toString();
    }

    private static boolean looksLikePem(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.US_ASCII).contains("-----BEGIN ");
    }

    private static CertificatesAndKey readPem(byte[] bytes, char[] password) throws InvalidPushCertificateException {
        CertificatesAndKey found = new CertificatesAndKey();
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        JcaX509CertificateConverter certificates = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.US_ASCII))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    found.certificates.add(certificates.getCertificate(holder));
                } else if (item instanceof PrivateKeyInfo info) {
                    found.addKey(keys.getPrivateKey(info));
                } else if (item instanceof PEMKeyPair pair) {
                    found.addKey(keys.getKeyPair(pair).getPrivate());
                } else if (item instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    found.addKey(keys.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().build(requirePassword(password)))));
                } else if (item instanceof PEMEncryptedKeyPair encrypted) {
                    found.addKey(keys.getKeyPair(encrypted.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().build(requirePassword(password)))).getPrivate());
                }
                // Anything else (EC parameters, certificate requests) does not matter here.
            }
        } catch (PKCSException | OperatorCreationException e) {
            throw new InvalidPushCertificateException("Cannot decrypt the private key: wrong password?", e);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new InvalidPushCertificateException("The PEM file cannot be read (" + e.getMessage() + "). "
                    + EXPECTED + ".", e);
        }
        return found;
    }

    private static char[] requirePassword(char[] password) throws InvalidPushCertificateException {
        if (password == null || password.length == 0) {
            throw new InvalidPushCertificateException("The private key is encrypted: give its password.");
        }
        return password;
    }

    private static CertificatesAndKey readPkcs12(byte[] bytes, char[] password) throws InvalidPushCertificateException {
        char[] secret = password == null ? new char[0] : password;
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), secret);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new InvalidPushCertificateException("Cannot open the PKCS#12 file: wrong password.", e);
            }
            throw new InvalidPushCertificateException("The file is neither PEM nor a PKCS#12 file that can be read "
                    + "(or the password is wrong). " + EXPECTED + ".", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new InvalidPushCertificateException("The PKCS#12 file cannot be read (" + e.getMessage() + "). "
                    + EXPECTED + ".", e);
        }
        CertificatesAndKey found = new CertificatesAndKey();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, secret);
                    if (key instanceof PrivateKey privateKey) {
                        found.addKey(privateKey);
                        Certificate[] chain = store.getCertificateChain(alias);
                        for (Certificate certificate : chain == null ? new Certificate[0] : chain) {
                            found.certificates.add((X509Certificate) certificate);
                        }
                    }
                } else if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                    found.certificates.add(certificate);
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new InvalidPushCertificateException("Cannot open the private key of the PKCS#12 file: it has "
                    + "another password than the file.", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new InvalidPushCertificateException("The PKCS#12 file cannot be read (" + e.getMessage() + ").", e);
        }
        return found;
    }

    /** Signs a sample with the key and verifies it with the certificate: works for any key algorithm. */
    private static boolean belongsTo(PrivateKey key, X509Certificate certificate) {
        PublicKey publicKey = certificate.getPublicKey();
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] sample = "chariot push certificate check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(sample);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(sample);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String topicOf(X509Certificate certificate) throws InvalidPushCertificateException {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] uids = subject.getRDNs(BCStyle.UID);
        if (uids.length == 0) {
            throw new InvalidPushCertificateException("The certificate's subject has no UID, so it is not an MDM push "
                    + "certificate (its UID, com.apple.mgmt.External.<uuid>, is the topic devices enroll with).");
        }
        ASN1Encodable value = uids[0].getFirst().getValue();
        String uid = value instanceof ASN1String text ? text.getString() : value.toString();
        if (!uid.startsWith(TOPIC_PREFIX)) {
            throw new InvalidPushCertificateException("The certificate's UID is '" + uid + "': not an MDM push "
                    + "certificate, whose UID starts " + TOPIC_PREFIX + " (request one for MDM in Apple's Push "
                    + "Certificates Portal).");
        }
        return uid;
    }

    private static final class CertificatesAndKey {
        final List<X509Certificate> certificates = new ArrayList<>();
        PrivateKey key;

        void addKey(PrivateKey another) throws InvalidPushCertificateException {
            if (key != null) {
                throw new InvalidPushCertificateException(
                        "The file holds more than one private key: keep only the push certificate's.");
            }
            key = another;
        }
    }
}
