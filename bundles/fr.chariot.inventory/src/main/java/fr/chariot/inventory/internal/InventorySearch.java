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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * one pass over the matches in order (see {@link #inOnePass}). The page's full rows are then read by UDID.
 */
final class InventorySearch {

    /** Receives each exported row. */
    @FunctionalInterface
    interface RowSink {
        void accept(DeviceInventory row) throws IOException;
    }

    private final DataSource db;
    private final Duration staleAfter;
    private final Clock clock;

    InventorySearch(DataSource db, Duration staleAfter, Clock clock) {
        this.db = db;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    Instant staleBefore() {
        return clock.instant().minus(staleAfter);
    }

    InventoryPage search(InventoryQuery query) {
        if (query.sites().map(Set::isEmpty).orElse(false)) {
            return new InventoryPage(0, query.page(), query.size(), List.of());
        }
        Instant staleBefore = staleBefore();
        Where where = where(query, staleBefore);
        long offset = (long) query.page() * query.size();
        try (Connection c = db.getConnection()) {
            PageOfUdids found = query.text().isEmpty()
                    ? byIndexOrder(c, query, where, offset)
                    : inOnePass(c, query, where, offset);
            return new InventoryPage(found.total(), query.page(), query.size(),
                    rows(c, found.udids(), staleBefore));
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
     * Free text has to read every device's search text: one pass reads the matching UDIDs in order, counting them
     * and keeping the page, rather than a COUNT and a page query each reading all of them.
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

    /** The page's rows by primary key, in the page's order. */
    private static List<DeviceInventory> rows(Connection c, List<String> udids, Instant staleBefore)
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
                    DeviceInventory row = InventoryColumns.read(rs, staleBefore);
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
        Instant staleBefore = staleBefore();
        Where where = where(query, staleBefore);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(select(query, where))) {
            ps.setFetchSize(500);
            where.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(InventoryColumns.read(rs, staleBefore));
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

        int bind(PreparedStatement ps) throws SQLException {
            int index = 1;
            for (Object parameter : parameters) {
                Jdbc.set(ps, index++, parameter);
            }
            return index;
        }
    }

    private static Where where(InventoryQuery query, Instant staleBefore) {
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
                conditions.add(Boolean.TRUE.equals(value) ? "(last_inventory IS NULL OR last_inventory < ?)"
                        : "last_inventory >= ?");
                parameters.add(staleBefore);
            } else {
                conditions.add(InventoryColumns.column(field) + " = ?");
                parameters.add(value instanceof DeviceRole role ? role.name() : value);
            }
        }
        String sql = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return new Where(sql, parameters);
    }
}
