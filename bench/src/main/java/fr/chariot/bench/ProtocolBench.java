package fr.chariot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import fr.chariot.plist.api.Plist;
import fr.chariot.simulator.api.Role;
import fr.chariot.simulator.api.SimulatedApns;
import fr.chariot.simulator.api.SimulatedIpad;

/**
 * Prints the MDM protocol throughput of the assembled distribution ({@code bin/chariot}, durable embedded Derby)
 * on loopback: enrollments/s, Idle requests/s, Idle → command → Acknowledged round trips/s and pushes/s to a
 * simulated APNs. A figure to compare between changes and with the target, never an assertion.
 *
 * <p>Settings (system properties): {@code bench.devices} (200), {@code bench.concurrency} (16,32,64),
 * {@code bench.warmupSeconds} (5), {@code bench.measureSeconds} (15), {@code bench.enrollParallelism} (8),
 * {@code bench.serverJavaOpts} (-Xmx1g), {@code bench.keep} (false: the server's folder is deleted after a run
 * without errors), {@code bench.dist} and {@code bench.work} (set by the pom).
 */
public final class ProtocolBench {

    private static final String RNE = "0310001A";
    private static final long SEED_BASE = 7_000_000;
    private static final int MAX_PER_WORKER = 2_000_000;
    private static final int QUEUE_PARALLELISM = 16;
    private static final double IDLE_TARGET = 4000;
    private static final String MDM = "application/x-apple-aspen-mdm";

