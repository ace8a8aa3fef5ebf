package fr.chariot.pki.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiFilesTest {

    private static final Clock CLOCK = Clock.fixed(TestPki.NOW, ZoneOffset.UTC);

    @TempDir
    Path data;

    private Path folder() {
        return data.resolve("pki");
    }

    @Test
    void firstStartCreatesTheCaAndTheProfileSignerWithPrivateKeysReadableByTheOwnerOnly() throws Exception {
        PkiKeys keys = PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM);

        for (String key : List.of(PkiFiles.CA_KEY, PkiFiles.SIGNING_KEY)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder().resolve(key))),
                    key);
            assertTrue(Files.readString(folder().resolve(key)).startsWith("-----BEGIN PRIVATE KEY-----"), key);
        }
        assertTrue(Files.readString(folder().resolve(PkiFiles.CA_CERTIFICATE)).startsWith("-----BEGIN CERTIFICATE-----"));

        X509Certificate ca = keys.caCertificate();
        assertEquals("CN=Chariot Device CA,O=Chariot", ca.getSubjectX500Principal().getName());
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        ca.verify(ca.getPublicKey());
        assertTrue(ca.getBasicConstraints() >= 0, "a CA");
        // keyCertSign (5) and cRLSign (6), nothing else
        assertArrayEquals(new boolean[] { false, false, false, false, false, true, true, false, false },
                ca.getKeyUsage());
        assertEquals(Duration.ofDays(3653), Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()));
        assertEquals(2048, ((java.security.interfaces.RSAPublicKey) ca.getPublicKey()).getModulus().bitLength());

        X509Certificate signing = keys.signingCertificate();
        assertEquals("CN=Chariot Profile Signing,O=Chariot", signing.getSubjectX500Principal().getName());
        signing.verify(ca.getPublicKey());
        assertEquals(-1, signing.getBasicConstraints());
        assertArrayEquals(new boolean[] { true, false, false, false, false, false, false, false, false },
                signing.getKeyUsage());
        assertEquals(List.of(KeyPurposeId.id_kp_codeSigning.getId()), signing.getExtendedKeyUsage());
        assertEquals(Duration.ofDays(1826),
                Duration.between(signing.getNotBefore().toInstant(), signing.getNotAfter().toInstant()));
    }

    @Test
    void laterStartsLoadTheSameKeysWithoutRewritingAnything() throws Exception {
        PkiKeys first = PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM);
        byte[] caKeyFile = Files.readAllBytes(folder().resolve(PkiFiles.CA_KEY));

        PkiKeys second = PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM);

        assertEquals(Crypto.fingerprint(first.caCertificate()), Crypto.fingerprint(second.caCertificate()));
        assertEquals(Crypto.fingerprint(first.signingCertificate()), Crypto.fingerprint(second.signingCertificate()));
        assertArrayEquals(first.caKey().getEncoded(), second.caKey().getEncoded());
        assertArrayEquals(first.signingKey().getEncoded(), second.signingKey().getEncoded());
        assertArrayEquals(caKeyFile, Files.readAllBytes(folder().resolve(PkiFiles.CA_KEY)));
    }

    @Test
    void aCorruptKeyFailsClearlyAndIsLeftAsItWas() throws Exception {
        PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM);
        Path caKey = folder().resolve(PkiFiles.CA_KEY);
        String corrupt = "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n";
        Files.writeString(caKey, corrupt);
        byte[] caCertificate = Files.readAllBytes(folder().resolve(PkiFiles.CA_CERTIFICATE));

        KeyMaterialException e = assertThrows(KeyMaterialException.class,
                () -> PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM));

        assertTrue(e.getMessage().contains(caKey.toString()), e.getMessage());
        assertEquals(corrupt, Files.readString(caKey, StandardCharsets.US_ASCII));
        assertArrayEquals(caCertificate, Files.readAllBytes(folder().resolve(PkiFiles.CA_CERTIFICATE)));
    }

    @Test
    void aCertificateFileHoldingSomethingElseIsRefused() throws Exception {
        PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM);
        Files.writeString(folder().resolve(PkiFiles.SIGNING_CERTIFICATE), "just text\n");

        KeyMaterialException e = assertThrows(KeyMaterialException.class,
                () -> PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM));
        assertTrue(e.getMessage().contains(PkiFiles.SIGNING_CERTIFICATE), e.getMessage());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM);
        Path otherFolder = data.resolve("other");
        PkiFiles.loadOrCreate(otherFolder, CLOCK, TestPki.RANDOM);
        Files.delete(folder().resolve(PkiFiles.SIGNING_KEY));
        Files.copy(otherFolder.resolve(PkiFiles.SIGNING_KEY), folder().resolve(PkiFiles.SIGNING_KEY));

        KeyMaterialException e = assertThrows(KeyMaterialException.class,
                () -> PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void halfAPairIsNeverCompletedByGeneratingTheOtherHalf() throws Exception {
        PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM);
        Files.delete(folder().resolve(PkiFiles.CA_CERTIFICATE));

        KeyMaterialException e = assertThrows(KeyMaterialException.class,
                () -> PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM));

        assertTrue(e.getMessage().contains(PkiFiles.CA_CERTIFICATE), e.getMessage());
        assertFalse(Files.exists(folder().resolve(PkiFiles.CA_CERTIFICATE)));
    }

    @Test
    void aProfileSignerWithoutItsCaIsRefusedRatherThanGivenANewCa() throws Exception {
        PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM);
        Files.delete(folder().resolve(PkiFiles.CA_CERTIFICATE));
        Files.delete(folder().resolve(PkiFiles.CA_KEY));

        KeyMaterialException e = assertThrows(KeyMaterialException.class,
                () -> PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM));

        assertTrue(e.getMessage().contains("CA that issued them"), e.getMessage());
        assertFalse(Files.exists(folder().resolve(PkiFiles.CA_KEY)));
    }

    @Test
    void aMissingProfileSignerIsIssuedByTheExistingCa() throws Exception {
        PkiKeys first = PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM);
        Files.delete(folder().resolve(PkiFiles.SIGNING_CERTIFICATE));
        Files.delete(folder().resolve(PkiFiles.SIGNING_KEY));

        PkiKeys second = PkiFiles.loadOrCreate(folder(), CLOCK, TestPki.RANDOM);

        assertEquals(Crypto.fingerprint(first.caCertificate()), Crypto.fingerprint(second.caCertificate()));
        second.signingCertificate().verify(first.caCertificate().getPublicKey());
    }
}
