package fr.chariot.protocol.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.api.DeviceDirectory;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.apns.api.PushTarget;

/**
 * Devices and their channels, in {@code mdm_device} and {@code mdm_user_channel}.
 *
 * <p>The binding of each UDID to its identity certificate is read on every device request, so it is cached; every
 * write to a device goes through this class and drops its cache entry.
 */
@Component(service = {DeviceDirectory.class, DeviceStore.class})
public class DeviceStore implements DeviceDirectory {

    /** What authentication needs to know of a device on each request. */
    record Binding(String udid, String rne, String fingerprint, boolean enrolled) {
    }

    /** Writing last_seen_at on every Idle request would double the database work of the hottest path. */
    private static final Duration LAST_SEEN_RESOLUTION = Duration.ofMinutes(1);

    private final DataSource db;
    private final SecretBox secrets;
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSeenWritten = new ConcurrentHashMap<>();

    @Activate
    public DeviceStore(@Reference(target = "(chariot.schema=mdm)") DataSource db, BundleContext context)
            throws IOException {
        this(db, SecretBox.open(Path.of(context.getProperty("chariot.data"), "protocol", "unlock-token.key")));
    }

    DeviceStore(DataSource db, SecretBox secrets) {
        this.db = db;
        this.secrets = secrets;
    }

    Optional<Binding> binding(String udid) {
        Binding cached = bindings.get(udid);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT rne, identity_fingerprint, enrolled FROM mdm_device WHERE udid = ?")) {
            ps.setString(1, udid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Binding b = new Binding(udid, rs.getString(1), rs.getString(2), rs.getBoolean(3));
                bindings.put(udid, b);
                return Optional.of(b);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("device " + udid + " cannot be read", e);
        }
    }

