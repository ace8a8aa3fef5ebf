package fr.chariot.apns.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA that issues the mock APNs server's certificate and "push certificates" shaped like Apple's. */
final class TestPki {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** A certificate with its key. */
    record Issued(X509Certificate certificate, PrivateKey key) {

        /** Certificate then key: the key as PKCS#8 ("PRIVATE KEY") or, with {@code pkcs1}, "RSA PRIVATE KEY". */
        byte[] pem(boolean keyFirst, boolean pkcs1) {
            StringWriter text = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
                if (keyFirst) {
                    writeKey(pem, pkcs1);
                }
                pem.writeObject(certificate);
                if (!keyFirst) {
                    writeKey(pem, pkcs1);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return text.toString().getBytes(StandardCharsets.US_ASCII);
        }

        private void writeKey(JcaPEMWriter pem, boolean pkcs1) throws IOException {
            // JcaPEMWriter writes a bare PrivateKey in OpenSSL's traditional form (PKCS#1 for RSA).
            pem.writeObject(pkcs1 ? key : new JcaPKCS8Generator(key, null));
        }

        byte[] pkcs12(char[] password) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("push", key, password, new X509Certificate[] {certificate});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        }

        String certificatePem() {
            return TestPki.pem(certificate);
        }
    }

    private final Issued ca;

    TestPki(String name) throws Exception {
        KeyPair pair = rsa();
        X500Name subject = new X500Name("CN=" + name);
        JcaX509v3CertificateBuilder builder = builder(subject, subject, pair, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(365)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        this.ca = new Issued(sign(builder, pair.getPrivate()), pair.getPrivate());
    }

    Issued ca() {
        return ca;
    }

    /** The mock APNs server's TLS certificate, for 127.0.0.1 and localhost. */
    Issued server() throws Exception {
        KeyPair pair = rsa();
        JcaX509v3CertificateBuilder builder = builder(issuer(), new X500Name("CN=localhost"), pair,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        return new Issued(sign(builder, ca.key), pair.getPrivate());
    }

    /** A push certificate whose subject UID is {@code uid} (Apple's: {@code com.apple.mgmt.External.<uuid>}). */
    Issued push(String uid, Instant notBefore, Instant notAfter) throws Exception {
        KeyPair pair = rsa();
        X500Name subject = new X500Name("UID=" + uid + ",CN=APSP:" + UUID.randomUUID() + ",C=FR");
        return new Issued(sign(builder(issuer(), subject, pair, notBefore, notAfter), ca.key), pair.getPrivate());
    }

    Issued push(String uid) throws Exception {
        return push(uid, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
    }

    /** A push certificate without any UID in its subject. */
    Issued withoutUid() throws Exception {
        KeyPair pair = rsa();
        return new Issued(sign(builder(issuer(), new X500Name("CN=Not a push certificate"), pair,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30))), ca.key),
                pair.getPrivate());
    }

    static String topic() {
        return "com.apple.mgmt.External." + UUID.randomUUID();
    }

    static String pem(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(certificate);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    private X500Name issuer() {
        return X500Name.getInstance(ca.certificate.getSubjectX500Principal().getEncoded());
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair pair,
            Instant notBefore, Instant notAfter) {
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), subject, pair.getPublic());
    }

    private X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
    }
}
