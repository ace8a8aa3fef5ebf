package fr.chariot.apns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;

import fr.chariot.apns.api.InvalidPushCertificateException;
import fr.chariot.apns.api.PushCertificate;
import fr.chariot.apns.api.PushOutcome;
import fr.chariot.apns.api.PushOutcome.Result;
import fr.chariot.apns.api.PushTarget;

/** The push service against Pushy's mock APNs over real TLS, with client certificates from a test CA. */
class ApnsPushServiceTest {

    private static final int MAX_ATTEMPTS = 3;

    private static TestPki pki;
    private static MockApns apns;
    private static Path trustedCa;

    @TempDir
    Path data;
    private String topic;
    private TestPki.Issued push;
    private final List<ApnsPushService> services = new ArrayList<>();

    @BeforeAll
    static void startMockApns(@TempDir Path shared) throws Exception {
        pki = new TestPki("Test CA");
        apns = new MockApns(pki, pki.server());
        trustedCa = shared.resolve("apns-ca.pem");
        Files.writeString(trustedCa, pki.ca().certificatePem());
    }

    @AfterAll
    static void stopMockApns() throws Exception {
        apns.close();
    }

    @BeforeEach
    void issuePushCertificate() throws Exception {
        apns.reset();
        topic = TestPki.topic();
        push = pki.push(topic);
    }

    @AfterEach
    void stopServices() {
        services.forEach(ApnsPushService::close);
    }

    @Test
    void sendsExactlyTheMdmPayloadWithTheTopicPushTypePriorityAndAFutureExpiration() throws Exception {
        ApnsPushService service = service(1000);
        service.install(push.pem(false, false), null);
        String token = token();

        List<PushOutcome> outcomes = push(service, new PushTarget(token, "magic"));

        assertEquals(List.of(new PushOutcome(new PushTarget(token, "magic"), Result.ACCEPTED, Optional.empty())),
                outcomes);
        assertEquals(1, apns.accepted.size());
        MockApns.Received received = apns.accepted.get(0);
        assertEquals(token, received.token());
        assertEquals("{\"mdm\":\"magic\"}", received.payload());
        assertEquals("mdm", received.pushType());
        assertEquals(topic, received.topic());
        assertEquals("10", received.priority());
        long now = Instant.now().getEpochSecond();
        assertTrue(received.expiration() > now + Duration.ofHours(71).toSeconds()
                && received.expiration() <= now + Duration.ofHours(72).toSeconds(), "expiration " + received.expiration());
    }

    @Test
    void mapsApnsAnswersToOutcomesAndRetriesOnlyTooManyRequestsAndServerErrors() throws Exception {
        ApnsPushService service = service(1000);
        service.install(push.pem(false, false), null);
        String accepted = token();
        String unregistered = answer(MockApns.Answer.UNREGISTERED);
        String badToken = answer(MockApns.Answer.BAD_DEVICE_TOKEN);
        String throttled = answer(MockApns.Answer.TOO_MANY_REQUESTS_ONCE);
        String failing = answer(MockApns.Answer.INTERNAL_SERVER_ERROR);

        List<PushOutcome> outcomes = push(service, new PushTarget(accepted, "m1"), new PushTarget(unregistered, "m2"),
                new PushTarget(badToken, "m3"), new PushTarget(throttled, "m4"), new PushTarget(failing, "m5"));

        assertEquals(List.of(Result.ACCEPTED, Result.UNREGISTERED, Result.REJECTED, Result.ACCEPTED, Result.FAILED),
                outcomes.stream().map(PushOutcome::result).toList());
        assertEquals(List.of(accepted, unregistered, badToken, throttled, failing),
                outcomes.stream().map(o -> o.target().token()).toList(), "outcomes follow the targets' order");
        assertEquals(Optional.of("Unregistered"), outcomes.get(1).reason());
        assertEquals(Optional.of("BadDeviceToken"), outcomes.get(2).reason());
        assertTrue(outcomes.get(4).reason().orElseThrow().contains("InternalServerError"), outcomes.get(4).toString());
        assertEquals(1, apns.attemptsFor(unregistered));
        assertEquals(1, apns.attemptsFor(badToken));
        assertEquals(2, apns.attemptsFor(throttled));
        assertEquals(MAX_ATTEMPTS, apns.attemptsFor(failing));
    }

