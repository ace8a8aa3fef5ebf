package fr.chariot.accounts.internal;

import static fr.chariot.accounts.internal.Jdbc.failure;
import static fr.chariot.accounts.internal.Jdbc.getInstant;
import static fr.chariot.accounts.internal.Jdbc.setInstant;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.accounts.api.AuditEntry;
import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.AuditPage;
import fr.chariot.accounts.api.AuditQuery;

/**
 * {@link AuditLog} over {@code acct_audit}. Entries are only inserted. An event is recorded after the change it
 * describes succeeded, so recording must not fail on a long text: the free texts are shortened to their columns;
 * only a malformed college or action code, a caller's bug, is refused.
 */
@Component(service = AuditLog.class)
public class AuditLogService implements AuditLog {

    static final String CSV_HEADER = "at;user;from;site;action;objects;details";
    private static final Pattern RNE = Pattern.compile("[0-9]{7}[A-Z]");
    private static final int USERNAME_LENGTH = 64;
    private static final int FROM_LENGTH = 128;
    private static final int ACTION_LENGTH = 64;
    private static final int DETAILS_LENGTH = 1000;
    private static final String COLUMNS = "id, recorded_at, username, from_address, site, action, objects, details";

    private final DataSource dataSource;
    private final Clock clock;

    @Activate
    public AuditLogService(@Reference(name = "dataSource", target = "(chariot.schema=acct)") DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    AuditLogService(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        Optional<String> site = event.site().map(rne -> rne.strip().toUpperCase(Locale.ROOT));
        if (site.isPresent() && !RNE.matcher(site.get()).matches()) {
            throw new IllegalArgumentException("not an RNE: " + event.site().get());
        }
        String action = event.action().strip();
        if (action.isEmpty() || action.length() > ACTION_LENGTH) {
            throw new IllegalArgumentException("an action code has 1 to " + ACTION_LENGTH + " characters: " + action);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO "
                + "acct_audit (recorded_at, username, from_address, site, action, objects, details) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            setInstant(ps, 1, clock.instant());
            ps.setString(2, shorten(event.username(), USERNAME_LENGTH));
            ps.setString(3, shorten(event.from(), FROM_LENGTH));
            if (site.isPresent()) {
                ps.setString(4, site.get());
            } else {
                ps.setNull(4, Types.CHAR);
            }
            ps.setString(5, action);
            ps.setString(6, encodeObjects(event.objects()));
            ps.setString(7, shorten(event.details(), DETAILS_LENGTH));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("record " + action + " by " + event.username(), e);
        }
    }

    @Override
    public AuditPage entries(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        if (query.sites().filter(Set::isEmpty).isPresent()) {
            return new AuditPage(0, List.of());
        }
        String where = where(query);
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM acct_audit" + where)) {
                bindSites(ps, query);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<AuditEntry> entries = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM acct_audit" + where
                    + " ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int next = bindSites(ps, query);
                ps.setLong(next, (long) query.page() * query.size());
                ps.setInt(next + 1, query.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs));
                    }
                }
            }
            return new AuditPage(total, entries);
        } catch (SQLException e) {
            throw failure("read the journal", e);
        }
    }

    @Override
    public void exportCsv(AuditQuery query, OutputStream out) throws IOException {
        Objects.requireNonNull(query, "query");
        // Not closed: the stream belongs to the caller (a servlet response); flushed at the end.
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        csv.write(CSV_HEADER);
        csv.write("\r\n");
        if (query.sites().filter(Set::isEmpty).isEmpty()) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM acct_audit" + where(query) + " ORDER BY id DESC")) {
                bindSites(ps, query);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        writeRow(csv, entry(rs));
                    }
                }
            } catch (SQLException e) {
                throw failure("export the journal", e);
            }
        }
        csv.flush();
    }

    private static void writeRow(Writer csv, AuditEntry entry) throws IOException {
        AuditEvent event = entry.event();
        List<String> cells = List.of(entry.at().toString(), event.username(), event.from(), event.site().orElse(""),
                event.action(), String.join("\n", event.objects()), event.details());
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.write(';');
            }
            csv.write(csvCell(cells.get(i)));
        }
        csv.write("\r\n");
    }

    /**
     * A cell a spreadsheet shows as text: one starting with = + - @ (or a tab or CR) gets a leading apostrophe so it
     * is never run as a formula, as in the inventory's export; quoted when it holds the separator, a quote or a
     * line break.
     */
    static String csvCell(String text) {
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.indexOf(';') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    private static String where(AuditQuery query) {
        return query.sites()
                .map(sites -> " WHERE site IN (" + String.join(", ", Collections.nCopies(sites.size(), "?")) + ")")
                .orElse("");
    }

    /** @return the index of the next parameter */
    private static int bindSites(PreparedStatement ps, AuditQuery query) throws SQLException {
        int index = 1;
        for (String site : query.sites().orElse(Set.of())) {
            ps.setString(index++, site);
        }
        return index;
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        Optional<String> site = Optional.ofNullable(rs.getString(5)).map(String::strip);
        AuditEvent event = new AuditEvent(rs.getString(3), rs.getString(4), site, rs.getString(6),
                decodeObjects(rs.getString(7)), rs.getString(8));
        return new AuditEntry(rs.getLong(1), getInstant(rs, 2).orElseThrow(), event);
    }

    /** One object a line; a line break inside an object becomes a space, and empty objects are dropped. */
    static String encodeObjects(List<String> objects) {
        return String.join("\n", objects.stream()
                .map(object -> object.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' '))
                .filter(object -> !object.isEmpty())
                .toList());
    }

    static List<String> decodeObjects(String stored) {
        return stored.isEmpty() ? List.of() : Arrays.asList(stored.split("\n", -1));
    }

    /** Cut to fit its column, never between the two halves of a character outside the BMP. */
    static String shorten(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int end = length - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
