package fr.chariot.apns.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;

import fr.chariot.apns.api.InvalidPushCertificateException;
import fr.chariot.apns.api.PushCertificate;
import fr.chariot.apns.api.PushCertificates;
import fr.chariot.apns.api.PushOutcome;
import fr.chariot.apns.api.PushOutcome.Result;
import fr.chariot.apns.api.PushService;
import fr.chariot.apns.api.PushTarget;

/**
 * Sends MDM pushes through APNs with the installed push certificate, and installs (renews) that certificate.
 *
 * <p>At most {@code maxConcurrentPushes} pushes are outstanding at once for the whole server: a push holds its
 * permit from its first attempt until its outcome is known, retries and backoff included, so a 429 storm slows
 * the sending down instead of piling up more streams. One dispatcher thread hands permits out in call order.
 *
 * <p>A renewal swaps the APNs client atomically: pushes already sent finish on the old client, which is closed
 * when the last of them is answered; every new attempt, retries included, uses the new one.
 */
@Component(service = {PushService.class, PushCertificates.class}, configurationPid = ApnsConfig.PID, immediate = true)
@Designate(ocd = ApnsConfig.class)
public class ApnsPushService implements PushService, PushCertificates {

    static final String DATA_PROPERTY = "chariot.data";
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern HEX_TOKEN = Pattern.compile("([0-9a-fA-F]{2})+");
    private static final Logger LOG = LoggerFactory.getLogger(ApnsPushService.class);

    private final ApnsSettings settings;
    private final PushCredentialsFile file;
    private final ApnsSender.Factory senders;
    private final Semaphore permits;
    private final ExecutorService dispatcher;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<LiveSender> current = new AtomicReference<>();
    /** Outcomes not known yet, so that stopping completes them instead of leaving callers waiting for ever. */
    private final Map<CompletableFuture<PushOutcome>, PushTarget> unfinished = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    @Activate
    public ApnsPushService(BundleContext context, ApnsConfig config) {
        this(ApnsSettings.from(config), dataFolder(context));
    }

    /** Without OSGi: the certificate is kept in {@code <dataFolder>/apns/}. */
    public ApnsPushService(ApnsSettings settings, Path dataFolder) {
        this(settings, dataFolder, new PushyApnsSenders(settings));
    }

