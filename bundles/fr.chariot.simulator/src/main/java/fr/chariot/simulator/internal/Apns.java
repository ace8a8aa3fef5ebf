package fr.chariot.simulator.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;

import fr.chariot.simulator.api.SimulatedApns;
import fr.chariot.simulator.api.SimulatorException;

/** {@link SimulatedApns} on Pushy's {@link MockApnsServer}, with certificates generated at start. */
public final class Apns implements SimulatedApns {

    private static final Logger LOG = LoggerFactory.getLogger(Apns.class);
    private static final String HOST = "127.0.0.1";
    private static final String PATH_PREFIX = "/3/device/";
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PUSH_MAGIC = Pattern.compile("\"mdm\"\\s*:\\s*\"([^\"]*)\"");

    private record Registration(String topic, String pushMagic, Runnable onPush) {
    }

    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> accepted = new ConcurrentHashMap<>();
    private final AtomicLong totalAccepted = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "chariot-apns-delivery");
        thread.setDaemon(true);
        return thread;
    });

    private final X509Certificate caCertificate;
    private final X509Certificate pushCertificate;
    private final PrivateKey pushKey;
    private final String topic;
    private final MockApnsServer server;
    private final int port;

    private Apns() throws Exception {
        KeyPair caKeys = Pki.rsaKeyPair(2048);
        X500Name caName = new X500Name("CN=Chariot Simulated APNs CA,O=Chariot simulator,C=FR");
        caCertificate = Pki.selfSigned(caKeys, caName, Duration.ofDays(3650), true);

        KeyPair serverKeys = Pki.rsaKeyPair(2048);
        X509Certificate serverCertificate = Pki.issue(caName, caKeys.getPrivate(), caCertificate,
            new X500Name("CN=localhost,O=Chariot simulator"), serverKeys.getPublic(), Duration.ofDays(825),
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment), false,
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth},
            new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, HOST),
                new GeneralName(GeneralName.dNSName, "localhost")}));

        String uuid = UUID.randomUUID().toString();
        topic = "com.apple.mgmt.External." + uuid;
        KeyPair pushKeys = Pki.rsaKeyPair(2048);
        X500Name pushName = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.UID, topic)
            .addRDN(BCStyle.CN, "APSP:" + uuid).addRDN(BCStyle.OU, "Chariot simulator").addRDN(BCStyle.C, "FR").build();
        pushCertificate = Pki.issue(caName, caKeys.getPrivate(), caCertificate, pushName, pushKeys.getPublic(),
            Duration.ofDays(365), new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment), false,
            new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, null);
        pushKey = pushKeys.getPrivate();

        server = new MockApnsServerBuilder()
            .setServerCredentials(new X509Certificate[] {serverCertificate, caCertificate}, serverKeys.getPrivate(), null)
            .setTrustedClientCertificateChain(new ByteArrayInputStream(
                Pki.pem(caCertificate).getBytes(StandardCharsets.US_ASCII)))
            .setHandlerFactory(this::handler)
            .build();
        port = server.start(0).get(30, TimeUnit.SECONDS);
    }

    public static Apns start() {
        try {
            Apns apns = new Apns();
            LOG.info("simulated APNs listening on {}:{}, topic {}", HOST, apns.port, apns.topic);
            return apns;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulatorException("interrupted while starting the simulated APNs", e);
        } catch (Exception e) {
            throw new SimulatorException("cannot start the simulated APNs: " + e.getMessage(), e);
        }
    }

    private PushNotificationHandler handler(SSLSession session) {
        String clientTopic = clientTopic(session);
        return (headers, payload) -> {
            try {
                handle(clientTopic, headers, payload);
            } catch (RejectedNotificationException e) {
                rejected.incrementAndGet();
                throw e;
            }
        };
    }

    /** @return the UID of the client certificate: the only topic this connection may push to */
    private static String clientTopic(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            RDN[] uids = new JcaX509CertificateHolder((X509Certificate) chain[0]).getSubject().getRDNs(BCStyle.UID);
            return uids.length == 0 ? null : IETFUtils.valueToString(uids[0].getFirst().getValue());
        } catch (SSLPeerUnverifiedException | java.security.cert.CertificateEncodingException e) {
            return null;
        }
    }

    private void handle(String clientTopic, Http2Headers headers, ByteBuf payload) throws RejectedNotificationException {
        if (clientTopic == null) {
            throw new RejectedNotificationException(RejectionReason.MISSING_PROVIDER_TOKEN);
        }
        CharSequence topicHeader = headers.get("apns-topic");
        String pushTopic = topicHeader == null ? clientTopic : topicHeader.toString();
        if (!pushTopic.equals(clientTopic)) {
            throw new RejectedNotificationException(RejectionReason.TOPIC_DISALLOWED);
        }
        CharSequence pushType = headers.get("apns-push-type");
        if (pushType != null && !"mdm".contentEquals(pushType)) {
            throw new RejectedNotificationException(RejectionReason.INVALID_PUSH_TYPE);
        }
        String path = headers.path() == null ? "" : headers.path().toString();
        String token = path.startsWith(PATH_PREFIX) ? path.substring(PATH_PREFIX.length()) : "";
        if (!TOKEN.matcher(token).matches()) {
            throw new RejectedNotificationException(RejectionReason.BAD_DEVICE_TOKEN);
        }
        Registration registration = registrations.get(token);
        if (registration == null) {
            throw new UnregisteredDeviceTokenException(Instant.now());
        }
        if (!registration.topic().equals(pushTopic)) {
            throw new RejectedNotificationException(RejectionReason.DEVICE_TOKEN_NOT_FOR_TOPIC);
        }
        accepted.computeIfAbsent(token, t -> new AtomicLong()).incrementAndGet();
        totalAccepted.incrementAndGet();
        Matcher magic = PUSH_MAGIC.matcher(payload.toString(StandardCharsets.UTF_8));
        if (magic.find() && magic.group(1).equals(registration.pushMagic())) {
            workers.execute(registration.onPush());
        } else {
            // an iPad silently drops a push whose PushMagic is not the one it sent
            ignored.incrementAndGet();
        }
    }

    private static String hex(byte[] token) {
        return HexFormat.of().formatHex(Objects.requireNonNull(token, "token"));
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public String serverCaPem() {
        return Pki.pem(caCertificate);
    }

    @Override
    public X509Certificate serverCaCertificate() {
        return caCertificate;
    }

    @Override
    public String pushCertificatePem() {
        return Pki.pem(pushCertificate, pushKey);
    }

    @Override
    public X509Certificate pushCertificate() {
        return pushCertificate;
    }

    /** The push certificate's key, for tests that build their own APNs client. */
    public PrivateKey pushKey() {
        return pushKey;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public void register(byte[] token, String topic, String pushMagic, Runnable onPush) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(pushMagic, "pushMagic");
        Objects.requireNonNull(onPush, "onPush");
        if (token.length != 32) {
            throw new IllegalArgumentException("an APNs device token is 32 bytes, not " + token.length);
        }
        registrations.put(hex(token), new Registration(topic, pushMagic, onPush));
    }

    @Override
    public void unregister(byte[] token) {
        registrations.remove(hex(token));
    }

    @Override
    public long pushesAccepted(byte[] token) {
        AtomicLong count = accepted.get(hex(token));
        return count == null ? 0 : count.get();
    }

    @Override
    public long totalPushesAccepted() {
        return totalAccepted.get();
    }

    @Override
    public long pushesIgnored() {
        return ignored.get();
    }

    @Override
    public long pushesRejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the simulated APNs did not stop cleanly: {}", e.toString());
        } finally {
            workers.shutdownNow();
        }
    }
}