    @Test
    void withoutCertificateEveryOutcomeIsNoCertificate() throws Exception {
        ApnsPushService service = service(1000);

        List<PushOutcome> outcomes = push(service, new PushTarget(token(), "a"), new PushTarget(token(), "b"));

        assertEquals(List.of(Result.NO_CERTIFICATE, Result.NO_CERTIFICATE),
                outcomes.stream().map(PushOutcome::result).toList());
        assertEquals(Optional.empty(), service.certificate());
        assertTrue(apns.clientCertificates.isEmpty());
    }

    @Test
    void aTokenThatIsNotHexIsRejectedWithoutReachingApns() throws Exception {
        ApnsPushService service = service(1000);
        service.install(push.pem(false, false), null);

        List<PushOutcome> outcomes = push(service, new PushTarget("../../3/device/x", "magic"));

        assertEquals(Result.REJECTED, outcomes.get(0).result());
        assertTrue(apns.clientCertificates.isEmpty());
    }

    @Test
    void aRenewalWithTheSameTopicIsUsedAtOnceWithoutRestart() throws Exception {
        ApnsPushService service = service(1000);
        service.install(push.pem(false, false), null);
        push(service, new PushTarget(token(), "before"));
        TestPki.Issued renewal = pki.push(topic, Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(730)));

        PushCertificate installed = service.install(renewal.pkcs12("p12".toCharArray()), "p12".toCharArray());
        List<PushOutcome> outcomes = push(service, new PushTarget(token(), "after"));

