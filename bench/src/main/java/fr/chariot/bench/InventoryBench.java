package fr.chariot.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

import fr.chariot.simulator.api.SimulatedApns;

/**
 * The general inventory and groups of a department through the real stack: {@code bin/chariot}, Jetty, the REST
 * API, the inventory and groups bundles on durable Derby, with 50,000 devices across 200 colleges.
 *
 * <p>Enrolling 50,000 simulated iPads would take hours (each one a 2048-bit key and a SCEP exchange), so the
 * benchmark creates the colleges through the API, stops the server, writes the inventory rows straight into its
 * stopped database (the rows the inventory's own answers would leave; the OS version sort key is left empty, so
 * no figure sorts on it), starts it again and measures over HTTP. Prints figures; asserts nothing.
 */
public final class InventoryBench {

    private static final int COLLEGES = Integer.getInteger("bench.colleges", 200);
    private static final int DEVICES_PER_COLLEGE = Integer.getInteger("bench.devicesPerCollege", 250);
    private static final int QUERIES = Integer.getInteger("bench.queries", 300);
    /** One device in five has this model: the selection the export figure writes (~10,000 rows). */
    private static final String EXPORTED_MODEL = "MK2K3NF/A";
    private static final String[] MODELS = {EXPORTED_MODEL, "MYLA2NF/A", "MPQ03NF/A", "MW752NF/A", "MQ6J3NF/A"};
    private static final String[] VERSIONS = {"16.7.10", "17.4.1", "17.7", "18.0.1", "18.1", "18.6.2"};

