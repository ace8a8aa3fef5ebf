package fr.chariot.inventory.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryPage;
import fr.chariot.inventory.api.InventoryQuery;

/**
 * The general inventory over {@code inv_device}, in SQL built from {@link InventoryColumns} and bound parameters
 * only. Without free text: a COUNT and a page read in the order of a {@code (column, udid)} index; with free text:
 * the matches are found in memory ({@link SearchTexts}) and, when few, only their rows are read by primary key
 * (one pass over the matches in order, see {@link #inOnePass}); when many, without filter, a sort's index is walked
 * keeping the matches (see {@link #inIndexOrderAmong}); else every row is read in one pass. The page's full rows are
 * then read by UDID.
 */
final class InventorySearch {

    /** Receives each exported row. */
    @FunctionalInterface
    interface RowSink {
        void accept(DeviceInventory row) throws IOException;
    }

    /**
     * Up to this many free-text matches, only their rows are read, by primary key (the matching is redone in SQL,
     * so memory only narrows the rows read); beyond, the sort's index is walked when there is no filter, else every
     * row of the colleges searched is read. Measured on 50,000 devices (InventoryBenchmark's data, 2 shared cores):
     * Derby probes the key once per match and fetches each row from a random heap page, about 40 µs a match (1,024
     * matches: 44 ms p50, 2,048: 61 ms) against about 1.5 µs a row for the sequential scan (50,000 rows: 55–75 ms);
     * past ~1,500 matches the scan wins.
     */
    static final int MAX_MATCHES_BY_KEY = 1024;
    /** The smallest IN list: lists are padded to a power of two so Derby compiles a handful of statements. */
    private static final int MIN_KEY_SLOTS = 8;

    private final DataSource db;
    private final SearchTexts texts;
    private final int maxMatchesByKey;
    private final Duration staleAfter;
    private final Clock clock;

    InventorySearch(DataSource db, SearchTexts texts, Duration staleAfter, Clock clock) {
        this(db, texts, MAX_MATCHES_BY_KEY, staleAfter, clock);
    }

