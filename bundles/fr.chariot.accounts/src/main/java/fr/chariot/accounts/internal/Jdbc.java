package fr.chariot.accounts.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Calendar;
import java.util.Optional;
import java.util.TimeZone;

/**
 * What every {@code acct_*} access shares. Times are written and read in UTC so that a change of the server's time
 * zone (or daylight saving) never moves a lock, an expiry or a journal entry.
 */
final class Jdbc {

    private Jdbc() {
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setTimestamp(index, Timestamp.from(instant), utc());
    }

    static void setInstant(PreparedStatement ps, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            setInstant(ps, index, instant.get());
        } else {
            ps.setNull(index, Types.TIMESTAMP);
        }
    }

    static Optional<Instant> getInstant(ResultSet rs, int index) throws SQLException {
        return Optional.ofNullable(rs.getTimestamp(index, utc())).map(Timestamp::toInstant);
    }

    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Could not " + what + " in the accounts database: " + e.getMessage(), e);
    }

    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }
}