    ApnsPushService(ApnsSettings settings, Path dataFolder, ApnsSender.Factory senders) {
        this.settings = settings;
        this.file = new PushCredentialsFile(dataFolder.resolve("apns"));
        this.senders = senders;
        this.permits = new Semaphore(settings.maxConcurrentPushes());
        this.dispatcher = Executors.newSingleThreadExecutor(daemon("chariot-apns-dispatch"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("chariot-apns-retry"));
        loadStoredCertificate();
        warnIfExpiringSoon();
        scheduler.scheduleAtFixedRate(this::warnIfExpiringSoon, 1, 1, TimeUnit.DAYS);
    }

    private static Path dataFolder(BundleContext context) {
        String data = context.getProperty(DATA_PROPERTY);
        if (data == null || data.isBlank()) {
            throw new IllegalStateException("The framework property " + DATA_PROPERTY
                    + " (Chariot's data folder) is not set; the push certificate cannot be stored");
        }
        return Path.of(data);
    }

    private void loadStoredCertificate() {
        try {
            Optional<PushCredentials> stored = file.load();
            if (stored.isPresent()) {
                current.set(new LiveSender(stored.get(), senders.open(stored.get())));
                LOG.info("Push certificate loaded: topic {}, expires {}", stored.get().topic(),
                        stored.get().notAfter());
            } else {
                LOG.info("No push certificate installed yet; install one with apnsinstall <file> [password]");
            }
        } catch (Exception e) {
            LOG.error("The stored push certificate {} cannot be used, so no push can be sent: {}", file.path(),
                    e.getMessage(), e);
        }
    }

    @Override
    public Optional<PushCertificate> certificate() {
        return Optional.ofNullable(current.get()).map(live -> live.credentials.describe());
    }

    @Override
    public synchronized PushCertificate install(byte[] certificateAndKey, char[] password)
            throws InvalidPushCertificateException {
        if (stopped) {
            throw new IllegalStateException("The APNs service is stopped");
        }
        PushCredentials credentials = PushCredentials.read(certificateAndKey, password);
        credentials.requireInDate(Instant.now());
        LiveSender previous = current.get();
        if (previous != null && !previous.credentials.topic().equals(credentials.topic())) {
            String installed = previous.credentials.topic();
            throw new InvalidPushCertificateException("This certificate's topic is " + credentials.topic()
                    + ", but every enrolled device is bound to the installed certificate's topic, " + installed
                    + ". Installing another topic would force every enrolled device to enroll again. Renew the "
                    + "installed certificate instead (Apple's Push Certificates Portal, same Apple ID, 'Renew') "
                    + "and install the renewal.");
        }
        ApnsSender sender;
        try {
            sender = senders.open(credentials);
        } catch (Exception e) {
            throw new InvalidPushCertificateException("The certificate cannot be used for APNs: " + e.getMessage(), e);
        }
        try {
            file.save(credentials);
        } catch (IOException | RuntimeException e) {
            sender.close();
            throw new UncheckedIOException("Cannot store the push certificate in " + file.path(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        current.set(new LiveSender(credentials, sender));
        if (previous != null) {
            previous.retire();
            LOG.info("Push certificate renewed: topic {}, now expires {} (was {})", credentials.topic(),
                    credentials.notAfter(), previous.credentials.notAfter());
        } else {
            LOG.info("Push certificate installed: topic {}, expires {}", credentials.topic(), credentials.notAfter());
        }
        warnIfExpiringSoon();
        return credentials.describe();
    }

    @Override
    public CompletionStage<List<PushOutcome>> push(Collection<PushTarget> targets) {
        List<PushTarget> list = targets == null ? List.of() : targets.stream().filter(t -> t != null).toList();
        if (current.get() == null && !stopped) {
            return CompletableFuture.completedFuture(list.stream()
                    .map(t -> outcome(t, Result.NO_CERTIFICATE, "No push certificate is installed")).toList());
        }
        List<CompletableFuture<PushOutcome>> outcomes = new ArrayList<>(list.size());
        for (PushTarget target : list) {
            CompletableFuture<PushOutcome> outcome = new CompletableFuture<>();
            unfinished.put(outcome, target);
            outcome.whenComplete((o, e) -> unfinished.remove(outcome));
            outcomes.add(outcome);
        }
        try {
            dispatcher.execute(() -> dispatch(list, outcomes));
        } catch (RejectedExecutionException e) {
            completeStopped(list, outcomes);
        }
        if (stopped) {
            // Stopping may have run between the registration above and the dispatch: nothing would answer then.
            completeStopped(list, outcomes);
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApplyAsync(done -> {
                    List<PushOutcome> results = outcomes.stream().map(CompletableFuture::join).toList();
                    logSummary(results);
                    return results;
                });
    }

    private void dispatch(List<PushTarget> targets, List<CompletableFuture<PushOutcome>> outcomes) {
        for (int i = 0; i < targets.size(); i++) {
            PushTarget target = targets.get(i);
            CompletableFuture<PushOutcome> outcome = outcomes.get(i);
            if (outcome.isDone()) {
                continue;
            }
            if (!HEX_TOKEN.matcher(target.token()).matches()) {
                outcome.complete(outcome(target, Result.REJECTED, "The token is not hexadecimal"));
                continue;
            }
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                completeStopped(targets, outcomes);
                return;
            }
            outcome.whenComplete((o, e) -> permits.release());
            attempt(target, 1, outcome);
        }
    }

    private void attempt(PushTarget target, int attempt, CompletableFuture<PushOutcome> outcome) {
        LiveSender live = acquireSender();
        if (live == null) {
            outcome.complete(stopped ? stoppedOutcome(target)
                    : outcome(target, Result.NO_CERTIFICATE, "No push certificate is installed"));
            return;
        }
        SimpleApnsPushNotification push = new SimpleApnsPushNotification(target.token().toLowerCase(Locale.ROOT),
                live.credentials.topic(), mdmPayload(target.pushMagic()), Instant.now().plus(settings.expiration()),
                DeliveryPriority.IMMEDIATE, PushType.MDM);
        CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> response;
        try {
            response = live.sender.send(push);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((answer, error) -> {
            live.release();
            handle(target, attempt, outcome, answer, error);
        });
    }

    private void handle(PushTarget target, int attempt, CompletableFuture<PushOutcome> outcome,
            PushNotificationResponse<SimpleApnsPushNotification> answer, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            retryOrFail(target, attempt, outcome, cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } else if (answer.isAccepted()) {
            outcome.complete(new PushOutcome(target, Result.ACCEPTED, Optional.empty()));
        } else {
            int status = answer.getStatusCode();
            String reason = answer.getRejectionReason().orElse("HTTP " + status);
            if (status == 410 || "Unregistered".equals(reason)) {
                outcome.complete(outcome(target, Result.UNREGISTERED, reason));
            } else if (status == 429 || status >= 500) {
                retryOrFail(target, attempt, outcome, reason + " (HTTP " + status + ")");
            } else {
                outcome.complete(outcome(target, Result.REJECTED, reason));
            }
        }
    }

    private void retryOrFail(PushTarget target, int attempt, CompletableFuture<PushOutcome> outcome, String why) {
        if (attempt >= settings.maxAttempts()) {
            outcome.complete(outcome(target, Result.FAILED, why + " (after " + attempt + " attempts)"));
            return;
        }
        try {
            scheduler.schedule(() -> attempt(target, attempt + 1, outcome), backoff(attempt).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            outcome.complete(stoppedOutcome(target));
        }
    }

    /** Exponential, capped, with jitter (half to all of the delay) so retries of a batch do not come back at once. */
    private Duration backoff(int failedAttempts) {
        long ceiling = Math.min(MAX_RETRY_DELAY.toMillis(),
                settings.retryDelay().toMillis() << Math.min(failedAttempts - 1, 20));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    private LiveSender acquireSender() {
        while (true) {
            LiveSender live = current.get();
            if (live == null || live.tryAcquire()) {
                return live;
            }
        }
    }

    /** The body APNs delivers to the device: exactly {@code {"mdm":"<PushMagic>"}}, with no {@code aps}. */
    static String mdmPayload(String pushMagic) {
        StringBuilder json = new StringBuilder(pushMagic.length() + 12).append("{\"mdm\":\"");
        for (char c : pushMagic.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append("\"}").toString();
    }

    void warnIfExpiringSoon() {
        LiveSender live = current.get();
        if (live == null) {
            return;
        }
        Instant notAfter = live.credentials.notAfter();
        Duration left = Duration.between(Instant.now(), notAfter);
        if (left.isNegative()) {
            LOG.error("The push certificate (topic {}) expired on {}: APNs refuses every push. Renew it in Apple's "
                    + "Push Certificates Portal with the same Apple ID and install it with apnsinstall",
                    live.credentials.topic(), notAfter);
        } else if (left.compareTo(EXPIRY_WARNING) < 0) {
            LOG.warn("The push certificate (topic {}) expires on {}, in {} days. Renew it in Apple's Push "
                    + "Certificates Portal with the same Apple ID and install it with apnsinstall, or every device "
                    + "will have to enroll again", live.credentials.topic(), notAfter, left.toDays());
        }
    }

    private static void logSummary(List<PushOutcome> results) {
        if (results.isEmpty()) {
            return;
        }
        long[] counts = new long[Result.values().length];
        results.forEach(r -> counts[r.result().ordinal()]++);
        boolean allAccepted = counts[Result.ACCEPTED.ordinal()] == results.size();
        String format = "Pushed to {} channels: {} accepted, {} unregistered, {} rejected, {} failed, {} without "
                + "certificate";
        Object[] arguments = {results.size(), counts[Result.ACCEPTED.ordinal()],
                counts[Result.UNREGISTERED.ordinal()], counts[Result.REJECTED.ordinal()],
                counts[Result.FAILED.ordinal()], counts[Result.NO_CERTIFICATE.ordinal()]};
        if (allAccepted) {
            LOG.debug(format, arguments);
        } else {
            LOG.info(format, arguments);
        }
    }

    @Deactivate
    public void close() {
        stopped = true;
        dispatcher.shutdownNow();
        scheduler.shutdownNow();
        LiveSender live = current.getAndSet(null);
        if (live != null) {
            try {
                live.sender.close().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (TimeoutException | ExecutionException e) {
                LOG.warn("The APNs client did not close cleanly: {}", e.toString());
            }
        }
        senders.close();
        unfinished.forEach((outcome, target) -> outcome.complete(stoppedOutcome(target)));
    }

    private void completeStopped(List<PushTarget> targets, List<CompletableFuture<PushOutcome>> outcomes) {
        for (int i = 0; i < targets.size(); i++) {
            outcomes.get(i).complete(stoppedOutcome(targets.get(i)));
        }
    }

    private static PushOutcome stoppedOutcome(PushTarget target) {
        return outcome(target, Result.FAILED, "The APNs service stopped");
    }

    private static PushOutcome outcome(PushTarget target, Result result, String reason) {
        return new PushOutcome(target, result, Optional.of(reason));
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * A sender and the certificate it authenticates with, counting the attempts it carries so a renewal can close
     * it once the last one is answered.
     */
    private static final class LiveSender {
        final PushCredentials credentials;
        final ApnsSender sender;
        private final AtomicInteger attempts = new AtomicInteger();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile boolean retired;

        LiveSender(PushCredentials credentials, ApnsSender sender) {
            this.credentials = credentials;
            this.sender = sender;
        }

        /** False once retired: the caller takes the current sender instead. */
        boolean tryAcquire() {
            attempts.incrementAndGet();
            if (retired) {
                release();
                return false;
            }
            return true;
        }

        void release() {
            if (attempts.decrementAndGet() == 0 && retired) {
                closeOnce();
            }
        }

        void retire() {
            retired = true;
            if (attempts.get() == 0) {
                closeOnce();
            }
        }

        private void closeOnce() {
            if (closed.compareAndSet(false, true)) {
                sender.close().whenComplete((done, error) -> LOG.debug("Previous APNs client closed"));
            }
        }
    }
}
