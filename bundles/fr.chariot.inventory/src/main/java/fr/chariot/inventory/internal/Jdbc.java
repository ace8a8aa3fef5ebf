package fr.chariot.inventory.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** The JDBC conversions every store repeats: nullable values both ways, device text cut to its column. */
final class Jdbc {

    /** Derby's SQLState for a duplicate key. */
    static final String DUPLICATE_KEY = "23505";

    private Jdbc() {
    }

    /** Reads one value from the current row of a result. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Binds any value this bundle stores: String, Boolean, Long/Integer, Instant, or null. */
    static void set(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            // Derby wants the parameter's own SQL type for a NULL
            ps.setNull(index, ps.getParameterMetaData().getParameterType(index));
        } else if (value instanceof String text) {
            ps.setString(index, text);
        } else if (value instanceof Boolean flag) {
            ps.setBoolean(index, flag);
        } else if (value instanceof Integer number) {
            ps.setInt(index, number);
        } else if (value instanceof Long number) {
            ps.setLong(index, number);
        } else if (value instanceof Instant instant) {
            ps.setTimestamp(index, Timestamp.from(instant));
        } else {
            throw new IllegalArgumentException("no SQL binding for " + value.getClass());
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    static Long number(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** Device text is untrusted and unbounded: kept to what its column holds. */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }
}
