package fr.chariot.apns.internal;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;

/**
 * Pushy's mock APNs on 127.0.0.1 over real TLS, requiring a client certificate from the test CA, answering each
 * device token as the test tells it, and recording what it received and with which client certificate.
 */
final class MockApns implements AutoCloseable {

    /** How the mock answers a token. */
    enum Answer { ACCEPT, UNREGISTERED, BAD_DEVICE_TOKEN, TOO_MANY_REQUESTS_ONCE, INTERNAL_SERVER_ERROR }

    /** One accepted push as APNs saw it. */
    record Received(String token, String topic, String pushType, String priority, long expiration, String payload) {
    }

    private static final String PATH_PREFIX = "/3/device/";

    final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final List<Received> accepted = new CopyOnWriteArrayList<>();
    /** Serial number of the client certificate of each push, in arrival order. */
    final List<BigInteger> clientCertificates = new CopyOnWriteArrayList<>();
    final int port;
    private final MockApnsServer server;

    MockApns(TestPki pki, TestPki.Issued serverCertificate) throws Exception {
        server = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {serverCertificate.certificate(), pki.ca().certificate()},
                        serverCertificate.key(), null)
                .setTrustedClientCertificateChain(new ByteArrayInputStream(
                        pki.ca().certificatePem().getBytes(StandardCharsets.US_ASCII)))
                .setHandlerFactory(this::handlerFor)
                .setListener(new Recorder())
                .build();
        port = server.start(0).get(10, TimeUnit.SECONDS);
    }

    void reset() {
        answers.clear();
        attempts.clear();
        accepted.clear();
        clientCertificates.clear();
    }

    int attemptsFor(String token) {
        AtomicInteger count = attempts.get(token);
        return count == null ? 0 : count.get();
    }

    private PushNotificationHandler handlerFor(SSLSession session) {
        X509Certificate client;
        try {
            client = (X509Certificate) session.getPeerCertificates()[0];
        } catch (SSLPeerUnverifiedException e) {
            throw new IllegalStateException("The mock requires a client certificate", e);
        }
        return (headers, payload) -> {
            clientCertificates.add(client.getSerialNumber());
            String token = token(headers);
            int attempt = attempts.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            switch (answers.getOrDefault(token, Answer.ACCEPT)) {
                case ACCEPT -> { }
                case UNREGISTERED -> throw new UnregisteredDeviceTokenException(Instant.now());
                case BAD_DEVICE_TOKEN -> throw new RejectedNotificationException(RejectionReason.BAD_DEVICE_TOKEN);
                case TOO_MANY_REQUESTS_ONCE -> {
                    if (attempt == 1) {
                        throw new RejectedNotificationException(RejectionReason.TOO_MANY_REQUESTS);
                    }
                }
                case INTERNAL_SERVER_ERROR -> throw new RejectedNotificationException(
                        RejectionReason.INTERNAL_SERVER_ERROR);
            }
        };
    }

    private static String token(Http2Headers headers) {
        return headers.path().toString().substring(PATH_PREFIX.length());
    }

    private static String header(Http2Headers headers, String name) {
        CharSequence value = headers.get(name);
        return value == null ? null : value.toString();
    }

    private final class Recorder implements MockApnsServerListener {
        @Override
        public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
            String expiration = header(headers, "apns-expiration");
            accepted.add(new Received(token(headers), header(headers, "apns-topic"), header(headers, "apns-push-type"),
                    header(headers, "apns-priority"), expiration == null ? -1 : Long.parseLong(expiration),
                    payload.toString(StandardCharsets.UTF_8)));
        }

        @Override
        public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload, RejectionReason reason,
                Instant deviceTokenExpirationTimestamp) {
            // The outcomes the service returns are what the tests check for rejections.
        }
    }

    @Override
    public void close() throws Exception {
        server.shutdown().get(10, TimeUnit.SECONDS);
    }
}
