package fr.chariot.inventory.internal;

import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import fr.chariot.inventory.api.ExportFormat;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryQuery;

/**
 * Prints how the general inventory performs at department scale: 50,000 devices across 200 colleges, on embedded
 * Derby in a temporary folder. Not a test (no assertion, no timing limit): run it and read the figures.
 *
 * <pre>
 * mvn -o -f bundles/fr.chariot.inventory/pom.xml test-compile dependency:build-classpath \
 *   -Dmdep.outputFile=/tmp/inv-cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat /tmp/inv-cp.txt) \
 *   fr.chariot.inventory.internal.InventoryBenchmark
 * </pre>
 */
public final class InventoryBenchmark {

    private static final int COLLEGES = 200;
    private static final int DEVICES_PER_COLLEGE = 250;
    private static final int QUERIES = 200;
    private static final List<String> SORTS = List.of("name", "batteryLevel", "osVersion", "lastInventory",
            "availableCapacityMb", "serialNumber", "stale", "model");

    private InventoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("chariot-inventory-bench");
        Instant now = Instant.now();
        DataSource db = TestDatabase.create(folder);
        long fillStart = System.nanoTime();
        List<String> rnes = fill(db, now);
        System.out.printf(Locale.ROOT, "filled %,d devices in %d colleges in %.1f s%n",
                COLLEGES * DEVICES_PER_COLLEGE, COLLEGES, seconds(System.nanoTime() - fillStart));

        // as at activation: the store loads every search text once
        long loadStart = System.nanoTime();
        InventoryStore store = new InventoryStore(db);
        System.out.printf(Locale.ROOT, "loaded the search texts in %.0f ms%n", millis(System.nanoTime() - loadStart));
        InventorySearch search = new InventorySearch(db, store.searchTexts(), Duration.ofDays(7), Clock.systemUTC());
        Random random = new Random(42);

        measure("one college, sort on a random column, random page of 50", () -> InventoryQuery.parse("",
                Optional.of(Set.of(rnes.get(random.nextInt(COLLEGES)))), Map.of(),
                SORTS.get(random.nextInt(SORTS.size())), random.nextBoolean() ? "asc" : "desc",
                random.nextInt(5), 50), search);
        measure("one college, free text (part of a serial), sorted by name", () -> InventoryQuery.parse(
                String.format("%03d", random.nextInt(1000)), Optional.of(Set.of(rnes.get(random.nextInt(COLLEGES)))),
                Map.of(), "name", "asc", 0, 50), search);
        measure("all 200 colleges, sort on a random column, one of the first 10 pages of 50", () -> InventoryQuery.parse(
                "", Optional.empty(), Map.of(), SORTS.get(random.nextInt(SORTS.size())),
                random.nextBoolean() ? "asc" : "desc", random.nextInt(10), 50), search);
        measure("all 200 colleges, free text (a user or serial fragment), sorted by name", () -> InventoryQuery.parse(
                random.nextBoolean() ? "eleve" + random.nextInt(100) + "." : "dmp" + String.format("%05d",
                        random.nextInt(50_000)), Optional.empty(), Map.of(), "name", "asc", 0, 50), search);
        measure("all 200 colleges, free text, a serial fragment (1 match), sorted by name", () -> InventoryQuery.parse(
                "dmp" + String.format("%05d", random.nextInt(50_000)), Optional.empty(), Map.of(), "name", "asc", 0,
                50), search);
        measure("all 200 colleges, free text, a user fragment (~3,600 matches), sorted by name",
                () -> InventoryQuery.parse("eleve" + random.nextInt(100) + ".", Optional.empty(), Map.of(), "name",
                        "asc", 0, 50), search);
        measure("all 200 colleges, free text, a user fragment, random sort and direction, random page of ~72",
                () -> InventoryQuery.parse("eleve" + random.nextInt(100) + ".", Optional.empty(), Map.of(),
                        SORTS.get(random.nextInt(SORTS.size())), random.nextBoolean() ? "asc" : "desc",
                        random.nextInt(72), 50), search);
        measure("all colleges, filter stale=true, sorted by lastInventory", () -> InventoryQuery.parse("",
                Optional.empty(), Map.of("stale", "true"), "lastInventory", "asc", random.nextInt(3), 50), search);