        assertEquals(Result.ACCEPTED, outcomes.get(0).result());
        assertEquals(List.of(push.certificate().getSerialNumber(), renewal.certificate().getSerialNumber()),
                apns.clientCertificates, "APNs saw the old certificate, then the renewal");
        assertEquals(renewal.certificate().getNotAfter().toInstant(), installed.notAfter());
        assertEquals(Optional.of(installed), service.certificate());
        assertEquals(Optional.of(installed), service(1000).certificate(), "the renewal is what is stored");
    }

    @Test
    void anotherTopicIsRefusedWhileOneIsInstalledAndTheOldOneStays() throws Exception {
        ApnsPushService service = service(1000);
        PushCertificate installed = service.install(push.pem(false, false), null);
        TestPki.Issued otherTopic = pki.push(TestPki.topic());

        InvalidPushCertificateException refused = assertThrows(InvalidPushCertificateException.class,
                () -> service.install(otherTopic.pem(false, false), null));

        assertTrue(refused.getMessage().contains("enroll again"), refused.getMessage());
        assertEquals(Optional.of(installed), service.certificate());
        assertEquals(Optional.of(installed), service(1000).certificate(), "the stored certificate is unchanged");
        assertEquals(Result.ACCEPTED, push(service, new PushTarget(token(), "m")).get(0).result());
        assertEquals(List.of(push.certificate().getSerialNumber()), apns.clientCertificates);
    }

    @Test
    void badInputChangesNothing() throws Exception {
        ApnsPushService service = service(1000);
        PushCertificate installed = service.install(push.pem(false, false), null);
        byte[] stored = Files.readAllBytes(storedFile());

        assertThrows(InvalidPushCertificateException.class,
                () -> service.install("garbage".getBytes(StandardCharsets.US_ASCII), null));
        assertThrows(InvalidPushCertificateException.class,
                () -> service.install(pki.push("com.example.app").pem(false, false), null));
        assertThrows(InvalidPushCertificateException.class, () -> service.install(pki.push(topic,
                Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1))).pem(false, false),
                null));

        assertEquals(Optional.of(installed), service.certificate());
        assertEquals(new String(stored, StandardCharsets.US_ASCII),
                new String(Files.readAllBytes(storedFile()), StandardCharsets.US_ASCII));
    }

    @Test
    void theCertificateIsStoredOwnerOnlyAndLoadedAgainAtStart() throws Exception {
        PushCertificate installed = service(1000).install(push.pem(true, true), null);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(storedFile())));
        ApnsPushService restarted = service(1000);
        assertEquals(Optional.of(installed), restarted.certificate());
        assertEquals(topic, installed.topic());
        assertEquals(Result.ACCEPTED, push(restarted, new PushTarget(token(), "m")).get(0).result());
    }

    @Test
    void neverMorePushesInFlightThanTheLimit() throws Exception {
        int limit = 10;
        HoldingSenders senders = new HoldingSenders(new PushyApnsSenders(settings(limit)), limit);
        ApnsPushService service = track(new ApnsPushService(settings(limit), data, senders));
        service.install(push.pem(false, false), null);
        List<PushTarget> targets = IntStream.range(0, 200).mapToObj(i -> new PushTarget(token(), "m" + i)).toList();

        List<PushOutcome> outcomes = service.push(targets).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertTrue(outcomes.stream().allMatch(o -> o.result() == Result.ACCEPTED), outcomes.toString());
        assertEquals(200, apns.accepted.size());
        assertEquals(limit, senders.maxInFlight.get(), "the limit is reached and never exceeded");
    }

    @Test
    void stoppingCompletesPushesStillWaiting() throws Exception {
        ApnsSender silent = new ApnsSender() {
            @Override
            public CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> send(
                    SimpleApnsPushNotification p) {
                return new CompletableFuture<>();
            }

            @Override
            public CompletableFuture<Void> close() {
                return CompletableFuture.completedFuture(null);
            }
        };
        ApnsPushService service = new ApnsPushService(settings(1), data, credentials -> silent);
        service.install(push.pem(false, false), null);

        CompletableFuture<List<PushOutcome>> pending = service
                .push(List.of(new PushTarget(token(), "a"), new PushTarget(token(), "b"))).toCompletableFuture();
        assertFalse(pending.isDone());
        service.close();

        assertEquals(List.of(Result.FAILED, Result.FAILED),
                pending.get(10, TimeUnit.SECONDS).stream().map(PushOutcome::result).toList());
    }

    @Test
    void thePayloadEscapesThePushMagic() {
        assertEquals("{\"mdm\":\"a\\\"b\\\\c\\u000a\"}", ApnsPushService.mdmPayload("a\"b\\c\n"));
    }

    private ApnsSettings settings(int maxConcurrentPushes) {
        return new ApnsSettings("127.0.0.1", apns.port, maxConcurrentPushes, 1, Duration.ofHours(72), MAX_ATTEMPTS,
                Duration.ofMillis(10), Optional.of(trustedCa));
    }

    private ApnsPushService service(int maxConcurrentPushes) {
        return track(new ApnsPushService(settings(maxConcurrentPushes), data));
    }

    private ApnsPushService track(ApnsPushService service) {
        services.add(service);
        return service;
    }

    private Path storedFile() {
        return data.resolve("apns").resolve(PushCredentialsFile.FILE_NAME);
    }

    private static List<PushOutcome> push(ApnsPushService service, PushTarget... targets) throws Exception {
        return service.push(List.of(targets)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String answer(MockApns.Answer answer) {
        String token = token();
        apns.answers.put(token, answer);
        return token;
    }

    private static String token() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Wraps real senders and holds APNs' answers until {@code batch} of them are waiting, so pushes stay in flight
     * long enough for the service's limit to be what bounds them.
     */
    private static final class HoldingSenders implements ApnsSender.Factory {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        private final ApnsSender.Factory real;
        private final int batch;
        private final List<Runnable> held = new ArrayList<>();

        HoldingSenders(ApnsSender.Factory real, int batch) {
            this.real = real;
            this.batch = batch;
        }

        @Override
        public ApnsSender open(PushCredentials credentials) throws Exception {
            ApnsSender sender = real.open(credentials);
            return new ApnsSender() {
                @Override
                public CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> send(
                        SimpleApnsPushNotification push) {
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> answer =
                            new CompletableFuture<>();
                    sender.send(push).whenComplete((response, error) -> hold(() -> {
                        inFlight.decrementAndGet();
                        if (error != null) {
                            answer.completeExceptionally(error);
                        } else {
                            answer.complete(response);
                        }
                    }));
                    return answer;
                }

                @Override
                public CompletableFuture<Void> close() {
                    return sender.close();
                }
            };
        }

        @Override
        public void close() {
            real.close();
        }

        private void hold(Runnable release) {
            List<Runnable> released = List.of();
            synchronized (held) {
                held.add(release);
                if (held.size() == batch) {
                    released = List.copyOf(held);
                    held.clear();
                }
            }
            released.forEach(Runnable::run);
        }
    }
}
