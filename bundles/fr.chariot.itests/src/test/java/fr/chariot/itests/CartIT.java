package fr.chariot.itests;

import static fr.chariot.itests.support.Http.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.itests.support.Api;
import fr.chariot.itests.support.Http;
import fr.chariot.itests.support.ServerProcess;
import fr.chariot.itests.support.TestHome;
import fr.chariot.plist.api.Plist;
import fr.chariot.simulator.api.SimulatedApns;
import fr.chariot.simulator.api.SimulatedCart;
import fr.chariot.simulator.api.SimulatedIpad;

/**
 * A cart of simulated iPads against the real server ({@code bin/chariot}) over real HTTP, with pushes through a
 * simulated APNs: what a college's cart does, and what a hostile or broken device must not achieve.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CartIT {

    private static final String RNE = "0310001A";
    private static final String ADMIN_PASSWORD = "mot-de-passe-de-test-42";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static SimulatedApns apns;
    private static TestHome home;
    private static ServerProcess server;
    private static Api api;
    private static SimulatedCart cart;
    private static int httpsPort;

    @BeforeAll
    static void startServerAndEnrollACart() throws Exception {
        apns = SimulatedApns.start();
        home = TestHome.copyOfDistribution("cart");
        httpsPort = TestHome.freePort();
        Path apnsCa = Files.writeString(home.home.resolve("simulated-apns-ca.pem"), apns.serverCaPem());
        server = ServerProcess.start(home, environment(apnsCa), "cart.out");
        awaitServer();
        api = Api.login(home.baseUrl(), "admin", ADMIN_PASSWORD);
        api.post("/api/v1/sites", 201, Map.of("rne", RNE, "name", "Collège Jean Jaurès"));
        api.put("/api/v1/push-certificate", apns.pushCertificatePem().getBytes(StandardCharsets.UTF_8));

        cart = SimulatedCart.create(RNE, 19, 4200);
        cart.enrollAll(URI.create(home.baseUrl()), apns);
        awaitInventoryDone();
    }

    /**
     * Waits until what the inventory queues at enrollment (and what its answers lead to: UserList, a rename, a new
     * DeviceInformation) is done on every iPad, so that the tests below that play the device themselves find their
     * own command first in its queue. Quiet means no open command on any iPad three times in a row, since a result
     * handler queues the next command just after the previous one completes.
     */
    private static void awaitInventoryDone() throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int quietRounds = 0;
        while (quietRounds < 3) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the cart's enrollment inventory never completed");
            }
            cart.awaitIdle(TIMEOUT);
            boolean quiet = true;
            for (SimulatedIpad ipad : cart.ipads()) {
                for (JsonNode command : api.get("/api/v1/devices/" + ipad.udid() + "/commands")) {
                    quiet &= List.of("ACKNOWLEDGED", "ERROR").contains(command.get("status").asText());
                }
            }
            quietRounds = quiet ? quietRounds + 1 : 0;
            Thread.sleep(300);
        }
    }

    private static Map<String, String> environment(Path apnsCa) {
        Map<String, String> env = new HashMap<>(home.environment());
        env.put("CHARIOT_APNS_HOST", "127.0.0.1");
        env.put("CHARIOT_APNS_PORT", Integer.toString(apns.port()));
        env.put("CHARIOT_APNS_TRUSTED_CA", apnsCa.toString());
        env.put("CHARIOT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("CHARIOT_HTTPS_ENABLED", "true");
        env.put("CHARIOT_HTTPS_PORT", Integer.toString(httpsPort));
        return env;
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.terminate(Duration.ofSeconds(30));
        }
        if (apns != null) {
            apns.close();
        }
    }

    @Test
    @Order(1)
    void theWholeCartIsEnrolledInItsCollege() throws Exception {
        JsonNode devices = api.get("/api/v1/devices?site=" + RNE + "&size=100");
        assertEquals(19, devices.get("total").asInt());
        for (JsonNode device : devices.get("items")) {
            assertTrue(device.get("enrolled").asBoolean(), device.toString());
            assertEquals(RNE, device.get("site").asText());
        }
    }

    @Test
    @Order(2) // before the tests that take iPads off the simulated APNs
    void aQueuedDeviceInformationReachesEveryIpadThroughAPushAndItsAnswerIsStored() throws Exception {
        Map<String, String> queued = new LinkedHashMap<>();
        for (SimulatedIpad ipad : cart.ipads()) {
            JsonNode accepted = api.post("/api/v1/devices/" + ipad.udid() + "/commands", 202,
                    Map.of("requestType", "DeviceInformation", "Queries", List.of("DeviceName", "BatteryLevel")));
            queued.put(ipad.udid(), accepted.get("commandUuid").asText());
        }
        for (Map.Entry<String, String> command : queued.entrySet()) {
            awaitStatus(command.getKey(), command.getValue(), "ACKNOWLEDGED");
        }
        for (SimulatedIpad ipad : cart.ipads()) {
            JsonNode answer = command(ipad.udid(), queued.get(ipad.udid())).get("response").get("QueryResponses");
            assertEquals(ipad.deviceName(), answer.get("DeviceName").asText(), "the iPad's own answer is stored");
            assertEquals(ipad.batteryLevel(), answer.get("BatteryLevel").asDouble(), 0.05);
            assertTrue(apns.pushesAccepted(ipad.pushToken()) >= 1, "the server's push woke " + ipad.udid());
            assertTrue(ipad.lastSession().orElseThrow().requestTypes().contains("DeviceInformation"));
        }
    }

    @Test
    void overChariotsOwnHttpsADeviceMayAuthenticateWithItsTlsClientCertificate() throws Exception {
        SimulatedIpad ipad = cart.ipads().get(12);
        SimulatedIpad other = cart.ipads().get(13);
        apns.unregister(ipad.pushToken());
        String uuid = api.post("/api/v1/devices/" + ipad.udid() + "/commands", 202,
                Map.of("requestType", "SecurityInfo")).get("commandUuid").asText();
        URI connect = URI.create("https://localhost:" + httpsPort + "/mdm/connect");
        byte[] idle = Plist.toXml(Map.of("UDID", ipad.udid(), "Status", "Idle"));
        HttpClient asIpad = HttpClient.newBuilder().sslContext(ipad.tlsContext()).build();
        HttpResponse<byte[]> reply = awaitHttps(asIpad, connect, idle);

        assertEquals(200, reply.statusCode(), "the TLS client certificate alone authenticates the iPad");
        assertEquals(uuid, Plist.parseDictionary(reply.body()).get("CommandUUID"));
        HttpClient asOther = HttpClient.newBuilder().sslContext(other.tlsContext()).build();
        assertEquals(403, asOther.send(put(connect, idle), HttpResponse.BodyHandlers.ofString()).statusCode(),
                "another iPad's certificate cannot speak for it");
        HttpClient anonymous = HttpClient.newBuilder().sslContext(trustingChariotOnly()).build();
        assertEquals(401, anonymous.send(put(connect, idle), HttpResponse.BodyHandlers.ofString()).statusCode(),
                "no certificate and no signature: refused");
    }

    /**
     * Waits for HTTP, then for HTTPS: Chariot configures HTTPS once its CA is ready, and Jetty restarts to take it,
     * so requests made in between could meet a closed port.
     */
    private static void awaitServer() throws Exception {
        new Http(home.baseUrl()).await("/health", status(200), TIMEOUT);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                HttpClient https = HttpClient.newBuilder().sslContext(trustingChariotOnly()).build();
                if (https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/health"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) { // the CA file or the HTTPS connector is not there yet
                if (notYet instanceof InterruptedException) {
                    throw notYet;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("HTTPS never answered on port " + httpsPort);
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the server accepts the TLS connection, then sends the request. */
    private static HttpResponse<byte[]> awaitHttps(HttpClient client, URI uri, byte[] body) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return client.send(put(uri, body), HttpResponse.BodyHandlers.ofByteArray());
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    private static HttpRequest put(URI uri, byte[] body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-apple-aspen-mdm")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static javax.net.ssl.SSLContext trustingChariotOnly() throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("chariot", caCertificate());
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory
                .getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Test
    void aResentResultIsHandledOnce() throws Exception {
        SimulatedIpad ipad = cart.ipads().get(3);
        apns.unregister(ipad.pushToken()); // this test plays the device itself
        String uuid = api.post("/api/v1/devices/" + ipad.udid() + "/commands", 202,
                Map.of("requestType", "ProfileList")).get("commandUuid").asText();

        Map<String, Object> command = Plist.parseDictionary(connect(ipad, Map.of("UDID", ipad.udid(),
                "Status", "Idle")).body());
        assertEquals(uuid, command.get("CommandUUID"));
        Map<String, Object> result = Map.of("UDID", ipad.udid(), "CommandUUID", uuid, "Status", "Acknowledged",
                "ProfileList", List.of());
        assertEquals(200, connect(ipad, result).statusCode());
        JsonNode first = command(ipad.udid(), uuid);
        assertEquals(200, connect(ipad, result).statusCode(), "a resent result is accepted");

        assertEquals(first, command(ipad.udid(), uuid), "and changes nothing");
        assertEquals("ACKNOWLEDGED", first.get("status").asText());
    }

    @Test
    void forgedOrForeignIdentitiesAndOtherDevicesUdidsAreRefusedAndChangeNothing() throws Exception {
        SimulatedIpad victim = cart.ipads().get(5);
        SimulatedIpad attacker = cart.ipads().get(6);
        apns.unregister(victim.pushToken());
        String uuid = api.post("/api/v1/devices/" + victim.udid() + "/commands", 202,
                Map.of("requestType", "SecurityInfo")).get("commandUuid").asText();
        byte[] idle = Plist.toXml(Map.of("UDID", victim.udid(), "Status", "Idle"));

        assertEquals(403, put("/mdm/connect", idle, attacker.mdmSignature(idle)).statusCode(),
                "another device's identity cannot speak for the victim");
        byte[] tampered = Plist.toXml(Map.of("UDID", victim.udid(), "Status", "Idle", "X", "y"));
        assertEquals(401, put("/mdm/connect", tampered, victim.mdmSignature(idle)).statusCode(),
                "a signature over another body is refused");
        KeyPair foreignKeys = rsa();
        X509Certificate foreign = certificate(foreignKeys, "CN=Foreign CA", foreignKeys.getPrivate(),
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        assertEquals(401, put("/mdm/connect", idle, sign(idle, foreignKeys.getPrivate(), foreign)).statusCode(),
                "an identity from another CA is refused");
        KeyPair expiredKeys = rsa();
        X509Certificate expired = certificate(expiredKeys, "CN=" + victim.udid(), chariotCaKey(),
                Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1)));
        assertEquals(401, put("/mdm/connect", idle, sign(idle, expiredKeys.getPrivate(), expired)).statusCode(),
                "an expired identity, even from Chariot's CA, is refused");
        assertEquals(401, put("/mdm/connect", idle, null).statusCode(), "an unsigned request is refused");

        assertEquals("PENDING", command(victim.udid(), uuid).get("status").asText(),
                "none of them fetched the victim's command");
        assertEquals(19, api.get("/api/v1/devices?site=" + RNE + "&size=100").get("total").asInt());
    }

    @Test
    void anXxeBodyGets400AndReadsNoFile() throws Exception {
        SimulatedIpad ipad = cart.ipads().get(7);
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE plist [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<plist version=\"1.0\"><dict><key>UDID</key><string>&x;</string><key>Status</key>"
                + "<string>Idle</string></dict></plist>").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = put("/mdm/connect", xxe, ipad.mdmSignature(xxe));
        assertEquals(400, r.statusCode());
        assertTrue(!r.body().contains("root:"), "no file content comes back");
    }

    @Test
    void anUnknownDeviceIsToldToUnenroll() throws Exception {
        SimulatedIpad ipad = cart.ipads().get(8);
        byte[] idle = Plist.toXml(Map.of("UDID", "00008103-0000000000000000", "Status", "Idle"));
        HttpResponse<String> r = put("/mdm/connect", idle, ipad.mdmSignature(idle));
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("com.apple.unrecognized.device"), r.body());
    }

    @Test
    @Order(100) // last: it restarts the server
    void aRestartLosesNoQueuedCommand() throws Exception {
        SimulatedIpad ipad = cart.ipads().get(10);
        apns.unregister(ipad.pushToken());
        String uuid = api.post("/api/v1/devices/" + ipad.udid() + "/commands", 202,
                Map.of("requestType", "InstalledApplicationList")).get("commandUuid").asText();

        assertEquals(143, server.terminate(Duration.ofSeconds(30)));
        Path apnsCa = home.home.resolve("simulated-apns-ca.pem");
        server = ServerProcess.start(home, environment(apnsCa), "cart-restarted.out");
        awaitServer();
        api = Api.login(home.baseUrl(), "admin", ADMIN_PASSWORD);

        assertEquals("PENDING", command(ipad.udid(), uuid).get("status").asText());
        ipad.connect();
        assertEquals("ACKNOWLEDGED", command(ipad.udid(), uuid).get("status").asText());
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static HttpResponse<byte[]> connect(SimulatedIpad ipad, Map<String, Object> message) throws Exception {
        byte[] body = Plist.toXml(message);
        return CLIENT.send(request("/mdm/connect", body, ipad.mdmSignature(body)),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> put(String path, byte[] body, String signature) throws Exception {
        return CLIENT.send(request(path, body, signature), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path, byte[] body, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(home.baseUrl() + path))
                .header("Content-Type", "application/x-apple-aspen-mdm")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header("Mdm-Signature", signature);
        }
        return b.build();
    }

    private static JsonNode command(String udid, String uuid) throws Exception {
        JsonNode history = api.get("/api/v1/devices/" + udid + "/commands");
        for (JsonNode c : history) {
            if (uuid.equals(c.get("commandUuid").asText())) {
                return c;
            }
        }
        throw new AssertionError("command " + uuid + " is not in the history of " + udid + ": " + history);
    }

    private static void awaitStatus(String udid, String uuid, String expected) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = command(udid, uuid).get("status").asText();
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("command " + uuid + " of " + udid + " is " + last + ", not " + expected);
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** Chariot's own CA key, read from the server's data folder, to mint an identity that is only expired. */
    private static PrivateKey chariotCaKey() throws Exception {
        try (Reader in = Files.newBufferedReader(home.home.resolve("data/pki/ca-key.pem"));
                PEMParser parser = new PEMParser(in)) {
            Object pem = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return pem instanceof PEMKeyPair pair ? converter.getKeyPair(pair).getPrivate()
                    : converter.getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) pem);
        }
    }

    private static X509Certificate certificate(KeyPair subject, String dn, PrivateKey issuerKey, Instant from,
            Instant to) throws Exception {
        X500Name issuer = issuerKey == subject.getPrivate() ? new X500Name(dn)
                : new JcaX509CertificateHolder(caCertificate()).getSubject();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(64, new java.security.SecureRandom()), Date.from(from), Date.from(to),
                new X500Name(dn), subject.getPublic())
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private static X509Certificate caCertificate() throws Exception {
        try (Reader in = Files.newBufferedReader(home.home.resolve("data/pki/ca-certificate.pem"));
                PEMParser parser = new PEMParser(in)) {
            return new JcaX509CertificateConverter()
                    .getCertificate((org.bouncycastle.cert.X509CertificateHolder) parser.readObject());
        }
    }

    private static String sign(byte[] body, PrivateKey key, X509Certificate certificate) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        JcaSignerInfoGeneratorBuilder infos = new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().build());
        infos.setDirectSignature(true);
        generator.addSignerInfoGenerator(infos.build(new JcaContentSignerBuilder("SHA256withRSA").build(key),
                certificate));
        generator.addCertificate(new JcaX509CertificateHolder(certificate));
        return Base64.getEncoder().encodeToString(
                generator.generate(new CMSProcessableByteArray(body), false).getEncoded());
    }
}
