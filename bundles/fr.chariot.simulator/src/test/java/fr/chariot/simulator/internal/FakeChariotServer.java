package fr.chariot.simulator.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSString;
import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Chariot's device endpoints, written from the server contract: signed enrollment profile,
 * SCEP from a test CA, check-in and connect that verify every Mdm-Signature, a scripted command queue per
 * channel, and pushes through the simulated APNs with a real Pushy client.
 */
final class FakeChariotServer implements AutoCloseable {

    /** A verified device request. */
    record Received(String path, NSDictionary plist, String digestOid, X509Certificate signer) {
        String messageType() {
            return Plists.string(plist, "MessageType");
        }
    }

    static final String RNE = "0750001A";
    static final String CHALLENGE = "one-time-challenge-42";

    final TestCa ca = new TestCa();
    final String topic;
    final List<Received> checkIns = new CopyOnWriteArrayList<>();
    final List<Received> connects = new CopyOnWriteArrayList<>();
    /** Anything a real server would refuse: the tests assert it stays empty. */
    final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<NSDictionary>> queues = new ConcurrentHashMap<>();
    /** Last TokenUpdate per channel key (UDID or UDID/user). */
    private final Map<String, NSDictionary> tokens = new ConcurrentHashMap<>();
    private final HttpServer http;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final ApnsClient apnsClient;
    volatile boolean signMessage = true;
    volatile boolean perUserConnections = true;