    /** The UDID a certificate is bound to, if any. */
    Optional<String> udidBoundTo(String fingerprint) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT udid FROM mdm_device WHERE identity_fingerprint = ?")) {
            ps.setString(1, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("the device of a certificate cannot be read", e);
        }
    }

    /**
     * Records an Authenticate: a new device, or a device enrolling again (then its old push token and enrollment
     * state are forgotten and it is bound to its new identity).
     */
    void authenticate(String udid, String rne, String fingerprint, Map<String, Object> message) {
        Instant now = Instant.now();
        try (Connection c = db.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE mdm_device SET rne = ?, identity_fingerprint = ?,"
                    + " serial_number = ?, product_name = ?, os_version = ?, build_version = ?, device_name = ?,"
                    + " model = ?, model_name = ?, enrolled = FALSE, authenticated_at = ?, checked_out_at = NULL,"
                    + " last_seen_at = ?, push_token = NULL, push_magic = NULL, push_dead = FALSE, unlock_token = NULL,"
                    + " awaiting_configuration = FALSE WHERE udid = ?")) {
                bindDeviceFacts(ps, 1, rne, fingerprint, message);
                ps.setTimestamp(10, Timestamp.from(now));
                ps.setTimestamp(11, Timestamp.from(now));
                ps.setString(12, udid);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO mdm_device (rne, identity_fingerprint,"
                        + " serial_number, product_name, os_version, build_version, device_name, model, model_name,"
                        + " authenticated_at, last_seen_at, udid, enrolled, push_dead, awaiting_configuration)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, FALSE, FALSE)")) {
                    bindDeviceFacts(ps, 1, rne, fingerprint, message);
                    ps.setTimestamp(10, Timestamp.from(now));
                    ps.setTimestamp(11, Timestamp.from(now));
                    ps.setString(12, udid);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure("the Authenticate of " + udid + " cannot be recorded", e);
        } finally {
            forget(udid);
        }
    }

    private static void bindDeviceFacts(PreparedStatement ps, int first, String rne, String fingerprint,
            Map<String, Object> m) throws SQLException {
        ps.setString(first, rne);
        ps.setString(first + 1, fingerprint);
        Jdbc.setNullable(ps, first + 2, text(m, "SerialNumber", 64));
        Jdbc.setNullable(ps, first + 3, text(m, "ProductName", 64));
        Jdbc.setNullable(ps, first + 4, text(m, "OSVersion", 32));
        Jdbc.setNullable(ps, first + 5, text(m, "BuildVersion", 32));
        Jdbc.setNullable(ps, first + 6, text(m, "DeviceName", 255));
        Jdbc.setNullable(ps, first + 7, text(m, "Model", 64));
        Jdbc.setNullable(ps, first + 8, text(m, "ModelName", 64));
    }

    /** A device-supplied string, cut to its column: a device never makes a request fail by a long name. */
    private static String text(Map<String, Object> m, String key, int max) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * Records a device channel TokenUpdate.
     *
     * @return true when this TokenUpdate finished the device's enrollment
     */
    boolean tokenUpdate(String udid, byte[] token, String pushMagic, Optional<byte[]> unlockToken,
            boolean awaitingConfiguration) {
        Instant now = Instant.now();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean wasEnrolled;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT enrolled FROM mdm_device WHERE udid = ? FOR UPDATE")) {
                    ps.setString(1, udid);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("TokenUpdate from " + udid + " before Authenticate");
                        }
                        wasEnrolled = rs.getBoolean(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE mdm_device SET push_token = ?, push_magic = ?,"
                        + " push_dead = FALSE, unlock_token = COALESCE(?, unlock_token), awaiting_configuration = ?,"
                        + " enrolled_at = CASE WHEN enrolled THEN enrolled_at ELSE ? END, enrolled = TRUE,"
                        + " last_seen_at = ? WHERE udid = ?")) {
                    ps.setString(1, HexFormat.of().formatHex(token));
                    ps.setString(2, pushMagic);
                    Jdbc.setNullable(ps, 3, unlockToken.map(secrets::seal).orElse(null));
                    ps.setBoolean(4, awaitingConfiguration);
                    ps.setTimestamp(5, Timestamp.from(now));
                    ps.setTimestamp(6, Timestamp.from(now));
                    ps.setString(7, udid);
                    ps.executeUpdate();
                }
                c.commit();
                return !wasEnrolled;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("the TokenUpdate of " + udid + " cannot be recorded", e);
        } finally {
            forget(udid);
        }
    }

    /** Records a Shared iPad user channel's TokenUpdate. */
    void userTokenUpdate(String udid, String shortName, Optional<String> userId, Optional<String> longName,
            byte[] token, String pushMagic) {
        Instant now = Instant.now();
        try (Connection c = db.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE mdm_user_channel SET user_id = ?,"
                    + " user_long_name = ?, push_token = ?, push_magic = ?, updated_at = ?"
                    + " WHERE udid = ? AND user_short_name = ?")) {
                Jdbc.setNullable(ps, 1, userId.orElse(null));
                Jdbc.setNullable(ps, 2, longName.orElse(null));
                ps.setString(3, HexFormat.of().formatHex(token));
                ps.setString(4, pushMagic);
                ps.setTimestamp(5, Timestamp.from(now));
                ps.setString(6, udid);
                ps.setString(7, shortName);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO mdm_user_channel (user_id, user_long_name,"
                        + " push_token, push_magic, updated_at, udid, user_short_name) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    Jdbc.setNullable(ps, 1, userId.orElse(null));
                    Jdbc.setNullable(ps, 2, longName.orElse(null));
                    ps.setString(3, HexFormat.of().formatHex(token));
                    ps.setString(4, pushMagic);
                    ps.setTimestamp(5, Timestamp.from(now));
                    ps.setString(6, udid);
                    ps.setString(7, shortName);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure("the user TokenUpdate of " + udid + " cannot be recorded", e);
        }
    }

    void checkOut(String udid) {
        update(udid, "UPDATE mdm_device SET enrolled = FALSE, checked_out_at = ?, push_token = NULL,"
                + " push_magic = NULL WHERE udid = ?", "CheckOut");
        forget(udid);
    }

    /** Binds the device to the renewal of its identity certificate. */
    void rebind(String udid, String fingerprint) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE mdm_device SET identity_fingerprint = ? WHERE udid = ?")) {
            ps.setString(1, fingerprint);
            ps.setString(2, udid);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("the renewed identity of " + udid + " cannot be recorded", e);
        } finally {
            forget(udid);
        }
    }

    /** Notes that the device spoke, at most once a minute per device. */
    void seen(String udid) {
        Instant now = Instant.now();
        Instant last = lastSeenWritten.get(udid);
        if (last != null && last.plus(LAST_SEEN_RESOLUTION).isAfter(now)) {
            return;
        }
        lastSeenWritten.put(udid, now);
        // The binding is unchanged, so its cache entry stays: an Idle request keeps costing no read.
        update(udid, "UPDATE mdm_device SET last_seen_at = ? WHERE udid = ?", "last seen time");
    }

    private void update(String udid, String sql, String what) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setString(2, udid);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("the " + what + " of " + udid + " cannot be recorded", e);
        }
    }

    /** The channel to push to: the device's, or a user's when {@code channel} is not empty. */
    Optional<PushTarget> pushTarget(String udid, String channel) {
        String sql = channel.isEmpty()
                ? "SELECT push_token, push_magic FROM mdm_device WHERE udid = ? AND enrolled AND NOT push_dead"
                : "SELECT push_token, push_magic FROM mdm_user_channel WHERE udid = ? AND user_short_name = ?";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, udid);
            if (!channel.isEmpty()) {
                ps.setString(2, channel);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) != null && rs.getString(2) != null) {
                    return Optional.of(new PushTarget(rs.getString(1), rs.getString(2)));
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("the push token of " + udid + " cannot be read", e);
        }
    }

    /** APNs said the token is dead (410): stop pushing to it until the device sends a new one. */
    void markPushDead(String token) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE mdm_device SET push_dead = TRUE WHERE push_token = ?")) {
            ps.setString(1, token);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("a dead push token cannot be recorded", e);
        }
    }

    /** The device's UnlockToken, decrypted, for ClearPasscode. */
    Optional<byte[]> unlockToken(String udid) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT unlock_token FROM mdm_device WHERE udid = ?")) {
            ps.setString(1, udid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getBytes(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(secrets.open(rs.getBytes(1)));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("the unlock token of " + udid + " cannot be read", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the unlock token of " + udid + " does not decrypt with this server's key",
                    e);
        }
    }

    @Override
    public Optional<DeviceRecord> find(DeviceId udid) {
        List<DeviceRecord> found = query("SELECT * FROM mdm_device WHERE udid = ?", udid.udid());
        return found.stream().findFirst();
    }

    @Override
    public List<DeviceRecord> list(String rne) {
        return query("SELECT * FROM mdm_device WHERE rne = ? ORDER BY udid", rne);
    }

    private List<DeviceRecord> query(String sql, String parameter) {
        List<DeviceRecord> devices = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    devices.add(new DeviceRecord(new DeviceId(rs.getString("udid")), rs.getString("rne"),
                            Jdbc.string(rs, "serial_number"), Jdbc.string(rs, "product_name"),
                            Jdbc.string(rs, "os_version"), Jdbc.string(rs, "device_name"), rs.getBoolean("enrolled"),
                            Jdbc.instant(rs, "enrolled_at"), Jdbc.instant(rs, "last_seen_at"),
                            rs.getBoolean("enrolled") && rs.getString("push_token") != null
                                    && !rs.getBoolean("push_dead")));
                }
            }
            return devices;
        } catch (SQLException e) {
            throw Jdbc.failure("devices cannot be read", e);
        }
    }

    private void forget(String udid) {
        bindings.remove(udid);
    }
}
