package fr.chariot.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;

/** The simulated APNs driven by a real Pushy client configured only from what the server would upload. */
class ApnsTest {

    private static Apns apns;
    private static ApnsClient client;

    @BeforeAll
    static void start() throws Exception {
        apns = Apns.start();
        // exactly what a server gets: the CA PEM to trust and the PEM with certificate + PKCS#8 key
        java.security.cert.X509Certificate ca = Pki.certificate(java.util.Base64.getMimeDecoder().decode(
            apns.serverCaPem().replaceAll("-----[A-Z ]+-----", "")));
        String pem = apns.pushCertificatePem();
        assertTrue(pem.contains("BEGIN CERTIFICATE") && pem.contains("BEGIN PRIVATE KEY"));
        org.bouncycastle.openssl.PEMParser parser = new org.bouncycastle.openssl.PEMParser(
            new java.io.InputStreamReader(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII));
        java.security.cert.X509Certificate certificate = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
            .getCertificate((org.bouncycastle.cert.X509CertificateHolder) parser.readObject());
        java.security.PrivateKey key = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter()
            .getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) parser.readObject());
        assertTrue(certificate.getSubjectX500Principal().getName().contains(apns.topic()));
        client = new ApnsClientBuilder().setApnsServer(apns.host(), apns.port()).setTrustedServerCertificateChain(ca)
            .setClientCredentials(certificate, key, null).build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close().get(10, TimeUnit.SECONDS);
        apns.close();
    }

    private static PushNotificationResponse<SimpleApnsPushNotification> push(byte[] token, String payload)
        throws Exception {
        return client.sendNotification(new SimpleApnsPushNotification(HexFormat.of().formatHex(token), apns.topic(),
            payload, Instant.now().plusSeconds(3600), DeliveryPriority.IMMEDIATE, PushType.MDM)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aPushWithTheRightMagicWakesTheChannel() throws Exception {
        byte[] token = Pki.randomBytes(32);
        CountDownLatch woken = new CountDownLatch(1);
        apns.register(token, apns.topic(), "MAGIC-1", woken::countDown);

        PushNotificationResponse<SimpleApnsPushNotification> response = push(token, "{\"mdm\":\"MAGIC-1\"}");

        assertTrue(response.isAccepted(), () -> response.getRejectionReason().orElse(""));
        assertTrue(woken.await(10, TimeUnit.SECONDS), "the connect hook ran");
        assertEquals(1, apns.pushesAccepted(token));
    }

    @Test
    void aWrongPushMagicIsAcceptedAndIgnored() throws Exception {
        byte[] token = Pki.randomBytes(32);
        AtomicInteger wakes = new AtomicInteger();
        apns.register(token, apns.topic(), "RIGHT", wakes::incrementAndGet);
        long ignoredBefore = apns.pushesIgnored();

        assertTrue(push(token, "{\"mdm\":\"WRONG\"}").isAccepted());

        assertEquals(ignoredBefore + 1, apns.pushesIgnored());
        assertEquals(1, apns.pushesAccepted(token));
        assertEquals(0, wakes.get());
    }

    @Test
    void anUnknownTokenIsUnregistered() throws Exception {
        byte[] token = Pki.randomBytes(32);
        PushNotificationResponse<SimpleApnsPushNotification> response = push(token, "{\"mdm\":\"X\"}");
        assertFalse(response.isAccepted());
        assertEquals(410, response.getStatusCode());
        assertEquals("Unregistered", response.getRejectionReason().orElse(""));

        apns.register(token, apns.topic(), "X", () -> { });
        apns.unregister(token);
        assertEquals(410, push(token, "{\"mdm\":\"X\"}").getStatusCode());
    }

    @Test
    void aTokenRegisteredForAnotherTopicIsRefused() throws Exception {
        byte[] token = Pki.randomBytes(32);
        apns.register(token, "com.apple.mgmt.External.other", "X", () -> { });
        PushNotificationResponse<SimpleApnsPushNotification> response = push(token, "{\"mdm\":\"X\"}");
        assertEquals(400, response.getStatusCode());
        assertEquals("DeviceTokenNotForTopic", response.getRejectionReason().orElse(""));
    }
}