    /** @param maxMatchesByKey see {@link #MAX_MATCHES_BY_KEY}; tests lower it to take the other path */
    InventorySearch(DataSource db, SearchTexts texts, int maxMatchesByKey, Duration staleAfter, Clock clock) {
        this.db = db;
        this.texts = texts;
        this.maxMatchesByKey = maxMatchesByKey;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** The configured threshold, for colleges without their own. */
    Duration defaultStaleAfter() {
        return staleAfter;
    }

    /**
     * Who is stale now: each college's own threshold ({@code inv_site_settings.stale_days}) or the default. Read at
     * each search (a handful of rows) so a change shows at once.
     */
    StaleRule staleRule() {
        try (Connection c = db.getConnection()) {
            return staleRule(c);
        } catch (SQLException e) {
            throw Jdbc.failure("Reading the colleges' staleness thresholds failed", e);
        }
    }

    private StaleRule staleRule(Connection c) throws SQLException {
        Instant now = clock.instant();
        Map<String, Instant> bySite = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT site, stale_days FROM inv_site_settings WHERE stale_days IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                bySite.put(rs.getString(1), now.minus(Duration.ofDays(rs.getInt(2))));
            }
        }
        return new StaleRule(now.minus(staleAfter), bySite);
    }

    InventoryPage search(InventoryQuery query) {
        if (query.sites().map(Set::isEmpty).orElse(false)) {
            return new InventoryPage(0, query.page(), query.size(), List.of());
        }
        long offset = (long) query.page() * query.size();
        try (Connection c = db.getConnection()) {
            StaleRule stale = staleRule(c);
            Where where = where(query, stale);
            PageOfUdids found;
            if (query.text().isEmpty()) {
                found = byIndexOrder(c, query, where, offset);
            } else {
                List<String> matches = texts.matching(query.text().toLowerCase(Locale.ROOT), query.sites());
                InventoryColumns.Order order = InventoryColumns.order(query.sort(), query.ascending());
                if (matches.isEmpty()) {
                    found = new PageOfUdids(0, List.of());
                } else if (matches.size() <= maxMatchesByKey) {
                    found = inOnePass(c, query, where.and(byKey(matches)), offset);
                } else if (query.filters().isEmpty() && order.indexedWithUdid()) {
                    found = inIndexOrderAmong(c, order, new HashSet<>(matches), offset, query.size());
                } else {
                    found = inOnePass(c, query, where, offset);
                }
            }
            return new InventoryPage(found.total(), query.page(), query.size(),
                    rows(c, found.udids(), stale));
        } catch (SQLException e) {
            throw Jdbc.failure("Searching the inventory failed", e);
        }
    }

    /** The total of a search and the UDIDs of the page asked, in order. */
    private record PageOfUdids(long total, List<String> udids) {
    }

    /**
     * Without free text the total is one COUNT on a narrow index, and the page is read in the order of a
     * {@code (column, udid)} index that stops after the page, never sorting every device. Derby's index order puts
     * NULLs last when ascending and first when descending; an order with the other NULL placement is read as two
     * runs, values then NULLs (or NULLs then values), each in index order.
     */
    private static PageOfUdids byIndexOrder(Connection c, InventoryQuery query, Where where, long offset)
            throws SQLException {
        InventoryColumns.Order order = InventoryColumns.order(query.sort(), query.ascending());
        long total;
        long nonNull;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COUNT(" + order.column() + ") FROM inv_device"
                + where.sql)) {
            where.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
                nonNull = rs.getLong(2);
            }
        }
        if (offset >= total) {
            return new PageOfUdids(total, List.of());
        }
        if (order.nullsAsIndexed()) {
            return new PageOfUdids(total, udids(c, where, "", order.valuesOrder(), offset, query.size()));
        }
        String values = order.column() + " IS NOT NULL";
        String nulls = order.column() + " IS NULL";
        boolean valuesFirst = order.nullsLast();
        String firstRun = valuesFirst ? values : nulls;
        String secondRun = valuesFirst ? nulls : values;
        String firstOrder = valuesFirst ? order.valuesOrder() : "udid";
        String secondOrder = valuesFirst ? "udid" : order.valuesOrder();
        long firstCount = valuesFirst ? nonNull : total - nonNull;
        List<String> page = new ArrayList<>();
        if (offset < firstCount) {
            page.addAll(udids(c, where, firstRun, firstOrder, offset, query.size()));
        }
        if (page.size() < query.size()) {
            page.addAll(udids(c, where, secondRun, secondOrder, Math.max(0, offset - firstCount),
                    query.size() - page.size()));
        }
        return new PageOfUdids(total, page);
    }

    private static List<String> udids(Connection c, Where where, String run, String orderBy, long offset, int size)
            throws SQLException {
        String condition = run.isEmpty() ? where.sql
                : where.sql.isEmpty() ? " WHERE " + run : where.sql + " AND " + run;
        List<String> udids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT udid FROM inv_device" + condition + " ORDER BY "
                + orderBy + ", udid OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            int next = where.bind(ps);
            ps.setLong(next, offset);
            ps.setInt(next + 1, size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    udids.add(rs.getString(1));
                }
            }
        }
        return udids;
    }

    /**
     * Many free-text matches, no filter and a sort with its {@code (column, udid)} index: the index is walked in the
     * sort's order, reading UDIDs only (no row), keeping those in {@code matches} and stopping once the page is full;
     * the total is the number of matches. The colleges searched are already in {@code matches} (memory keeps each
     * device's college). NULL placement as in {@link #byIndexOrder}: one run when the index already has it, else
     * values then NULLs (or NULLs then values).
     */
    private static PageOfUdids inIndexOrderAmong(Connection c, InventoryColumns.Order order, Set<String> matches,
            long offset, int size) throws SQLException {
        if (offset >= matches.size()) {
            return new PageOfUdids(matches.size(), List.of());
        }
        PageWalk walk = new PageWalk(matches, offset, size);
        if (order.nullsAsIndexed()) {
            walk.run(c, "SELECT udid FROM inv_device ORDER BY " + order.valuesOrder() + ", udid");
        } else {
            String values = "SELECT udid FROM inv_device WHERE " + order.column() + " IS NOT NULL ORDER BY "
                    + order.valuesOrder() + ", udid";
            String nulls = "SELECT udid FROM inv_device WHERE " + order.column() + " IS NULL ORDER BY udid";
            if (walk.run(c, order.nullsLast() ? values : nulls)) {
                walk.run(c, order.nullsLast() ? nulls : values);
            }
        }
        return new PageOfUdids(matches.size(), walk.page);
    }

    /** Keeps the matches of a walk in order, skipping the pages before the one asked, until that page is full. */
    private static final class PageWalk {
        /** Index entries come one small batch at a time: the walk usually stops long before the end. */
        private static final int FETCH_SIZE = 64;

        private final Set<String> matches;
        private final int size;
        private final List<String> page = new ArrayList<>();
        private long toSkip;

        PageWalk(Set<String> matches, long offset, int size) {
            this.matches = matches;
            this.toSkip = offset;
            this.size = size;
        }

        /** Walks one run (a query of UDIDs in order); whether the page still wants more. */
        boolean run(Connection c, String sql) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (page.size() < size && rs.next()) {
                        String udid = rs.getString(1);
                        if (matches.contains(udid)) {
                            if (toSkip > 0) {
                                toSkip--;
                            } else {
                                page.add(udid);
                            }
                        }
                    }
                }
            }
            return page.size() < size;
        }
    }

    /**
     * Free text: one pass reads the matching UDIDs in order, counting them and keeping the page, rather than a
     * COUNT and a page query each reading the same rows (every row of the colleges searched, or only the matches
     * found in memory when {@code where} has their keys).
     */
    private static PageOfUdids inOnePass(Connection c, InventoryQuery query, Where where, long offset)
            throws SQLException {
        List<String> page = new ArrayList<>();
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT udid FROM inv_device" + where.sql + " ORDER BY "
                + InventoryColumns.orderBy(query.sort(), query.ascending()) + ", udid")) {
            ps.setFetchSize(500);
            where.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (total >= offset && page.size() < query.size()) {
                        page.add(rs.getString(1));
                    }
                    total++;
                }
            }
        }
        return new PageOfUdids(total, page);
    }

    /**
     * {@code udid IN (…)} over the matches found in memory, padded with the last one to a power of two: Derby
     * probes the primary key once per value, and a few list lengths keep its statement cache warm.
     */
    private static Where byKey(List<String> udids) {
        int slots = Math.max(MIN_KEY_SLOTS, Integer.highestOneBit(udids.size() - 1) << 1);
        List<Object> parameters = new ArrayList<>(udids);
        while (parameters.size() < slots) {
            parameters.add(udids.get(udids.size() - 1));
        }
        return new Where("udid IN (" + String.join(", ", Collections.nCopies(slots, "?")) + ")", parameters);
    }

    /** The page's rows by primary key, in the page's order. */
    private static List<DeviceInventory> rows(Connection c, List<String> udids, StaleRule stale)
            throws SQLException {
        if (udids.isEmpty()) {
            return List.of();
        }
        Map<String, DeviceInventory> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + InventoryColumns.SELECT_LIST
                + " FROM inv_device WHERE udid IN (" + udids.stream().map(u -> "?").collect(Collectors.joining(", "))
                + ")")) {
            for (int i = 0; i < udids.size(); i++) {
                ps.setString(i + 1, udids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DeviceInventory row = InventoryColumns.read(rs, stale);
                    rows.put(row.udid().udid(), row);
                }
            }
        }
        return udids.stream().map(rows::get).filter(Objects::nonNull).toList();
    }

    /** Every device the query matches, all pages, in its order, streamed from the database. */
    void forEach(InventoryQuery query, RowSink sink) throws IOException {
        if (query.sites().map(Set::isEmpty).orElse(false)) {
            return;
        }
        try (Connection c = db.getConnection()) {
            StaleRule stale = staleRule(c);
            Where where = where(query, stale);
            try (PreparedStatement ps = c.prepareStatement(select(query, where))) {
                ps.setFetchSize(500);
                where.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(InventoryColumns.read(rs, stale));
                    }
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure("Reading the inventory to export failed", e);
        }
    }

    private static String select(InventoryQuery query, Where where) {
        return "SELECT " + InventoryColumns.SELECT_LIST + " FROM inv_device" + where.sql + " ORDER BY "
                + InventoryColumns.orderBy(query.sort(), query.ascending()) + ", udid";
    }

    /** A WHERE clause and its parameters, in order. */
    private record Where(String sql, List<Object> parameters) {

        /** This clause and a condition (a {@code Where} without the {@code WHERE} keyword). */
        Where and(Where condition) {
            List<Object> all = new ArrayList<>(parameters);
            all.addAll(condition.parameters());
            return new Where((sql.isEmpty() ? " WHERE " : sql + " AND ") + condition.sql(), all);
        }

        int bind(PreparedStatement ps) throws SQLException {
            int index = 1;
            for (Object parameter : parameters) {
                Jdbc.set(ps, index++, parameter);
            }
            return index;
        }
    }

    private static Where where(InventoryQuery query, StaleRule stale) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        query.sites().ifPresent(sites -> {
            conditions.add("site IN (" + sites.stream().map(s -> "?").collect(Collectors.joining(", ")) + ")");
            parameters.addAll(sites.stream().sorted().toList());
        });
        if (!query.text().isEmpty()) {
            // a plain substring test: Derby's LOCATE is several times cheaper per row than LIKE '%…%'
            conditions.add("LOCATE(CAST(? AS VARCHAR(200)), search_text) > 0");
            parameters.add(query.text().toLowerCase(Locale.ROOT));
        }
        for (Map.Entry<InventoryField, Object> filter : query.filters().entrySet()) {
            InventoryField field = filter.getKey();
            Object value = filter.getValue();
            if (field == InventoryField.STALE) {
                staleCondition(query.sites(), stale, Boolean.TRUE.equals(value), conditions, parameters);
            } else {
                conditions.add(InventoryColumns.column(field) + " = ?");
                parameters.add(value instanceof DeviceRole role ? role.name() : value);
            }
        }
        String sql = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return new Where(sql, parameters);
    }

    /**
     * {@code stale = true/false} by each college's threshold. The colleges searched are grouped by their limit: one
     * group (a single college, or nobody changed a threshold) is the plain comparison the indexes serve; otherwise
     * one {@code site IN (…) AND last_inventory < ?} per limit, the colleges on the default being "every other
     * college" when the search covers them all.
     */
    private static void staleCondition(Optional<Set<String>> searched, StaleRule stale, boolean wanted,
            List<String> conditions, List<Object> parameters) {
        String compare = wanted ? "last_inventory < ?" : "last_inventory >= ?";
        Map<Instant, List<String>> sitesByLimit = new TreeMap<>();
        List<String> onDefault = new ArrayList<>();
        if (searched.isPresent()) {
            for (String site : new TreeSet<>(searched.get())) {
                Instant limit = stale.beforeBySite().get(site);
                if (limit == null) {
                    onDefault.add(site);
                } else {
                    sitesByLimit.computeIfAbsent(limit, l -> new ArrayList<>()).add(site);
                }
            }
        } else {
            new TreeMap<>(stale.beforeBySite()).forEach((site, limit) ->
                    sitesByLimit.computeIfAbsent(limit, l -> new ArrayList<>()).add(site));
        }
        boolean defaultUsed = searched.isEmpty() || !onDefault.isEmpty();
        List<String> branches = new ArrayList<>();
        if (sitesByLimit.isEmpty() || (!defaultUsed && sitesByLimit.size() == 1)) {
            branches.add(compare);
            parameters.add(sitesByLimit.isEmpty() ? stale.defaultBefore() : sitesByLimit.keySet().iterator().next());
        } else {
            sitesByLimit.forEach((limit, sites) -> {
                branches.add("(site IN (" + placeholders(sites.size()) + ") AND " + compare + ")");
                parameters.addAll(sites);
                parameters.add(limit);
            });
            if (defaultUsed) {
                // the colleges searched already restrict the rows: "the others" are those without their own limit
                List<String> overridden = sitesByLimit.values().stream().flatMap(List::stream).sorted().toList();
                branches.add("(site NOT IN (" + placeholders(overridden.size()) + ") AND " + compare + ")");
                parameters.addAll(overridden);
                parameters.add(stale.defaultBefore());
            }
        }
        String any = String.join(" OR ", branches);
        conditions.add(wanted ? "(last_inventory IS NULL OR " + any + ")" : (branches.size() == 1 ? any
                : "(" + any + ")"));
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