    private final int deviceCount = Integer.getInteger("bench.devices", 200);
    private final int[] concurrencies = Arrays.stream(System.getProperty("bench.concurrency", "16,32,64").split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();
    private final Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 5));
    private final Duration measure = Duration.ofSeconds(Integer.getInteger("bench.measureSeconds", 15));
    private final int enrollParallelism = Integer.getInteger("bench.enrollParallelism", 8);
    private final String serverJavaOptions = System.getProperty("bench.serverJavaOpts", "-Xmx1g");

    private final List<Row> rows = new ArrayList<>();
    private final AtomicLong roundRobin = new AtomicLong();
    private Server server;
    private LongSupplier serverCpu;
    private List<SimulatedIpad> ipads;
    private HttpRequest[] idleRequests;

    /** One line of the final table. */
    private record Row(String figure, double value, String unit, Load.Result result, String target) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        new ProtocolBench().run();
        // the simulator's and the HTTP clients' non-daemon threads must not keep Maven waiting
        System.exit(0);
    }

    private void run() throws Exception {
        Path distribution = Path.of(System.getProperty("bench.dist", "target/dist/chariot-0.1.0-SNAPSHOT"));
        Path work = Path.of(System.getProperty("bench.work", "target/runs"));
        System.out.printf(Locale.ROOT, "Chariot protocol benchmark: %d devices, concurrency %s, warm-up %d s,"
                + " measured %d s; %d cores shared by this client and the server; server JVM %s; Java %s%n",
                deviceCount, Arrays.toString(concurrencies), warmup.toSeconds(), measure.toSeconds(),
                Runtime.getRuntime().availableProcessors(), serverJavaOptions, System.getProperty("java.version"));
        try (SimulatedApns apns = SimulatedApns.start()) {
            long startNanos = System.nanoTime();
            server = Server.start(distribution, work, serverJavaOptions, apns.port(), apns.serverCaPem());
            serverCpu = server::cpuNanos;
            try {
                server.awaitUp(Duration.ofSeconds(120));
                System.out.printf(Locale.ROOT, "server %s (pid %d, home %s) up in %d ms%n", server.baseUrl(),
                        server.pid(), server.home(), (System.nanoTime() - startNanos) / 1_000_000);
                server.createSite(RNE, "Collège du banc d'essai");
                server.installPushCertificate(apns.pushCertificatePem());

                enroll(apns);
                long rssAfterEnrollment = server.residentMiB();
                takeOffApns(apns);
                drainQueues();
                idleRequests = ipads.stream().map(this::signedIdle).toArray(HttpRequest[]::new);

                int best = idle();
                baselines(best);
                roundTrips(apns);
                pushes(apns);

                rows.add(new Row("server RSS after enrollment", rssAfterEnrollment, "MiB", null, ""));
                rows.add(new Row("server RSS after the run", server.residentMiB(), "MiB", null, ""));
            } finally {
                server.close();
            }
        }
        printTable();
        boolean errors = rows.stream().anyMatch(row -> row.result() != null && row.result().errors() > 0);
        if (errors || Boolean.getBoolean("bench.keep")) {
            System.out.println("The server's folder (logs/chariot.log, logs/derby.log) is kept: " + server.home());
        } else {
            server.deleteHome();
        }
    }

    // --- 1. enrollment ----------------------------------------------------------------------------------------

    private void enroll(SimulatedApns apns) throws InterruptedException {
        List<SimulatedIpad> all = new ArrayList<>();
        for (int i = 0; i < deviceCount; i++) {
            all.add(SimulatedIpad.create(SEED_BASE + i, Role.STUDENT_SHARED));
        }
        URI base = URI.create(server.baseUrl());
        Load.Measurement m = new Load.Measurement();
        System.out.printf("enrolling %d iPads, %d at a time (profile, SCEP with a 2048-bit RSA key made here,"
                + " Authenticate, TokenUpdate)...%n", deviceCount, enrollParallelism);
        Load.batch(deviceCount, enrollParallelism, (worker, i) -> all.get(i).enroll(base, RNE, apns), serverCpu, m);
        Load.Result r = m.result();
        report(r, "enrollment");
        ipads = all.stream().filter(SimulatedIpad::enrolled).toList();
        if (ipads.isEmpty()) {
            throw new IllegalStateException("no iPad enrolled: " + r.firstError());
        }
        rows.add(new Row("enrollments (" + enrollParallelism + " in parallel)", r.perSecond(), "/s", r, "-"));
    }

    /**
     * Keeps every token registered (a 410 would make the server mark it dead) but with a hook that wakes nothing:
     * from now on only this load generator talks to the server.
     */
    private void takeOffApns(SimulatedApns apns) {
        for (SimulatedIpad ipad : ipads) {
            apns.register(ipad.pushToken(), ipad.topic(), ipad.pushMagic(), () -> { });
        }
    }

    private void drainQueues() throws InterruptedException {
        // commands the server may have queued at enrollment: the simulated iPads answer them once
        Load.batch(ipads.size(), enrollParallelism, (worker, i) -> ipads.get(i).connect(), serverCpu, null);
    }

    // --- 2. Idle with an empty queue --------------------------------------------------------------------------

    /** @return the concurrency that gave the most Idle requests/s */
    private int idle() throws InterruptedException {
        int best = concurrencies[0];
        double bestRate = -1;
        for (int workers : concurrencies) {
            HttpClient client = client();
            Load.Measurement m = new Load.Measurement();
            Load.timed(workers, warmup, measure, MAX_PER_WORKER, (worker, sequence) -> {
                int device = (int) (roundRobin.getAndIncrement() % ipads.size());
                HttpResponse<byte[]> r = client.send(idleRequests[device], HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200 || r.body().length != 0) {
                    throw new IllegalStateException("Idle answered " + r.statusCode() + " with " + r.body().length
                            + " bytes");
                }
            }, serverCpu, m);
            Load.Result r = m.result();
            report(r, "Idle, " + workers + " workers");
            rows.add(new Row("Idle requests, " + workers + " workers", r.perSecond(), "/s", r,
                    String.format(Locale.ROOT, ">= %.0f/s", IDLE_TARGET)));
            if (r.perSecond() > bestRate) {
                bestRate = r.perSecond();
                best = workers;
            }
        }
        return best;
    }

    /** The same load on endpoints without protocol work: what HTTP and the servlet stack cost alone. */
    private void baselines(int workers) throws InterruptedException {
        for (String path : List.of("/mdm/ca", "/health")) {
            HttpClient client = client();
            HttpRequest get = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build();
            Load.Measurement m = new Load.Measurement();
            Load.timed(workers, warmup, measure, MAX_PER_WORKER, (worker, sequence) -> {
                HttpResponse<byte[]> r = client.send(get, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
                }
            }, serverCpu, m);
            Load.Result r = m.result();
            report(r, "GET " + path + ", " + workers + " workers");
            rows.add(new Row("baseline GET " + path + ", " + workers + " workers", r.perSecond(), "/s", r,
                    "(no protocol work)"));
        }
    }

    // --- 3. Idle -> command -> Acknowledged -------------------------------------------------------------------

    private void roundTrips(SimulatedApns apns) throws Exception {
        Load.Measurement queueing = new Load.Measurement();
        for (int workers : concurrencies) {
            HttpClient client = client();
            Load.Measurement m = new Load.Measurement();
            long warmedNanos = 0;
            long measuredNanos = 0;
            while (measuredNanos < measure.toNanos()) {
                PreparedCommand[] commands = queueOneCommandEach(apns, queueing);
                boolean measuring = warmedNanos >= warmup.toNanos();
                long elapsed = Load.batch(commands.length, workers,
                        (worker, i) -> roundTrip(client, commands[i]), serverCpu, measuring ? m : null);
                if (measuring) {
                    measuredNanos += elapsed;
                } else {
                    warmedNanos += elapsed;
                }
            }
            Load.Result r = m.result();
            report(r, "round trips, " + workers + " workers");
            rows.add(new Row("Idle->command->Acknowledged, " + workers + " workers", r.perSecond(), "/s", r, "-"));
        }
        Load.Result q = queueing.result();
        report(q, "REST queueing between rounds");
        rows.add(new Row("REST POST .../commands (between rounds), " + QUEUE_PARALLELISM + " clients",
                q.perSecond(), "/s", q, "-"));
    }

    /** A command queued for one iPad and the Acknowledged answer it will send, signed before the clock runs. */
    private record PreparedCommand(int device, String commandUuid, HttpRequest acknowledged) {
    }

    /**
     * Queues one command per device through the REST API, {@value #QUEUE_PARALLELISM} calls at once, and waits for
     * the pushes they cause. A call the server refuses is counted in {@code queueing} and its device sits the round
     * out.
     */
    private PreparedCommand[] queueOneCommandEach(SimulatedApns apns, Load.Measurement queueing)
            throws InterruptedException {
        long pushesBefore = apns.totalPushesAccepted();
        PreparedCommand[] commands = new PreparedCommand[ipads.size()];
        Load.batch(ipads.size(), QUEUE_PARALLELISM, (worker, i) -> {
            SimulatedIpad ipad = ipads.get(i);
            String uuid = queue(ipad.udid());
            byte[] ack = Plist.toXml(Map.of("UDID", ipad.udid(), "CommandUUID", uuid, "Status", "Acknowledged",
                    "QueryResponses", Map.of("BatteryLevel", 0.8)));
            commands[i] = new PreparedCommand(i, uuid, mdmRequest(ipad, ack));
        }, serverCpu, queueing);
        PreparedCommand[] queued = Arrays.stream(commands).filter(java.util.Objects::nonNull)
                .toArray(PreparedCommand[]::new);
        // the pushes the queueing caused are over before the clock runs
        awaitPushes(apns, pushesBefore + queued.length, Duration.ofSeconds(60));
        return queued;
    }

    /** Queues through the REST API; a refusal says how long the server took to refuse. */
    private String queue(String udid) throws Exception {
        long start = System.nanoTime();
        try {
            return server.queueDeviceInformation(udid);
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + " after " + (System.nanoTime() - start) / 1_000_000
                    + " ms", e);
        }
    }

    private void roundTrip(HttpClient client, PreparedCommand command) throws Exception {
        HttpResponse<byte[]> idle = client.send(idleRequests[command.device()], HttpResponse.BodyHandlers.ofByteArray());
        if (idle.statusCode() != 200 || idle.body().length == 0) {
            throw new IllegalStateException("Idle with a queued command answered " + idle.statusCode() + " with "
                    + idle.body().length + " bytes");
        }
        Object uuid = Plist.parseDictionary(idle.body()).get("CommandUUID");
        if (!command.commandUuid().equals(uuid)) {
            throw new IllegalStateException("Idle got command " + uuid + ", not " + command.commandUuid());
        }
        HttpResponse<byte[]> ack = client.send(command.acknowledged(), HttpResponse.BodyHandlers.ofByteArray());
        if (ack.statusCode() != 200 || ack.body().length != 0) {
            throw new IllegalStateException("Acknowledged answered " + ack.statusCode() + " with "
                    + ack.body().length + " bytes");
        }
    }

    // --- 4. pushes --------------------------------------------------------------------------------------------

    private void pushes(SimulatedApns apns) throws InterruptedException {
        long pushesBefore = apns.totalPushesAccepted();
        long rejectedBefore = apns.pushesRejected();
        long start = System.nanoTime();
        Load.Measurement queued = new Load.Measurement();
        long queueing = Load.batch(ipads.size(), QUEUE_PARALLELISM,
                (worker, i) -> queue(ipads.get(i).udid()), serverCpu, queued);
        Load.Result q = queued.result();
        long pushed = awaitPushes(apns, pushesBefore + q.count(), Duration.ofSeconds(120)) - start;
        report(q, "REST queueing");
        double pushesPerSecond = q.count() * 1e9 / pushed;
        System.out.printf(Locale.ROOT, "  %d pushes accepted by the simulated APNs %.0f ms after the first"
                + " queueing call (queueing took %.0f ms); %d rejected%n", q.count(), pushed / 1e6,
                queueing / 1e6, apns.pushesRejected() - rejectedBefore);
        rows.add(new Row("REST POST .../commands (push test), " + QUEUE_PARALLELISM + " clients", q.perSecond(), "/s",
                q, "-"));
        rows.add(new Row("pushes accepted (" + q.count() + " devices)", pushesPerSecond, "/s", null,
                "(bounded by the REST queueing above)"));
    }

    /** @return the nanoTime at which the simulated APNs had accepted {@code total} pushes */
    private static long awaitPushes(SimulatedApns apns, long total, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (apns.totalPushesAccepted() < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + apns.totalPushesAccepted() + " of " + total
                        + " pushes arrived within " + timeout);
            }
            Thread.onSpinWait();
            Thread.sleep(0, 200_000);
        }
        return System.nanoTime();
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private HttpRequest signedIdle(SimulatedIpad ipad) {
        return mdmRequest(ipad, Plist.toXml(Map.of("UDID", ipad.udid(), "Status", "Idle")));
    }

    private HttpRequest mdmRequest(SimulatedIpad ipad, byte[] body) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mdm/connect"))
                .header("Content-Type", MDM)
                .header("Mdm-Signature", ipad.mdmSignature(body))
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    private static void report(Load.Result r, String what) {
        System.out.printf(Locale.ROOT, "  %-32s %9.1f/s  p50 %7.2f ms  p99 %7.2f ms  (%d done, %d errors%s)%n",
                what, r.perSecond(), r.percentileMs(50), r.percentileMs(99), r.count(), r.errors(),
                r.firstError() == null ? "" : ", first: " + r.firstError());
    }

    private void printTable() {
        String format = "%-44s %10s %-5s %9s %9s %10s %10s  %s%n";
        System.out.println();
        System.out.printf(Locale.ROOT, format, "figure", "value", "unit", "p50 ms", "p99 ms", "srv CPU", "bench CPU",
                "target");
        System.out.printf(Locale.ROOT, format, "", "", "", "", "", "µs/op", "µs/op", "");
        for (Row row : rows) {
            Load.Result r = row.result();
            System.out.printf(Locale.ROOT, format, row.figure(), String.format(Locale.ROOT, "%.0f", row.value()),
                    row.unit(), r == null ? "" : fixed(r.percentileMs(50)), r == null ? "" : fixed(r.percentileMs(99)),
                    r == null ? "" : fixed(r.serverCpuMicros()), r == null ? "" : fixed(r.clientCpuMicros()),
                    row.target());
        }
        System.out.println();
        System.out.println("Target: at least 4,000 Idle requests/s on this 2-core machine with durable Derby; a Go"
                + " server of the same kind does ~7,400/s in memory and ~3,600/s on its file storage here.");
        System.out.printf(Locale.ROOT, "Client and server share the %d cores: the figures are a floor for the"
                + " server alone. Errors (any answer but the expected one) are not counted as done.%n",
                Runtime.getRuntime().availableProcessors());
    }

    private static String fixed(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