    private final Random random = new Random(11);
    private final List<String> rnes = new ArrayList<>();
    private final List<String> serials = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        new InventoryBench().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path distribution = Path.of(System.getProperty("bench.dist", "target/dist/chariot-0.1.0-SNAPSHOT"));
        Path work = Path.of(System.getProperty("bench.work", "target/runs"));
        String javaOptions = System.getProperty("bench.serverJavaOpts", "-Xmx1g");
        System.out.printf(Locale.ROOT, "Chariot inventory benchmark: %,d devices across %d colleges, %d queries per "
                + "figure; %d cores shared by this client and the server; server JVM %s%n",
                COLLEGES * DEVICES_PER_COLLEGE, COLLEGES, QUERIES, Runtime.getRuntime().availableProcessors(),
                javaOptions);
        try (SimulatedApns apns = SimulatedApns.start()) {
            Server server = Server.start(distribution, work, javaOptions, apns.port(), apns.serverCaPem());
            Path home = server.home();
            try {
                server.awaitUp(Duration.ofSeconds(120));
                for (int college = 0; college < COLLEGES; college++) {
                    String rne = String.format(Locale.ROOT, "%07d%c", 310001 + college, (char) ('A' + college % 26));
                    rnes.add(rne);
                    server.createSite(rne, "Collège " + rne);
                }
            } finally {
                server.close();
            }
            long fillStart = System.nanoTime();
            fill(home.resolve("data/derby/chariot"));
            System.out.printf(Locale.ROOT, "database filled in %.1f s%n", (System.nanoTime() - fillStart) / 1e9);

            long startNanos = System.nanoTime();
            server = Server.launch(home, javaOptions, apns.port(), apns.serverCaPem());
            try {
                server.awaitUp(Duration.ofSeconds(180));
                System.out.printf(Locale.ROOT, "server up on %,d devices in %d ms (pid %d)%n", serials.size(),
                        (System.nanoTime() - startNanos) / 1_000_000, server.pid());
                measure(server);
            } finally {
                server.close();
            }
            System.out.println("The server's folder (logs/chariot.log) is kept: " + home);
        }
    }

    private void measure(Server server) throws Exception {
        String oneCollege = rnes.get(rnes.size() / 2);
        // warm-up: the JIT and Derby's page cache, on every kind of query measured below
        time("warm-up", 200, i -> "/api/v1/devices?size=50&sort=name&page=" + (1 + i % 10)
                + (i % 2 == 0 ? "&q=" + serialFragment() : ""), server);
        time("one college, sorted by battery (desc), page of 50", QUERIES,
                i -> "/api/v1/devices?site=" + oneCollege + "&sort=batteryLevel&order=desc&size=50&page=" + (1 + i % 5),
                server);
        time("one college, free text (part of a serial number)", QUERIES,
                i -> "/api/v1/devices?site=" + rnes.get(i % rnes.size()) + "&q=" + serialFragment() + "&size=50",
                server);
        time("all colleges (department admin), sorted by name, pages 1-10 of 50", QUERIES,
                i -> "/api/v1/devices?sort=name&size=50&page=" + (1 + i % 10), server);
        time("all colleges, sorted by last inventory (desc), page of 50", QUERIES,
                i -> "/api/v1/devices?sort=lastInventory&order=desc&size=50&page=" + (1 + i % 10), server);
        time("all colleges, free text (part of a serial number), page of 50", QUERIES,
                i -> "/api/v1/devices?q=" + serialFragment() + "&size=50", server);
        time("all colleges, free text matching every device (\"dmp\"), page of 50", QUERIES / 3,
                i -> "/api/v1/devices?q=dmp&size=50&page=" + (1 + i % 10), server);
        time("all colleges, stale devices, page of 50", QUERIES,
                i -> "/api/v1/devices?filter.stale=true&size=50&page=" + (1 + i % 10), server);

        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            HttpResponse<String> csv = server.get("/api/v1/devices/export?format=csv&filter.model="
                    + URLEncoder.encode(EXPORTED_MODEL, StandardCharsets.UTF_8)
                    + "&columns=udid,name,serialNumber,site,role,model,osVersion,batteryLevel,lastInventory,stale");
            long nanos = System.nanoTime() - start;
            check(csv);
            System.out.printf(Locale.ROOT, "%-78s %,8.1f ms (%,d rows, %,d KiB)%n", "CSV export, run " + (run + 1),
                    nanos / 1e6, csv.body().lines().count() - 1, csv.body().length() / 1024);
        }

        long[] creations = new long[Math.min(20, rnes.size())];
        long firstGroup = -1;
        for (int i = 0; i < creations.length; i++) {
            String rne = rnes.get(i);
            long start = System.nanoTime();
            long id = server.post("/api/v1/groups", 201, Map.of("name", rne + " batterie faible " + i, "site", rne, "type", "SMART",
                    "dashboard", true, "criteria", List.of(
                            Map.of("field", "batteryLevel", "operator", "LESS_THAN", "value", "30"),
                            Map.of("field", "osVersion", "operator", "LESS_THAN", "value", "18.0", "join", "OR"))))
                    .get("id").asLong();
            creations[i] = System.nanoTime() - start;
            if (i == 0) {
                firstGroup = id;
            }
        }
        print("smart group created through REST, members computed (one college)", creations);

        measureConsole(server, oneCollege, firstGroup);

        HeapFigures.print(server.pid());
        System.out.printf(Locale.ROOT, "%-78s %,8d MiB%n", "server RSS", server.residentMiB());
    }

    /** The console's « Inventaire » page, rendered on the server for the college with the most devices. */
    private void measureConsole(Server server, String college, long group) throws Exception {
        ConsoleTimer console = ConsoleTimer.logIn(server.baseUrl(), Server.ADMIN_PASSWORD);
        IntFunction<String> byName = i -> "/console/inventory?site=" + college + "&size=50&page=" + (1 + i % 10);
        time("warm-up", 100, byName, console::get);
        time("console « Inventaire » page, one college of " + DEVICES_PER_COLLEGE + ", by name, 50 rows",
                QUERIES, byName, console::get);
        time("console « Inventaire » page, same college, sorted by battery (desc), 50 rows", QUERIES,
                i -> "/console/inventory?site=" + college + "&sort=batteryLevel&order=desc&size=50&page="
                        + (1 + i % 10), console::get);
        time("console « Inventaire » page, same college, free text, 50 rows", QUERIES,
                i -> "/console/inventory?site=" + college + "&q=" + serialFragment() + "&size=50", console::get);
        time("console « Inventaire » page, same college, 250 rows", QUERIES / 3,
                i -> "/console/inventory?site=" + college + "&size=250&page=" + (1 + i % 4), console::get);
        time("console « Inventaire » opened on a smart group of the first college (in=group:…), 50 rows",
                QUERIES / 3, i -> "/console/inventory?in=group:" + group + "&size=50&page=" + (1 + i % 3), console::get);
        time("console « Tableau de bord » (20 groups flagged for it)", QUERIES / 3, i -> "/console/", console::get);
    }

    private String serialFragment() {
        String serial = serials.get(random.nextInt(serials.size()));
        return serial.substring(3, 9).toLowerCase(Locale.ROOT);
    }

    /** A GET of the REST API or of the console. */
    @FunctionalInterface
    private interface Fetch {
        HttpResponse<String> get(String path) throws IOException, InterruptedException;
    }

    private void time(String what, int count, IntFunction<String> path, Server server) throws Exception {
        time(what, count, path, server::get);
    }

    private static void time(String what, int count, IntFunction<String> path, Fetch fetch) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String p = path.apply(i);
            long start = System.nanoTime();
            HttpResponse<String> r = fetch.get(p);
            nanos[i] = System.nanoTime() - start;
            check(r);
        }
        if (!what.equals("warm-up")) {
            print(what, nanos);
        }
    }

    private static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.uri() + " answered " + r.statusCode() + " " + r.body());
        }
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-78s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 95 / 100] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /** The rows the inventory's own answers would leave, in batches, then fresh index statistics. */
    private void fill(Path database) throws SQLException {
        Instant now = Instant.now();
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + database)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO inv_device (udid, site, role, enrolled, "
                    + "enrolled_at, name, serial_number, model, model_name, product_name, os_version, build_version, "
                    + "battery_level, capacity_mb, available_capacity_mb, wifi_mac, supervised, shared_ipad, "
                    + "last_inventory, search_text) VALUES (?, ?, ?, TRUE, ?, ?, ?, ?, 'iPad', 'iPad12,1', ?, "
                    + "'21E236', ?, 64000, ?, ?, TRUE, ?, ?, ?)");
                    PreparedStatement users = c.prepareStatement(
                            "INSERT INTO inv_user (udid, user_name, position) VALUES (?, ?, ?)")) {
                int n = 0;
                for (String rne : rnes) {
                    for (int i = 0; i < DEVICES_PER_COLLEGE; i++, n++) {
                        String udid = String.format(Locale.ROOT, "00008103-%016X", n);
                        String serial = String.format(Locale.ROOT, "DMP%05d%04X", n, random.nextInt(0xFFFF));
                        serials.add(serial);
                        boolean student = i >= 12;
                        String name = student ? rne + "-2025-" + serial : i < 4 ? rne + "-Prof " + (i + 1)
                                : "Enseignant " + n;
                        StringBuilder text = new StringBuilder(name + "\n" + serial + "\n" + udid + "\n");
                        if (student) {
                            for (int u = 0; u < 4; u++) {
                                String user = "eleve" + random.nextInt(100) + "." + n + "." + u + "@college.fr";
                                users.setString(1, udid);
                                users.setString(2, user);
                                users.setInt(3, u);
                                users.addBatch();
                                text.append(user).append('\n');
                            }
                        }
                        ps.setString(1, udid);
                        ps.setString(2, rne);
                        ps.setString(3, student ? "STUDENT_SHARED" : i < 4 ? "TEACHER_SHARED" : "TEACHER_PERSONAL");
                        ps.setTimestamp(4, Timestamp.from(now.minus(Duration.ofDays(200))));
                        ps.setString(5, name);
                        ps.setString(6, serial);
                        ps.setString(7, MODELS[n % MODELS.length]);
                        ps.setString(8, VERSIONS[random.nextInt(VERSIONS.length)]);
                        ps.setInt(9, random.nextInt(101));
                        ps.setLong(10, random.nextInt(60_000));
                        ps.setString(11, String.format(Locale.ROOT, "a4:83:e7:%02x:%02x:%02x", n >> 16 & 0xff,
                                n >> 8 & 0xff, n & 0xff));
                        ps.setBoolean(12, student);
                        ps.setTimestamp(13, Timestamp.from(now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 10)))));
                        ps.setString(14, text.toString().toLowerCase(Locale.ROOT));
                        ps.addBatch();
                        if (n % 1000 == 999) {
                            ps.executeBatch();
                            users.executeBatch();
                            c.commit();
                        }
                    }
                }
                ps.executeBatch();
                users.executeBatch();
                c.commit();
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                // a running server keeps index statistics itself; a bulk fill behind its back does not
                s.execute("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('APP', 'INV_DEVICE', NULL)");
                s.execute("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('APP', 'INV_USER', NULL)");
            }
        }
        try {
            DriverManager.getConnection("jdbc:derby:;shutdown=true");
        } catch (SQLException expected) {
            // Derby answers a clean engine shutdown with an exception (XJ015)
        }
    }

    /** The server's heap after a full GC, as the JDK's own {@code jcmd} reports it. */
    private static final class HeapFigures {

        static void print(long pid) throws IOException, InterruptedException {
            run(pid, "GC.run");
            String info = run(pid, "GC.heap_info");
            info.lines().filter(line -> line.contains("used")).findFirst().ifPresent(line -> System.out.printf(
                    Locale.ROOT, "%-78s %s%n", "server heap after a full GC (jcmd GC.heap_info)", line.strip()));
        }

        private static String run(long pid, String command) throws IOException, InterruptedException {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor();
            return out;
        }
    }
}
