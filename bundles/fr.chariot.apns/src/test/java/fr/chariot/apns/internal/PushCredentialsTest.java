package fr.chariot.apns.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.chariot.apns.api.InvalidPushCertificateException;

class PushCredentialsTest {

    private static TestPki pki;
    private static String topic;
    private static TestPki.Issued push;

    @BeforeAll
    static void issue() throws Exception {
        pki = new TestPki("Credentials test CA");
        topic = TestPki.topic();
        push = pki.push(topic);
    }

    @Test
    void readsPemWithCertificateThenPkcs8Key() throws Exception {
        PushCredentials credentials = PushCredentials.read(push.pem(false, false), null);

        assertEquals(topic, credentials.topic());
        assertEquals(push.certificate(), credentials.certificate());
        assertArrayEquals(push.key().getEncoded(), credentials.privateKey().getEncoded());
        assertTrue(credentials.describe().subject().contains("UID=" + topic), credentials.describe().subject());
    }

    @Test
    void readsPemWithPkcs1KeyBeforeTheCertificate() throws Exception {
        String pem = new String(push.pem(true, true), StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN RSA PRIVATE KEY-----"), "the test must really use PKCS#1 first");

        assertEquals(topic, PushCredentials.read(push.pem(true, true), null).topic());
    }

    @Test
    void picksTheCertificateOfTheKeyAmongSeveral() throws Exception {
        byte[] pem = (pki.ca().certificatePem() + new String(push.pem(false, false), StandardCharsets.US_ASCII))
                .getBytes(StandardCharsets.US_ASCII);

        assertEquals(push.certificate(), PushCredentials.read(pem, null).certificate());
    }

    @Test
    void readsPkcs12WithItsPassword() throws Exception {
        byte[] p12 = push.pkcs12("secret".toCharArray());

        PushCredentials credentials = PushCredentials.read(p12, "secret".toCharArray());

        assertEquals(topic, credentials.topic());
        assertEquals(push.certificate(), credentials.certificate());
    }

    @Test
    void refusesPkcs12WithAWrongPassword() throws Exception {
        byte[] p12 = push.pkcs12("secret".toCharArray());

        InvalidPushCertificateException refused = assertThrows(InvalidPushCertificateException.class,
                () -> PushCredentials.read(p12, "guess".toCharArray()));
        assertTrue(refused.getMessage().contains("password"), refused.getMessage());
    }

    @Test
    void refusesAKeyThatIsNotTheCertificates() throws Exception {
        TestPki.Issued other = pki.push(topic);
        byte[] mismatched = (push.certificatePem() + new String(other.pem(false, false), StandardCharsets.US_ASCII)
                .replaceAll("(?s)-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----\\s*", ""))
                .getBytes(StandardCharsets.US_ASCII);

        InvalidPushCertificateException refused = assertThrows(InvalidPushCertificateException.class,
                () -> PushCredentials.read(mismatched, null));
        assertTrue(refused.getMessage().contains("does not belong"), refused.getMessage());
    }

    @Test
    void refusesAUidThatIsNotAnMdmTopic() throws Exception {
        TestPki.Issued appPush = pki.push("com.example.app");

        InvalidPushCertificateException refused = assertThrows(InvalidPushCertificateException.class,
                () -> PushCredentials.read(appPush.pem(false, false), null));
        assertTrue(refused.getMessage().contains("com.apple.mgmt."), refused.getMessage());
    }

    @Test
    void refusesACertificateWithoutUid() throws Exception {
        InvalidPushCertificateException refused = assertThrows(InvalidPushCertificateException.class,
                () -> PushCredentials.read(pki.withoutUid().pem(false, false), null));
        assertTrue(refused.getMessage().contains("no UID"), refused.getMessage());
    }

    @Test
    void refusesACertificateWithoutKey() {
        byte[] pem = push.certificatePem().getBytes(StandardCharsets.US_ASCII);

        InvalidPushCertificateException refused = assertThrows(InvalidPushCertificateException.class,
                () -> PushCredentials.read(pem, null));
        assertTrue(refused.getMessage().contains("no private key"), refused.getMessage());
    }

    @Test
    void refusesEmptyOrUnreadableFiles() {
        assertThrows(InvalidPushCertificateException.class, () -> PushCredentials.read(new byte[0], null));
        assertThrows(InvalidPushCertificateException.class,
                () -> PushCredentials.read("not a certificate".getBytes(StandardCharsets.US_ASCII), null));
        assertThrows(InvalidPushCertificateException.class, () -> PushCredentials.read(
                "-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII),
                null));
    }

    @Test
    void refusesAnExpiredCertificateButStillReadsIt() throws Exception {
        TestPki.Issued expired = pki.push(topic, Instant.now().minus(Duration.ofDays(400)),
                Instant.now().minus(Duration.ofDays(35)));
        PushCredentials credentials = PushCredentials.read(expired.pem(false, false), null);

        InvalidPushCertificateException refused = assertThrows(InvalidPushCertificateException.class,
                () -> credentials.requireInDate(Instant.now()));
        assertTrue(refused.getMessage().contains("expired"), refused.getMessage());
    }

    @Test
    void storedPemReadsBackTheSame() throws Exception {
        PushCredentials credentials = PushCredentials.read(push.pem(true, true), null);

        PushCredentials again = PushCredentials.read(credentials.toPem().getBytes(StandardCharsets.US_ASCII), null);

        assertEquals(credentials.certificate(), again.certificate());
        assertArrayEquals(credentials.privateKey().getEncoded(), again.privateKey().getEncoded());
    }
}
