package fr.chariot.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real {@code bin/chariot} of a fresh copy of the distribution (empty database), started the way the black-box
 * tests start it, plus the few REST calls the benchmark needs as the administrator.
 */
final class Server implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_PASSWORD = "mot-de-passe-du-banc-42";
    /** USER_HZ of /proc/<pid>/stat: 100 on every Linux this runs on (reading it needs getconf). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Path home;
    private final String baseUrl;
    private final Process process;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private String token;

    private Server(Path home, String baseUrl, Process process) {
        this.home = home;
        this.baseUrl = baseUrl;
        this.process = process;
    }

    /**
     * Copies {@code distribution} into a new folder under {@code work} and starts it on a free loopback port with
     * the simulated APNs as its push service.
     */
    static Server start(Path distribution, Path work, String javaOptions, int apnsPort, String apnsCaPem)
            throws IOException {
        if (!Files.isRegularFile(distribution.resolve("bin/chariot"))) {
            throw new IllegalStateException("no distribution at " + distribution
                    + ": run `mvn -B -DskipTests install` at the root first");
        }
        Files.createDirectories(work);
        Path home = Files.createTempDirectory(work, "chariot-");
        copy(distribution, home);
        return launch(home, javaOptions, apnsPort, apnsCaPem);
    }

    /** Starts the server already copied to {@code home} again, on its own data. */
    static Server launch(Path home, String javaOptions, int apnsPort, String apnsCaPem) throws IOException {
        Path apnsCa = Files.writeString(home.resolve("simulated-apns-ca.pem"), apnsCaPem);
        int port = freePort();
        String baseUrl = "http://127.0.0.1:" + port;
        // "sh": the unpacked archive may have lost the executable bit
        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/chariot").toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("server.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("CHARIOT_HTTP_PORT", Integer.toString(port));
        env.put("CHARIOT_PUBLIC_URL", baseUrl);
        env.put("CHARIOT_APNS_HOST", "127.0.0.1");
        env.put("CHARIOT_APNS_PORT", Integer.toString(apnsPort));
        env.put("CHARIOT_APNS_TRUSTED_CA", apnsCa.toString());
        env.put("CHARIOT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("CHARIOT_JAVA_OPTS", javaOptions);
        return new Server(home, baseUrl, builder.start());
    }

    String baseUrl() {
        return baseUrl;
    }

    Path home() {
        return home;
    }

    /** The JVM's pid: bin/chariot execs java, so the shell's pid becomes the JVM's. */
    long pid() {
        return process.pid();
    }

    /** Waits until GET /health answers 200, then logs in as the administrator. */
    void awaitUp(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("bin/chariot exited with " + process.exitValue() + "; see "
                        + home.resolve("server.out"));
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYetListening) {
                // retried below until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("/health did not answer 200 within " + timeout);
            }
            Thread.sleep(100);
        }
        String basic = Base64.getEncoder()
                .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/token"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        token = expect(200, login).get("token").asText();
    }

    /** An authenticated GET, answered as it is. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(authorized(path).GET());
    }

    /** An authenticated POST of a JSON body; fails unless the answer has the expected status. */
    JsonNode post(String path, int expected, Object body) throws IOException, InterruptedException {
        return expect(expected, send(json(path, body)));
    }

    void createSite(String rne, String name) throws IOException, InterruptedException {
        expect(201, send(json("/api/v1/sites", Map.of("rne", rne, "name", name))));
    }

    void installPushCertificate(String pem) throws IOException, InterruptedException {
        expect(200, send(authorized("/api/v1/push-certificate")
                .PUT(HttpRequest.BodyPublishers.ofString(pem, StandardCharsets.UTF_8))));
    }

    /** Queues {@code DeviceInformation(BatteryLevel)} for one device through the REST API; the server pushes. */
    String queueDeviceInformation(String udid) throws IOException, InterruptedException {
        return expect(202, send(json("/api/v1/devices/" + udid + "/commands",
                Map.of("requestType", "DeviceInformation", "Queries", List.of("BatteryLevel")))))
                .get("commandUuid").asText();
    }

    /** Resident memory of the server JVM, from /proc, in MiB (-1 where /proc is not there). */
    long residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** CPU time (user + system) the server JVM has used so far, in ns (-1 where /proc is not there). */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** SIGTERM, as a service manager stops it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Deletes this run's copy of the distribution (the server must be stopped). */
    void deleteHome() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
    }

    private HttpRequest.Builder json(String path, Object body) throws IOException {
        return authorized(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(int status, HttpResponse<String> r) throws IOException {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode()
                    + " " + r.body() + ", expected " + status);
        }
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