    FakeChariotServer(Apns apns) throws Exception {
        this.topic = apns == null ? "com.apple.mgmt.External." + UUID.randomUUID() : apns.topic();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/mdm/enroll/", this::enroll);
        http.createContext("/scep", this::scep);
        http.createContext("/mdm/checkin", exchange -> device(exchange, checkIns));
        http.createContext("/mdm/connect", exchange -> device(exchange, connects));
        http.setExecutor(executor);
        http.start();
        apnsClient = apns == null ? null : new ApnsClientBuilder().setApnsServer(apns.host(), apns.port())
            .setTrustedServerCertificateChain(apns.serverCaCertificate())
            .setClientCredentials(apns.pushCertificate(), apns.pushKey(), null).build();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    // --- enrollment -------------------------------------------------------------------------------------------

    private void enroll(HttpExchange exchange) throws IOException {
        String rne = exchange.getRequestURI().getPath().substring("/mdm/enroll/".length());
        if (!RNE.equals(rne)) {
            reply(exchange, 404, "text/plain", "unknown college".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            reply(exchange, 200, Ipad.PROFILE_CONTENT_TYPE, ca.signAttached(Plists.xml(profile())));
        } catch (Exception e) {
            reply(exchange, 500, "text/plain", e.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    NSDictionary profile() throws Exception {
        String scepUuid = UUID.randomUUID().toString().toUpperCase();
        NSDictionary root = payload("com.apple.security.root", "fr.chariot.root");
        root.put("PayloadContent", new NSData(ca.caCertificate.getEncoded()));
        NSDictionary scepContent = new NSDictionary();
        scepContent.put("URL", base() + "/scep");
        scepContent.put("Challenge", CHALLENGE);
        scepContent.put("Keysize", 2048);
        scepContent.put("Key Type", "RSA");
        scepContent.put("Key Usage", 5);
        scepContent.put("Name", "Chariot");
        scepContent.put("Subject", new NSArray(new NSArray(new NSArray(new NSString("O"), new NSString("Chariot"))),
            new NSArray(new NSArray(new NSString("CN"), new NSString("Chariot device identity")))));
        NSDictionary scep = payload("com.apple.security.scep", "fr.chariot.scep");
        scep.put("PayloadUUID", scepUuid);
        scep.put("PayloadContent", scepContent);
        NSDictionary mdm = payload("com.apple.mdm", "fr.chariot.mdm");
        mdm.put("ServerURL", base() + "/mdm/connect");
        mdm.put("CheckInURL", base() + "/mdm/checkin");
        mdm.put("Topic", topic);
        mdm.put("IdentityCertificateUUID", scepUuid);
        mdm.put("SignMessage", signMessage);
        mdm.put("AccessRights", 8191);
        mdm.put("ServerCapabilities", perUserConnections
            ? new NSArray(new NSString(EnrollmentProfile.PER_USER_CONNECTIONS)) : new NSArray(0));
        mdm.put("CheckOutWhenRemoved", true);
        NSDictionary top = payload("Configuration", "fr.chariot.enrollment." + RNE);
        top.put("PayloadDisplayName", "Chariot " + RNE);
        top.put("PayloadContent", new NSArray(root, scep, mdm));
        return top;
    }

    private static NSDictionary payload(String type, String identifier) {
        NSDictionary payload = new NSDictionary();
        payload.put("PayloadType", type);
        payload.put("PayloadVersion", 1);
        payload.put("PayloadIdentifier", identifier);
        payload.put("PayloadUUID", UUID.randomUUID().toString().toUpperCase());
        return payload;
    }

    // --- SCEP -------------------------------------------------------------------------------------------------

    private void scep(HttpExchange exchange) throws IOException {
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        try {
            if (query.contains("operation=GetCACaps")) {
                reply(exchange, 200, "text/plain", "POSTPKIOperation\nAES\nSHA-256\n".getBytes(StandardCharsets.US_ASCII));
            } else if (query.contains("operation=GetCACert")) {
                reply(exchange, 200, "application/x-x509-ca-cert", ca.caCertificate.getEncoded());
            } else if (query.contains("operation=PKIOperation") && "POST".equals(exchange.getRequestMethod())) {
                TestCa.ReadRequest request = ca.read(exchange.getRequestBody().readAllBytes());
                if (!"19".equals(request.messageType())) {
                    problems.add("SCEP messageType " + request.messageType());
                }
                X509Certificate issued = CHALLENGE.equals(request.challenge()) ? ca.issue(request) : null;
                if (issued == null) {
                    problems.add("SCEP challenge " + request.challenge());
                }
                reply(exchange, 200, "application/x-pki-message", ca.certRep(request, issued));
            } else {
                reply(exchange, 400, "text/plain", new byte[0]);
            }
        } catch (Exception e) {
            problems.add("SCEP: " + e);
            reply(exchange, 500, "text/plain", new byte[0]);
        }
    }

    // --- check-in and connect ---------------------------------------------------------------------------------

    private void device(HttpExchange exchange, List<Received> log) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String expectedType = path.endsWith("checkin") ? Ipad.CHECKIN_CONTENT_TYPE : Ipad.CONNECT_CONTENT_TYPE;
        if (!"PUT".equals(exchange.getRequestMethod())
            || !expectedType.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            problems.add(path + ": " + exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
            reply(exchange, 400, "text/plain", new byte[0]);
            return;
        }
        Received received;
        try {
            received = verify(path, body, exchange.getRequestHeaders().getFirst("Mdm-Signature"));
        } catch (Exception e) {
            problems.add(path + ": " + e.getMessage());
            reply(exchange, 401, "text/plain", new byte[0]);
            return;
        }
        log.add(received);
        NSDictionary plist = received.plist();
        String udid = Plists.string(plist, "UDID");
        String channel = Plists.string(plist, "UserShortName") == null ? udid : udid + "/" + Plists.string(plist, "UserShortName");
        if (path.endsWith("checkin")) {
            if ("TokenUpdate".equals(received.messageType())) {
                tokens.put(channel, plist);
            }
            reply(exchange, 200, "text/plain", new byte[0]);
            return;
        }
        NSDictionary next;
        synchronized (queues) {
            Deque<NSDictionary> queue = queues.get(channel);
            next = queue == null ? null : queue.poll();
        }
        reply(exchange, 200, "application/xml", next == null ? new byte[0] : Plists.xml(next));
    }

    /** What protocol.md §5 asks: detached CMS over the exact body, signer issued by our device CA. */
    private Received verify(String path, byte[] body, String header) throws Exception {
        if (header == null) {
            throw new IllegalArgumentException("no Mdm-Signature");
        }
        CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(body), Base64.getDecoder().decode(header));
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        X509CertificateHolder holder = matches.iterator().next();
        if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Pki.BC).build(holder))) {
            throw new IllegalArgumentException("Mdm-Signature does not verify");
        }
        if (signer.getSignedAttributes() != null) {
            throw new IllegalArgumentException("Mdm-Signature has signed attributes, iPads send none");
        }
        X509Certificate certificate = new JcaX509CertificateConverter().setProvider(Pki.BC).getCertificate(holder);
        certificate.verify(ca.caCertificate.getPublicKey());
        return new Received(path, Plists.parseDictionary(body, path), signer.getDigestAlgOID(), certificate);
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    // --- scripting --------------------------------------------------------------------------------------------

    /** Queues a command for a channel (UDID, or UDID/shortName); returns its CommandUUID. */
    String enqueue(String channel, String requestType, Map<String, ?> keys) {
        String uuid = UUID.randomUUID().toString();
        NSDictionary command = new NSDictionary();
        command.put("RequestType", requestType);
        keys.forEach((key, value) -> command.put(key, Plists.toPlist(value)));
        NSDictionary envelope = new NSDictionary();
        envelope.put("CommandUUID", uuid);
        envelope.put("Command", command);
        synchronized (queues) {
            queues.computeIfAbsent(channel, c -> new ArrayDeque<>()).add(envelope);
        }
        return uuid;
    }

    /** The result the device sent for a command, or null. */
    NSDictionary result(String commandUuid) {
        for (Received received : connects) {
            if (commandUuid.equals(Plists.string(received.plist(), "CommandUUID"))) {
                return received.plist();
            }
        }
        return null;
    }

    /** Pushes the stored token and PushMagic of a channel, as Chariot's APNs client would. */
    PushNotificationResponse<SimpleApnsPushNotification> push(String channel, String pushMagic) throws Exception {
        NSDictionary tokenUpdate = tokens.get(channel);
        if (tokenUpdate == null) {
            throw new IllegalStateException("no TokenUpdate for " + channel);
        }
        String token = HexFormat.of().formatHex(Plists.data(tokenUpdate, "Token"));
        String magic = pushMagic != null ? pushMagic : Plists.string(tokenUpdate, "PushMagic");
        return apnsClient.sendNotification(new SimpleApnsPushNotification(token, topic, "{\"mdm\":\"" + magic + "\"}",
            Instant.now().plusSeconds(3600), DeliveryPriority.IMMEDIATE, PushType.MDM)).get(30, TimeUnit.SECONDS);
    }

    List<Received> checkIns(String messageType) {
        List<Received> found = new ArrayList<>();
        for (Received received : checkIns) {
            if (messageType.equals(received.messageType())) {
                found.add(received);
            }
        }
        return Collections.unmodifiableList(found);
    }

    @Override
    public void close() throws Exception {
        http.stop(0);
        executor.shutdownNow();
        if (apnsClient != null) {
            apnsClient.close().get(10, TimeUnit.SECONDS);
        }
    }

}