        InventoryQuery exportQuery = new InventoryQuery("", Optional.of(new HashSet<>(rnes.subList(0, 40))),
                Map.of(), InventoryField.NAME, true, 0, 50);
        List<InventoryField> columns = List.of(InventoryField.NAME, InventoryField.SERIAL_NUMBER, InventoryField.SITE,
                InventoryField.ROLE, InventoryField.MODEL, InventoryField.OS_VERSION, InventoryField.BATTERY_LEVEL,
                InventoryField.CAPACITY_MB, InventoryField.AVAILABLE_CAPACITY_MB, InventoryField.LAST_INVENTORY,
                InventoryField.STALE);
        for (int run = 1; run <= 3; run++) {
            Path file = folder.resolve("export.csv");
            long start = System.nanoTime();
            long[] rows = {0};
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
                InventoryExport export = new InventoryExport(ExportFormat.CSV, columns, out);
                export.begin();
                search.forEach(exportQuery, row -> {
                    rows[0]++;
                    export.row(row);
                });
                export.end();
            }
            System.out.printf(Locale.ROOT, "CSV export run %d: %,d rows, %d columns, %,d bytes in %.0f ms%n", run,
                    rows[0], columns.size(), Files.size(file), millis(System.nanoTime() - start));
        }

        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "heap used after the runs: %.0f MB (max %.0f MB); derby.storage.pageCacheSize=%s%n",
                (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.maxMemory() / 1e6,
                System.getProperty("derby.storage.pageCacheSize", "1000 (default)"));
    }

    private static void measure(String what, Supplier<InventoryQuery> queries, InventorySearch search) {
        for (int i = 0; i < 20; i++) {
            search.search(queries.get());
        }
        long[] times = new long[QUERIES];
        long totalSum = 0;
        for (int i = 0; i < QUERIES; i++) {
            InventoryQuery query = queries.get();
            long start = System.nanoTime();
            totalSum += search.search(query).total();
            times[i] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "%-80s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  (avg total %,d)%n", what,
                millis(times[QUERIES / 2]), millis(times[QUERIES * 95 / 100]), millis(times[QUERIES - 1]),
                totalSum / QUERIES);
    }

    /** Direct batched inserts: the same rows results would produce, without 50,000 simulated answers. */
    private static List<String> fill(DataSource db, Instant now) throws Exception {
        List<String> rnes = new ArrayList<>();
        Random random = new Random(7);
        String[] models = {"MK2K3NF/A", "MYLA2NF/A", "MPQ03NF/A", "MW752NF/A"};
        String[] versions = {"16.7.10", "17.4.1", "17.7", "18.0.1", "18.1", "18.6.2"};
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO inv_device (udid, site, role, enrolled, "
                    + "enrolled_at, name, serial_number, model, model_name, product_name, os_version, os_version_sort, "
                    + "build_version, battery_level, capacity_mb, available_capacity_mb, wifi_mac, supervised, "
                    + "shared_ipad, last_inventory, search_text) VALUES (?, ?, ?, TRUE, ?, ?, ?, ?, 'iPad', "
                    + "'iPad12,1', ?, ?, '21E236', ?, 64000, ?, ?, TRUE, ?, ?, ?)");
                    PreparedStatement users = c.prepareStatement(
                            "INSERT INTO inv_user (udid, user_name, position) VALUES (?, ?, ?)")) {
                int n = 0;
                for (int college = 0; college < COLLEGES; college++) {
                    String rne = String.format("%07d%c", 310001 + college, (char) ('A' + college % 26));
                    rnes.add(rne);
                    for (int i = 0; i < DEVICES_PER_COLLEGE; i++, n++) {
                        String udid = String.format("00008103-%016X", n);
                        String serial = String.format("DMP%05d%04X", n, random.nextInt(0xFFFF));
                        boolean student = i >= 12;
                        String name = student ? rne + "-2025-" + serial : i < 4 ? rne + "-Prof " + (i + 1)
                                : "Enseignant " + n;
                        String os = versions[random.nextInt(versions.length)];
                        Instant last = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 10)));
                        StringBuilder text = new StringBuilder(name + "\n" + serial + "\n" + udid + "\n");
                        if (student) {
                            for (int u = 0; u < 8; u++) {
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
                        ps.setString(7, models[random.nextInt(models.length)]);
                        ps.setString(8, os);
                        ps.setString(9, InventoryColumns.versionSortKey(os));
                        ps.setInt(10, random.nextInt(101));
                        ps.setLong(11, random.nextInt(60_000));
                        ps.setString(12, String.format("a4:83:e7:%02x:%02x:%02x", n >> 16 & 0xff, n >> 8 & 0xff,
                                n & 0xff));
                        ps.setBoolean(13, student);
                        ps.setTimestamp(14, Timestamp.from(last));
                        ps.setString(15, text.toString().toLowerCase(Locale.ROOT));
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
            // a running server's index statistics are kept by Derby's istat daemon; the bulk fill bypasses it, and
            // without statistics the optimizer takes one college for a tenth of the devices
            try (var call = c.prepareCall("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS(CURRENT SCHEMA, 'INV_DEVICE', NULL)")) {
                call.execute();
            }
        }
        return rnes;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
