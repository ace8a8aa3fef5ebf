package fr.chariot.pki.internal.https;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.chariot.pki.internal.Crypto;
import fr.chariot.pki.internal.KeyMaterialException;
import fr.chariot.pki.internal.PkiKeys;
import fr.chariot.pki.internal.ServerNames;
import fr.chariot.pki.internal.TestPki;
import fr.chariot.pki.internal.https.HttpsFiles.Store;

class HttpsFilesTest {

    private static final Clock CLOCK = Clock.fixed(TestPki.NOW, ZoneOffset.UTC);
    private static final ServerNames NAMES = ServerNames.parse("chariot.example.fr,localhost,127.0.0.1,::1");

    @TempDir
    Path data;

    private Path folder() {
        return data.resolve("pki").resolve(HttpsFiles.FOLDER);
    }

    private Store generate(ServerNames names, PkiKeys ca, Clock clock) throws KeyMaterialException {
        return HttpsFiles.serverKeystore(folder(), names, ca, clock, TestPki.RANDOM);
    }

    static KeyStore load(Store store) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store.file())) {
            keyStore.load(in, store.password().toCharArray());
        }
        return keyStore;
    }

    private static X509Certificate serverCertificate(Store store) throws Exception {
        return (X509Certificate) load(store).getCertificate(HttpsFiles.SERVER_ALIAS);
    }

    private static String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void theGeneratedCertificateChainsToTheDeviceCaNamesTheHostsAndServesTlsOnly() throws Exception {
        PkiKeys ca = TestPki.keys();
        Store store = generate(NAMES, ca, CLOCK);

        assertEquals(folder().resolve(HttpsFiles.KEYSTORE), store.file());
        assertEquals(store.password(), Files.readString(folder().resolve(HttpsFiles.KEYSTORE_PASSWORD)));
        assertTrue(store.password().length() >= 32, "a long random password");
        KeyStore keyStore = load(store);
        assertEquals(List.of(HttpsFiles.SERVER_ALIAS), Collections.list(keyStore.aliases()));
        PrivateKey key = (PrivateKey) keyStore.getKey(HttpsFiles.SERVER_ALIAS, store.password().toCharArray());
        X509Certificate certificate = (X509Certificate) keyStore.getCertificate(HttpsFiles.SERVER_ALIAS);
        assertTrue(Crypto.isPair(key, certificate.getPublicKey()));
        assertEquals(2048, ((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength());

        // the chain sent to clients: the server certificate, then the CA
        java.security.cert.Certificate[] chain = keyStore.getCertificateChain(HttpsFiles.SERVER_ALIAS);
        assertEquals(2, chain.length);
        assertEquals(ca.caCertificate(), chain[1]);
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(ca.caCertificate(), null)));
        pkix.setRevocationEnabled(false);
        pkix.setDate(Date.from(TestPki.NOW));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), pkix);

        assertEquals("CN=chariot.example.fr,O=Chariot", certificate.getSubjectX500Principal().getName());
        assertEquals(List.of(List.of(2, "chariot.example.fr"), List.of(2, "localhost"), List.of(7, "127.0.0.1"),
                List.of(7, "0:0:0:0:0:0:0:1")), List.copyOf(certificate.getSubjectAlternativeNames()));
        assertEquals(List.of(KeyPurposeId.id_kp_serverAuth.getId()), certificate.getExtendedKeyUsage());
        assertEquals(-1, certificate.getBasicConstraints());
        // digitalSignature (0) and keyEncipherment (2)
        assertArrayEquals(new boolean[] { true, false, true, false, false, false, false, false, false },
                certificate.getKeyUsage());
        Duration validity = Duration.between(certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
        assertTrue(validity.compareTo(Duration.ofDays(825)) <= 0, "Apple's limit: " + validity);
        assertEquals(TestPki.NOW.plus(Duration.ofDays(730)), certificate.getNotAfter().toInstant());
    }

    @Test
    void theFilesAndTheirFolderAreTheOwnersOnly() throws Exception {
        generate(NAMES, TestPki.keys(), CLOCK);
        HttpsFiles.truststore(folder(), TestPki.keys().caCertificate(), TestPki.RANDOM);

        assertEquals("rwx------", permissions(folder()));
        for (String file : List.of(HttpsFiles.KEYSTORE, HttpsFiles.KEYSTORE_PASSWORD, HttpsFiles.TRUSTSTORE,
                HttpsFiles.TRUSTSTORE_PASSWORD)) {
            assertEquals("rw-------", permissions(folder().resolve(file)), file);
        }
    }

    @Test
    void aLaterStartReusesTheKeystoreWhenTheNamesAreTheSameInAnotherOrder() throws Exception {
        Store first = generate(NAMES, TestPki.keys(), CLOCK);
        byte[] bytes = Files.readAllBytes(first.file());

        Store second = generate(ServerNames.parse("::1", "127.0.0.1", "LOCALHOST", "chariot.example.fr"),
                TestPki.keys(), CLOCK);

        assertEquals(first, second);
        assertArrayEquals(bytes, Files.readAllBytes(second.file()));
        assertFalse(Files.exists(folder().resolve(HttpsFiles.KEYSTORE + HttpsFiles.BACKUP_SUFFIX)));
    }

    @Test
    void otherNamesIssueANewCertificateAndKeepTheOldFilesAsBackups() throws Exception {
        Store first = generate(NAMES, TestPki.keys(), CLOCK);
        X509Certificate old = serverCertificate(first);

        Store second = generate(ServerNames.parse("mdm.example.fr"), TestPki.keys(), CLOCK);

        X509Certificate renewed = serverCertificate(second);
        assertEquals(List.of(List.of(2, "mdm.example.fr")), List.copyOf(renewed.getSubjectAlternativeNames()));
        renewed.verify(TestPki.keys().caCertificate().getPublicKey());
        assertFalse(first.password().equals(second.password()), "a new password");
        Store backup = new Store(folder().resolve(HttpsFiles.KEYSTORE + HttpsFiles.BACKUP_SUFFIX),
                Files.readString(folder().resolve(HttpsFiles.KEYSTORE_PASSWORD + HttpsFiles.BACKUP_SUFFIX)));
        assertEquals(old, serverCertificate(backup));
        assertEquals("rw-------", permissions(backup.file()));
    }

    @Test
    void aCertificateExpiringWithinThirtyDaysIsIssuedAgainButNotBefore() throws Exception {
        Store first = generate(NAMES, TestPki.keys(), CLOCK);
        X509Certificate old = serverCertificate(first);
        Instant notAfter = old.getNotAfter().toInstant();

        Store stillFine = generate(NAMES, TestPki.keys(),
                Clock.fixed(notAfter.minus(Duration.ofDays(31)), ZoneOffset.UTC));
        assertEquals(first, stillFine);

        Instant nearTheEnd = notAfter.minus(Duration.ofDays(29));
        Store renewed = generate(NAMES, TestPki.keys(), Clock.fixed(nearTheEnd, ZoneOffset.UTC));
        assertNotEquals(old, serverCertificate(renewed));
        assertEquals(nearTheEnd.plus(Duration.ofDays(730)), serverCertificate(renewed).getNotAfter().toInstant());
    }

    @Test
    void aCertificateFromAnotherCaOrADamagedKeystoreIsIssuedAgainByTheCurrentCa() throws Exception {
        generate(NAMES, TestPki.otherKeys(), CLOCK);

        Store reissued = generate(NAMES, TestPki.keys(), CLOCK);
        serverCertificate(reissued).verify(TestPki.keys().caCertificate().getPublicKey());

        Files.write(reissued.file(), new byte[] { 1, 2, 3 });
        Store afterDamage = generate(NAMES, TestPki.keys(), CLOCK);
        serverCertificate(afterDamage).verify(TestPki.keys().caCertificate().getPublicKey());
        assertArrayEquals(new byte[] { 1, 2, 3 },
                Files.readAllBytes(folder().resolve(HttpsFiles.KEYSTORE + HttpsFiles.BACKUP_SUFFIX)));

        Files.delete(folder().resolve(HttpsFiles.KEYSTORE_PASSWORD));
        Store afterLostPassword = generate(NAMES, TestPki.keys(), CLOCK);
        assertEquals(afterLostPassword.password(),
                Files.readString(folder().resolve(HttpsFiles.KEYSTORE_PASSWORD)));
        serverCertificate(afterLostPassword).verify(TestPki.keys().caCertificate().getPublicKey());
    }

    @Test
    void theTruststoreHoldsTheDeviceCaAloneAndFollowsIt() throws Exception {
        X509Certificate ca = TestPki.keys().caCertificate();
        Store first = HttpsFiles.truststore(folder(), ca, TestPki.RANDOM);

        KeyStore truststore = load(first);
        List<String> aliases = Collections.list(truststore.aliases());
        assertEquals(1, aliases.size());
        assertTrue(truststore.isCertificateEntry(aliases.get(0)));
        assertEquals(ca, truststore.getCertificate(aliases.get(0)));

        byte[] bytes = Files.readAllBytes(first.file());
        assertEquals(first, HttpsFiles.truststore(folder(), ca, TestPki.RANDOM));
        assertArrayEquals(bytes, Files.readAllBytes(first.file()));

        Store other = HttpsFiles.truststore(folder(), TestPki.otherKeys().caCertificate(), TestPki.RANDOM);
        KeyStore otherTruststore = load(other);
        assertEquals(TestPki.otherKeys().caCertificate(),
                otherTruststore.getCertificate(Collections.list(otherTruststore.aliases()).get(0)));
    }

    @Test
    void aConfiguredKeystoreIsAcceptedAsItIs() throws Exception {
        Store generated = generate(NAMES, TestPki.keys(), CLOCK);
        byte[] bytes = Files.readAllBytes(generated.file());

        Store configured = HttpsFiles.configuredKeystore(generated.file(), generated.password());

        assertEquals(generated, configured);
        assertArrayEquals(bytes, Files.readAllBytes(generated.file()));
    }

    @Test
    void aConfiguredKeystoreThatCannotServeIsRefusedWithItsPathInTheMessage() throws Exception {
        Store generated = generate(NAMES, TestPki.keys(), CLOCK);
        Store truststore = HttpsFiles.truststore(folder(), TestPki.keys().caCertificate(), TestPki.RANDOM);
        Path missing = data.resolve("missing.p12");

        KeyMaterialException wrongPassword = assertThrows(KeyMaterialException.class,
                () -> HttpsFiles.configuredKeystore(generated.file(), "not the password"));
        KeyMaterialException noFile = assertThrows(KeyMaterialException.class,
                () -> HttpsFiles.configuredKeystore(missing, "secret"));
        KeyMaterialException noKey = assertThrows(KeyMaterialException.class,
                () -> HttpsFiles.configuredKeystore(truststore.file(), truststore.password()));

        assertTrue(wrongPassword.getMessage().contains(generated.file() + " cannot be opened"),
                wrongPassword.getMessage());
        assertTrue(noFile.getMessage().contains(missing + " does not exist"), noFile.getMessage());
        assertTrue(noKey.getMessage().contains("holds no private key"), noKey.getMessage());
    }
}
