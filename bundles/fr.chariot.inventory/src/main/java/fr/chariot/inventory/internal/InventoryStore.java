package fr.chariot.inventory.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.api.CommandResult;
import fr.chariot.api.CommandStatus;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.DeviceRole;
import fr.chariot.inventory.api.InstalledApp;
import fr.chariot.inventory.api.InstalledProfile;
import fr.chariot.inventory.api.SharedIpadUser;

/**
 * The {@code inv_*} tables: devices as the protocol announced them, and what their answers said.
 *
 * <p>Each result is applied in one transaction that first records its {@code CommandUUID} in {@code inv_handled}:
 * a result handed over twice finds its UUID there and changes nothing. Each part of the inventory carries the time
 * of the answer it came from, so an older answer handled after a newer one is ignored.
 */
@Component(service = InventoryStore.class)
public class InventoryStore {

    /** What applying a result changed: whether the device's inventory moved, its college, and whether it is a Shared iPad. */
    record Applied(boolean changed, String site, boolean sharedIpad) {
    }

    static final int MAX_SHOWN_USERS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(InventoryStore.class);

    private final DataSource db;
    private final SearchTexts searchTexts = new SearchTexts();

    /** Loads every device's search text: nothing writes them before this store is registered. */
    @Activate
    public InventoryStore(@Reference(target = "(chariot.schema=inv)") DataSource db) {
        this.db = db;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT udid, site, search_text FROM inv_device")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    searchTexts.load(rs.getString(1), rs.getString(2), rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure("Loading the devices' search texts failed", e);
        }
        LOG.info("Loaded the search texts of {} devices", searchTexts.size());
    }

    /** The search texts as this store last committed them, for free-text searches. */
    SearchTexts searchTexts() {
        return searchTexts;
    }

    // ---- devices, as the protocol knows them

    /**
     * Records a device the protocol announced (enrolled, re-enrolled or found at start): its college and
     * enrollment, and what it said at Authenticate until an inventory says better. Role and inventory are kept.
     */
    void recordDevice(DeviceRecord device) {
        String udid = device.udid().udid();
        try (Connection c = db.getConnection()) {
            // one transaction, so the search text's stamp is taken while its row is locked (see SearchTexts)
            c.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement ps = c.prepareStatement("UPDATE inv_device SET site = ?, enrolled = ?, "
                        + "enrolled_at = ?, name = COALESCE(name, ?), serial_number = COALESCE(serial_number, ?), "
                        + "product_name = COALESCE(product_name, ?) WHERE udid = ?")) {
                    bindDevice(ps, device);
                    ps.setString(7, udid);
                    updated = ps.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO inv_device (site, enrolled, "
                            + "enrolled_at, name, serial_number, product_name, udid, os_version, os_version_sort, "
                            + "search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '')")) {
                        bindDevice(ps, device);
                        ps.setString(7, udid);
                        String os = device.osVersion().map(v -> Jdbc.clip(v, 32)).orElse(null);
                        Jdbc.set(ps, 8, os);
                        Jdbc.set(ps, 9, InventoryColumns.versionSortKey(os));
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        if (!Jdbc.DUPLICATE_KEY.equals(e.getSQLState())) {
                            throw e;
                        }
                        // recorded meanwhile by another thread (an event and a result at once): that row stands
                    }
                }
                Optional<SearchTexts.Change> text = updateSearchText(c, udid);
                c.commit();
                text.ifPresent(searchTexts::publish);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("Recording device " + udid + " failed", e);
        }
    }

    private static void bindDevice(PreparedStatement ps, DeviceRecord device) throws SQLException {
        ps.setString(1, device.rne());
        ps.setBoolean(2, device.enrolled());
        Jdbc.set(ps, 3, device.enrolledAt().orElse(null));
        Jdbc.set(ps, 4, device.deviceName().map(v -> Jdbc.clip(v, 255)).orElse(null));
        Jdbc.set(ps, 5, device.serialNumber().map(v -> Jdbc.clip(v, 64)).orElse(null));
        Jdbc.set(ps, 6, device.productName().map(v -> Jdbc.clip(v, 64)).orElse(null));
    }

    /** The device removed its MDM profile: it stays in the inventory, no longer enrolled, and is not refreshed. */
    void recordCheckOut(DeviceId device) {
        update("UPDATE inv_device SET enrolled = FALSE, info_pending_uuid = NULL WHERE udid = ?", device.udid());
    }

    boolean knows(DeviceId device) {
        return enrollment(List.of(device)).containsKey(device);
    }

    /** Whether each known device is enrolled; unknown devices are absent. */
    Map<DeviceId, Boolean> enrollment(Collection<DeviceId> devices) {
        Map<DeviceId, Boolean> known = new HashMap<>();
        List<DeviceId> list = List.copyOf(new HashSet<>(devices));
        int chunk = 500;
        try (Connection c = db.getConnection()) {
            for (int from = 0; from < list.size(); from += chunk) {
                List<DeviceId> part = list.subList(from, Math.min(list.size(), from + chunk));
                String marks = part.stream().map(d -> "?").collect(Collectors.joining(", "));
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT udid, enrolled FROM inv_device WHERE udid IN (" + marks + ")")) {
                    for (int i = 0; i < part.size(); i++) {
                        ps.setString(i + 1, part.get(i).udid());
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            known.put(new DeviceId(rs.getString(1)), rs.getBoolean(2));
                        }
                    }
                }
            }
            return known;
        } catch (SQLException e) {
            throw Jdbc.failure("Reading devices' enrollment failed", e);
        }
    }

    /** A device's college and enrollment as the inventory has them. */
    record Membership(String site, boolean enrolled) {
    }

    /** Every device the inventory knows, by UDID, for the start-up reconciliation with the protocol. */
    Map<String, Membership> memberships() {
        Map<String, Membership> devices = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT udid, site, enrolled FROM inv_device"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                devices.put(rs.getString(1), new Membership(rs.getString(2), rs.getBoolean(3)));
            }
            return devices;
        } catch (SQLException e) {
            throw Jdbc.failure("Listing devices failed", e);
        }
    }

    // ---- refresh bookkeeping

    /** Notes the DeviceInformation now outstanding for each device. */
    void infoRequested(Map<DeviceId, String> commandUuids, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE inv_device SET info_pending_uuid = ?, info_requested_at = ? WHERE udid = ?")) {
            for (Map.Entry<DeviceId, String> entry : commandUuids.entrySet()) {
                ps.setString(1, entry.getValue());
                Jdbc.set(ps, 2, at);
                ps.setString(3, entry.getKey().udid());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("Noting inventory requests failed", e);
        }
    }

    /** Which colleges a refresh query covers: only the listed ones, or every college but them. */
    record SiteScope(Set<String> sites, boolean only) {

        static SiteScope only(Collection<String> sites) {
            return new SiteScope(Set.copyOf(sites), true);
        }

        static SiteScope allBut(Collection<String> sites) {
            return new SiteScope(Set.copyOf(sites), false);
        }
    }

    /**
     * Enrolled devices of the colleges in {@code scope} whose last inventory is older than {@code inventoryBefore}
     * (or missing) and that have no request worth waiting for: none outstanding since {@code requestedBefore}, and
     * none at all since {@code pendingBefore} (an answer lost for good).
     */
    List<DeviceId> needingRefresh(SiteScope scope, Instant inventoryBefore, Instant requestedBefore,
            Instant pendingBefore) {
        if (scope.only() && scope.sites().isEmpty()) {
            return List.of();
        }
        List<String> sites = scope.sites().stream().sorted().toList();
        String siteCondition = sites.isEmpty() ? ""
                : " AND site " + (scope.only() ? "IN" : "NOT IN") + " (" + marks(sites.size()) + ")";
        List<DeviceId> devices = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT udid FROM inv_device WHERE enrolled = TRUE AND (last_inventory IS NULL OR last_inventory < ?) "
                        + "AND (info_requested_at IS NULL OR (info_pending_uuid IS NULL AND info_requested_at < ?) "
                        + "OR info_requested_at < ?)" + siteCondition)) {
            Jdbc.set(ps, 1, inventoryBefore);
            Jdbc.set(ps, 2, requestedBefore);
            Jdbc.set(ps, 3, pendingBefore);
            for (int i = 0; i < sites.size(); i++) {
                ps.setString(4 + i, sites.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    devices.add(new DeviceId(rs.getString(1)));
                }
            }
            return devices;
        } catch (SQLException e) {
            throw Jdbc.failure("Finding devices to refresh failed", e);
        }
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** Forgets handled results older than the protocol could hand over again. */
    int pruneHandled(Instant before) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM inv_handled WHERE handled_at < ?")) {
            Jdbc.set(ps, 1, before);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("Pruning handled results failed", e);
        }
    }

    // ---- results

    /**
     * Applies one result in one transaction.
     *
     * @return empty when the result was already applied or changes nothing by nature (NotNow: the command stays
     *         queued and its real answer comes later)
     */
    Optional<Applied> apply(CommandResult result) {
        if (result.status() == CommandStatus.NOT_NOW) {
            return Optional.empty();
        }
        String udid = result.device().udid();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!markHandled(c, result.commandUuid(), result.receivedAt())) {
                    c.rollback();
                    return Optional.empty();
                }
                List<SearchTexts.Change> texts = new ArrayList<>(1);
                boolean changed = result.status() == CommandStatus.ACKNOWLEDGED
                        ? applyAnswer(c, result, texts)
                        : applyFailure(c, result);
                Optional<Applied> applied = readApplied(c, udid, changed);
                c.commit();
                // only now: a rolled-back transaction must not leave the memory ahead of the database
                texts.forEach(searchTexts::publish);
                return applied;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("Applying the " + result.requestType() + " result " + result.commandUuid() + " of "
                    + udid + " failed", e);
        }
    }

    private static boolean markHandled(Connection c, String commandUuid, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO inv_handled (command_uuid, handled_at) VALUES (?, ?)")) {
            ps.setString(1, commandUuid);
            Jdbc.set(ps, 2, at);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Jdbc.DUPLICATE_KEY.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** A failed command moves nothing; a failed DeviceInformation is no longer waited for, so it is asked again. */
    private static boolean applyFailure(Connection c, CommandResult result) throws SQLException {
        if ("DeviceInformation".equals(result.requestType())) {
            clearPending(c, result);
        }
        return false;
    }

    private static void clearPending(Connection c, CommandResult result) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE inv_device SET info_pending_uuid = NULL WHERE udid = ? AND info_pending_uuid = ?")) {
            ps.setString(1, result.device().udid());
            ps.setString(2, result.commandUuid());
            ps.executeUpdate();
        }
    }

    /** @param texts receives the search text changed, to publish once committed */
    private boolean applyAnswer(Connection c, CommandResult result, List<SearchTexts.Change> texts)
            throws SQLException {
        Map<String, Object> response = result.response();
        return switch (result.requestType()) {
            case "DeviceInformation" -> applyDeviceInformation(c, result,
                    map(response.get("QueryResponses")), texts);
            case "SecurityInfo" -> applySecurityInfo(c, result, map(response.get("SecurityInfo")));
            case "InstalledApplicationList" -> claim(c, result, "installed_apps_at")
                    && applyInstalledApps(c, result.device().udid(), list(response.get("InstalledApplicationList")));
            case "ManagedApplicationList" -> claim(c, result, "managed_apps_at")
                    && applyManagedApps(c, result.device().udid(), map(response.get("ManagedApplicationList")));
            case "ProfileList" -> claim(c, result, "profiles_at")
                    && applyProfiles(c, result.device().udid(), list(response.get("ProfileList")));
            case "UserList" -> claim(c, result, "users_at")
                    && applyUsers(c, result.device().udid(), list(response.get("Users")), texts);
            default -> false;
        };
    }

    private boolean applyDeviceInformation(Connection c, CommandResult result, Map<String, Object> answers,
            List<SearchTexts.Change> texts) throws SQLException {
        String udid = result.device().udid();
        clearPending(c, result);
        Map<String, Object> columns = DeviceInformationMapping.columns(answers);
        StringBuilder sql = new StringBuilder("UPDATE inv_device SET last_inventory = ?");
        columns.keySet().forEach(column -> sql.append(", ").append(column).append(" = ?"));
        sql.append(" WHERE udid = ? AND (last_inventory IS NULL OR last_inventory <= ?)");
        int updated;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int index = 1;
            Jdbc.set(ps, index++, result.receivedAt());
            for (Object value : columns.values()) {
                Jdbc.set(ps, index++, value == DeviceInformationMapping.UNKNOWN ? null : value);
            }
            ps.setString(index++, udid);
            Jdbc.set(ps, index, result.receivedAt());
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            return false;
        }
        // a Shared iPad is a cart's student iPad unless someone said otherwise
        update(c, "UPDATE inv_device SET role = '" + DeviceRole.STUDENT_SHARED.name()
                + "' WHERE udid = ? AND role IS NULL AND shared_ipad = TRUE", udid);
        updateSearchText(c, udid).ifPresent(texts::add);
        return true;
    }

    private static boolean applySecurityInfo(Connection c, CommandResult result, Map<String, Object> info)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE inv_device SET security_at = ?, "
                + "passcode_present = ?, passcode_compliant = ?, hardware_encryption_caps = ? "
                + "WHERE udid = ? AND (security_at IS NULL OR security_at <= ?)")) {
            Jdbc.set(ps, 1, result.receivedAt());
            Jdbc.set(ps, 2, info.get("PasscodePresent") instanceof Boolean b ? b : null);
            Jdbc.set(ps, 3, info.get("PasscodeCompliant") instanceof Boolean b ? b : null);
            Jdbc.set(ps, 4, info.get("HardwareEncryptionCaps") instanceof Number n ? (Object) n.intValue() : null);
            ps.setString(5, result.device().udid());
            Jdbc.set(ps, 6, result.receivedAt());
            return ps.executeUpdate() > 0;
        }
    }

    /** Takes a list's slot for this answer, unless a newer answer already filled it. */
    private static boolean claim(Connection c, CommandResult result, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE inv_device SET " + column + " = ? WHERE udid = ? AND ("
                + column + " IS NULL OR " + column + " <= ?)")) {
            Jdbc.set(ps, 1, result.receivedAt());
            ps.setString(2, result.device().udid());
            Jdbc.set(ps, 3, result.receivedAt());
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * InstalledApplicationList says which apps are on the device; rows of managed apps stay (ManagedApplicationList
     * owns their managed flag), the others are replaced.
     */
    private static boolean applyInstalledApps(Connection c, String udid, List<Object> items) throws SQLException {
        Map<String, Map<String, Object>> apps = new LinkedHashMap<>();
        for (Object item : items) {
            Map<String, Object> app = map(item);
            if (app.get("Identifier") instanceof String id && !id.isBlank()) {
                apps.put(Jdbc.clip(id, 255), app);
            }
        }
        Set<String> managed = bundleIds(c, udid, "managed = TRUE");
        update(c, "DELETE FROM inv_app WHERE udid = ? AND managed = FALSE", udid);
        update(c, "UPDATE inv_app SET installed = FALSE WHERE udid = ?", udid);
        try (PreparedStatement updateManaged = c.prepareStatement("UPDATE inv_app SET name = ?, version = ?, "
                + "short_version = ?, installed = TRUE WHERE udid = ? AND bundle_id = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO inv_app (name, version, short_version, "
                        + "udid, bundle_id, installed, managed) VALUES (?, ?, ?, ?, ?, TRUE, FALSE)")) {
            for (Map.Entry<String, Map<String, Object>> entry : apps.entrySet()) {
                PreparedStatement ps = managed.contains(entry.getKey()) ? updateManaged : insert;
                Map<String, Object> app = entry.getValue();
                Jdbc.set(ps, 1, text(app.get("Name"), 255));
                Jdbc.set(ps, 2, text(app.get("Version"), 64));
                Jdbc.set(ps, 3, text(app.get("ShortVersion"), 64));
                ps.setString(4, udid);
                ps.setString(5, entry.getKey());
                ps.addBatch();
            }
            updateManaged.executeBatch();
            insert.executeBatch();
        }
        return true;
    }

    /** ManagedApplicationList says which apps Chariot manages and how each stands. */
    private static boolean applyManagedApps(Connection c, String udid, Map<String, Object> apps)
            throws SQLException {
        Set<String> installed = bundleIds(c, udid, "installed = TRUE");
        update(c, "DELETE FROM inv_app WHERE udid = ? AND installed = FALSE", udid);
        update(c, "UPDATE inv_app SET managed = FALSE, status = NULL WHERE udid = ?", udid);
        try (PreparedStatement updateInstalled = c.prepareStatement(
                "UPDATE inv_app SET status = ?, managed = TRUE WHERE udid = ? AND bundle_id = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO inv_app (status, udid, bundle_id, "
                        + "installed, managed) VALUES (?, ?, ?, FALSE, TRUE)")) {
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, Object> entry : apps.entrySet()) {
                String bundleId = Jdbc.clip(entry.getKey(), 255);
                if (bundleId.isBlank() || !seen.add(bundleId)) {
                    continue;
                }
                PreparedStatement ps = installed.contains(bundleId) ? updateInstalled : insert;
                Jdbc.set(ps, 1, text(map(entry.getValue()).get("Status"), 40));
                ps.setString(2, udid);
                ps.setString(3, bundleId);
                ps.addBatch();
            }
            updateInstalled.executeBatch();
            insert.executeBatch();
        }
        return true;
    }

    private static Set<String> bundleIds(Connection c, String udid, String condition) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT bundle_id FROM inv_app WHERE udid = ? AND " + condition)) {
            ps.setString(1, udid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static boolean applyProfiles(Connection c, String udid, List<Object> items) throws SQLException {
        update(c, "DELETE FROM inv_profile WHERE udid = ?", udid);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO inv_profile (udid, identifier, payload_uuid, "
                + "display_name, organization, managed, encrypted, removal_disallowed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            Set<String> seen = new HashSet<>();
            for (Object item : items) {
                Map<String, Object> profile = map(item);
                String identifier = text(profile.get("PayloadIdentifier"), 255);
                if (identifier == null || identifier.isBlank() || !seen.add(identifier)) {
                    continue;
                }
                ps.setString(1, udid);
                ps.setString(2, identifier);
                Jdbc.set(ps, 3, text(profile.get("PayloadUUID"), 64));
                Jdbc.set(ps, 4, text(profile.get("PayloadDisplayName"), 255));
                Jdbc.set(ps, 5, text(profile.get("PayloadOrganization"), 255));
                ps.setBoolean(6, Boolean.TRUE.equals(profile.get("IsManaged")));
                ps.setBoolean(7, Boolean.TRUE.equals(profile.get("IsEncrypted")));
                ps.setBoolean(8, Boolean.TRUE.equals(profile.get("PayloadRemovalDisallowed")));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return true;
    }

    private boolean applyUsers(Connection c, String udid, List<Object> items, List<SearchTexts.Change> texts)
            throws SQLException {
        update(c, "DELETE FROM inv_user WHERE udid = ?", udid);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO inv_user (udid, user_name, position, logged_in, "
                + "has_data_to_sync, data_quota, data_used) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            Set<String> seen = new HashSet<>();
            int position = 0;
            for (Object item : items) {
                Map<String, Object> user = map(item);
                String name = text(user.get("UserName"), 255);
                if (name == null || name.isBlank() || !seen.add(name)) {
                    continue;
                }
                ps.setString(1, udid);
                ps.setString(2, name);
                ps.setInt(3, position++);
                ps.setBoolean(4, Boolean.TRUE.equals(user.get("IsLoggedIn")));
                ps.setBoolean(5, Boolean.TRUE.equals(user.get("HasDataToSync")));
                Jdbc.set(ps, 6, user.get("DataQuota") instanceof Number n ? (Object) n.longValue() : null);
                Jdbc.set(ps, 7, user.get("DataUsed") instanceof Number n ? (Object) n.longValue() : null);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        updateSearchText(c, udid).ifPresent(texts::add);
        return true;
    }

    private static Optional<Applied> readApplied(Connection c, String udid, boolean changed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT site, shared_ipad FROM inv_device WHERE udid = ?")) {
            ps.setString(1, udid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.of(new Applied(false, "", false));
                }
                return Optional.of(new Applied(changed, rs.getString(1), rs.getBoolean(2)));
            }
        }
    }

    /**
     * Free search reads one lower-case column: name, serial, UDID and user names, one per line. Runs inside the
     * caller's transaction, which publishes the change returned once committed.
     *
     * @return the change to publish; empty when the device is unknown
     */
    private Optional<SearchTexts.Change> updateSearchText(Connection c, String udid) throws SQLException {
        // lock the row first (callers mostly hold it already): what is read below is what this transaction
        // commits, and a later writer of this device gets a later stamp
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE inv_device SET search_text = search_text WHERE udid = ?")) {
            ps.setString(1, udid);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        StringBuilder text = new StringBuilder();
        String site;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, serial_number, udid, site FROM inv_device WHERE udid = ?")) {
            ps.setString(1, udid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int i = 1; i <= 3; i++) {
                    String part = rs.getString(i);
                    if (part != null) {
                        text.append(part).append('\n');
                    }
                }
                site = rs.getString(4);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_name FROM inv_user WHERE udid = ? ORDER BY position")) {
            ps.setString(1, udid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    text.append(rs.getString(1)).append('\n');
                }
            }
        }
        String searchText = Jdbc.clip(text.toString().toLowerCase(Locale.ROOT), 4000);
        try (PreparedStatement ps = c.prepareStatement("UPDATE inv_device SET search_text = ? WHERE udid = ?")) {
            ps.setString(1, searchText);
            ps.setString(2, udid);
            ps.executeUpdate();
        }
        return Optional.of(searchTexts.change(udid, site, searchText));
    }

    // ---- roles

    /** @return false when the device is unknown */
    boolean assignRole(DeviceId device, DeviceRole role, Integer teacherNumber, String teacherName) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE inv_device SET role = ?, teacher_number = ?, teacher_name = ? WHERE udid = ?")) {
            ps.setString(1, role.name());
            Jdbc.set(ps, 2, teacherNumber);
            Jdbc.set(ps, 3, teacherName);
            ps.setString(4, device.udid());
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw Jdbc.failure("Assigning a role to " + device + " failed", e);
        }
    }

    // ---- one device's record

    Optional<DeviceInventory> find(DeviceId device, StaleRule stale) {
        return rows("SELECT " + InventoryColumns.SELECT_LIST + " FROM inv_device WHERE udid = ?", device.udid(),
                rs -> InventoryColumns.read(rs, stale), "Reading the inventory of " + device + " failed")
                .stream().findFirst();
    }

    List<InstalledApp> apps(DeviceId device) {
        return rows("SELECT bundle_id, name, version, short_version, installed, managed, status FROM inv_app "
                + "WHERE udid = ? ORDER BY managed DESC, name, bundle_id", device.udid(), rs -> {
                    String shortVersion = rs.getString("short_version");
                    return new InstalledApp(rs.getString("bundle_id"), Optional.ofNullable(rs.getString("name")),
                            Optional.ofNullable(shortVersion != null ? shortVersion : rs.getString("version")),
                            rs.getBoolean("installed"), rs.getBoolean("managed"),
                            Optional.ofNullable(rs.getString("status")));
                }, "Reading the apps of " + device + " failed");
    }

    List<InstalledProfile> profiles(DeviceId device) {
        return rows("SELECT identifier, payload_uuid, display_name, organization, managed, encrypted, "
                + "removal_disallowed FROM inv_profile WHERE udid = ? ORDER BY display_name, identifier",
                device.udid(), rs -> new InstalledProfile(rs.getString(1), Optional.ofNullable(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(4)),
                        rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7)),
                "Reading the profiles of " + device + " failed");
    }

    List<SharedIpadUser> users(DeviceId device) {
        return rows("SELECT user_name, logged_in, has_data_to_sync, data_quota, data_used FROM inv_user WHERE udid = ? "
                + "ORDER BY position FETCH FIRST " + MAX_SHOWN_USERS + " ROWS ONLY", device.udid(),
                rs -> new SharedIpadUser(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3),
                        Optional.ofNullable(Jdbc.number(rs, "data_quota")),
                        Optional.ofNullable(Jdbc.number(rs, "data_used"))),
                "Reading the users of " + device + " failed");
    }

    /** Every row a query with one text parameter (a UDID, an RNE, a user name) gives, read by {@code row}. */
    private <T> List<T> rows(String sql, String parameter, Jdbc.Row<T> row, String failure) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw Jdbc.failure(failure, e);
        }
    }

    // ---- per-college refresh periods

    /** The colleges whose refresh period a technician changed, with it in hours. */
    Map<String, Integer> refreshHoursBySite() {
        Map<String, Integer> hours = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT site, refresh_hours FROM inv_site_settings WHERE refresh_hours IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                hours.put(rs.getString(1), rs.getInt(2));
            }
            return hours;
        } catch (SQLException e) {
            throw Jdbc.failure("Reading the colleges' refresh periods failed", e);
        }
    }

    Optional<Integer> refreshHours(String site) {
        return rows("SELECT refresh_hours FROM inv_site_settings WHERE site = ? AND refresh_hours IS NOT NULL", site,
                rs -> rs.getInt(1),
                "Reading the refresh period of " + site + " failed").stream().findFirst();
    }

    void setRefreshHours(String site, int hours) {
        upsert("UPDATE inv_site_settings SET refresh_hours = ? WHERE site = ?",
                "INSERT INTO inv_site_settings (refresh_hours, site) VALUES (?, ?)", hours, site,
                "Changing the refresh period of " + site + " failed");
    }

    // ---- per-college staleness thresholds

    /** The staleness threshold a technician set for a college, in days. */
    Optional<Integer> staleDays(String site) {
        return rows("SELECT stale_days FROM inv_site_settings WHERE site = ? AND stale_days IS NOT NULL", site,
                rs -> rs.getInt(1), "Reading the staleness threshold of " + site + " failed").stream().findFirst();
    }

    void setStaleDays(String site, int days) {
        upsert("UPDATE inv_site_settings SET stale_days = ? WHERE site = ?",
                "INSERT INTO inv_site_settings (stale_days, site) VALUES (?, ?)", days, site,
                "Changing the staleness threshold of " + site + " failed");
    }

    // ---- the columns each console user chose

    /** The user's chosen field names, comma-separated, as stored. */
    Optional<String> columnNames(String userName) {
        return rows("SELECT column_names FROM inv_user_columns WHERE user_name = ?", userName, rs -> rs.getString(1),
                "Reading the columns a user chose failed").stream().findFirst();
    }

    void setColumnNames(String userName, String columnNames) {
        upsert("UPDATE inv_user_columns SET column_names = ? WHERE user_name = ?",
                "INSERT INTO inv_user_columns (column_names, user_name) VALUES (?, ?)", columnNames, userName,
                "Remembering the columns a user chose failed");
    }

    /** Updates the row keyed by {@code key}, or inserts it; a row inserted meanwhile by another thread is updated. */
    private void upsert(String update, String insert, Object value, String key, String failure) {
        try (Connection c = db.getConnection()) {
            for (String sql : List.of(update, insert, update)) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    Jdbc.set(ps, 1, value);
                    ps.setString(2, key);
                    if (ps.executeUpdate() > 0) {
                        return;
                    }
                } catch (SQLException e) {
                    if (!Jdbc.DUPLICATE_KEY.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure(failure, e);
        }
    }

    // ---- a whole college at once (smart groups' full recompute)

    /** Every device of a college, in UDID order: one query. */
    List<DeviceInventory> devicesOf(String site, StaleRule stale) {
        return rows("SELECT " + InventoryColumns.SELECT_LIST + " FROM inv_device WHERE site = ? ORDER BY udid", site,
                rs -> InventoryColumns.read(rs, stale), "Reading the devices of " + site + " failed");
    }

    /** The installed apps' bundle ids of each device of a college: one query. */
    Map<DeviceId, Set<String>> appIdsOf(String site) {
        Map<DeviceId, Set<String>> apps = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT a.udid, a.bundle_id FROM inv_app a JOIN inv_device d ON d.udid = a.udid "
                        + "WHERE d.site = ? AND a.installed = TRUE ORDER BY a.udid, a.bundle_id")) {
            ps.setFetchSize(1000);
            ps.setString(1, site);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    apps.computeIfAbsent(new DeviceId(rs.getString(1)), d -> new TreeSet<>())
                            .add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure("Reading the apps of " + site + " failed", e);
        }
        Map<DeviceId, Set<String>> frozen = new LinkedHashMap<>();
        apps.forEach((device, ids) -> frozen.put(device, Collections.unmodifiableSet(ids)));
        return Collections.unmodifiableMap(frozen);
    }

    // ---- the naming rule

    /** What the naming rule needs to know of a device, and the name it reported. */
    record NamingFacts(String site, Optional<DeviceRole> role, Optional<Instant> enrolledAt,
            Optional<String> serialNumber, Optional<Integer> teacherNumber, Optional<String> teacherName,
            boolean supervised, Optional<String> reportedName) {
    }

    Optional<NamingFacts> naming(DeviceId device) {
        return rows("SELECT site, role, enrolled_at, serial_number, teacher_number, teacher_name, supervised, name "
                + "FROM inv_device WHERE udid = ?", device.udid(), rs -> new NamingFacts(rs.getString("site"),
                        Optional.ofNullable(rs.getString("role")).map(DeviceRole::valueOf),
                        Optional.ofNullable(Jdbc.instant(rs, "enrolled_at")),
                        Optional.ofNullable(rs.getString("serial_number")),
                        Optional.ofNullable(Jdbc.number(rs, "teacher_number")).map(Long::intValue),
                        Optional.ofNullable(rs.getString("teacher_name")),
                        Boolean.TRUE.equals(Jdbc.bool(rs, "supervised")),
                        Optional.ofNullable(rs.getString("name"))),
                "Reading what names " + device + " failed").stream().findFirst();
    }

    /**
     * Takes the right to ask the device to take this name: granted unless the same name was asked since
     * {@code notAskedSince}. Atomic, so two answers handled at once queue one Settings.
     */
    boolean claimRename(DeviceId device, String name, Instant now, Instant notAskedSince) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE inv_device SET name_requested = ?, name_requested_at = ? WHERE udid = ? AND "
                        + "(name_requested IS NULL OR name_requested <> ? OR name_requested_at IS NULL "
                        + "OR name_requested_at < ?)")) {
            ps.setString(1, name);
            Jdbc.set(ps, 2, now);
            ps.setString(3, device.udid());
            ps.setString(4, name);
            Jdbc.set(ps, 5, notAskedSince);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw Jdbc.failure("Noting the name asked of " + device + " failed", e);
        }
    }

    /** The Settings command could not be queued: the name may be asked again at the next answer. */
    void releaseRename(DeviceId device, String name) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE inv_device SET name_requested = NULL, name_requested_at = NULL "
                        + "WHERE udid = ? AND name_requested = ?")) {
            ps.setString(1, device.udid());
            ps.setString(2, name);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("Forgetting the name asked of " + device + " failed", e);
        }
    }

    // ---- helpers

    private void update(String sql, String udid) {
        try (Connection c = db.getConnection()) {
            update(c, sql, udid);
        } catch (SQLException e) {
            throw Jdbc.failure("Updating " + udid + " failed", e);
        }
    }

    private static void update(Connection c, String sql, String udid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, udid);
            ps.executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static String text(Object value, int max) {
        return value instanceof String s ? Jdbc.clip(s, max) : null;
    }
}
