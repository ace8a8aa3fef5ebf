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
 * The general inventory over {@code inv_device}: one COUNT and one page query per search, both built from
 * {@link InventoryColumns} and bound parameters only. Free text reads the narrow lower-case {@code search_text}
 * column; one college's devices come from the {@code (site, name)} index; the page is cut by the database
 * ({@code OFFSET … FETCH NEXT}).
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
        try (Connection c = db.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM inv_device" + where.sql)) {
                where.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<DeviceInventory> items = new ArrayList<>();
            long offset = (long) query.page() * query.size();
            if (offset < total) {
                items = page(c, query, where, offset, staleBefore);
            }
            return new InventoryPage(total, query.page(), query.size(), items);
        } catch (SQLException e) {
            throw Jdbc.failure("Searching the inventory failed", e);
        }
    }

    /**
     * A page in two steps: the page's UDIDs first, sorting only the sort key and the UDID (the wide rows of 50,000
     * devices cost far more to sort), then those rows by primary key.
     */
    private static List<DeviceInventory> page(Connection c, InventoryQuery query, Where where, long offset,
            Instant staleBefore) throws SQLException {
        List<String> udids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT udid FROM inv_device" + where.sql + " ORDER BY "
                + InventoryColumns.orderBy(query.sort(), query.ascending())
                + ", udid OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            int next = where.bind(ps);
            ps.setLong(next, offset);
            ps.setInt(next + 1, query.size());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    udids.add(rs.getString(1));
                }
            }
        }
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
            conditions.add("search_text LIKE ? ESCAPE '\\'");
            parameters.add("%" + escapeLike(query.text().toLowerCase(Locale.ROOT)) + "%");
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

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
