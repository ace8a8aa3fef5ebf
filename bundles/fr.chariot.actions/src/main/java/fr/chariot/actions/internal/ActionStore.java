package fr.chariot.actions.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import fr.chariot.actions.api.ActionType;
import fr.chariot.actions.api.DeviceOutcome;
import fr.chariot.actions.api.OutcomeStatus;
import fr.chariot.api.DeviceId;

/**
 * The actions and their devices' outcomes in {@code act_action} and {@code act_device}: every bit of state, so a
 * restart loses nothing. A device's row changes only from the command it is waiting on ({@link #advance}), which
 * makes a result handed over twice harmless.
 */
final class ActionStore {

    /** Rows per JDBC batch when recording an action's devices. */
    private static final int BATCH = 500;
    private static final int REASON_MAX = 1000;

    private final DataSource db;

    ActionStore(DataSource db) {
        this.db = db;
    }

    /**
     * A device's outcome as first recorded.
     *
     * @param step the {@code RequestType} of the command queued; null when none was
     */
    record NewOutcome(DeviceId device, Optional<String> site, OutcomeStatus status, Optional<String> reason,
            Optional<String> commandUuid, String step) {
    }

    /** An action's own row. */
    record StoredAction(long id, ActionType type, Optional<String> installAction, String requestedBy,
            Instant requestedAt) {
    }

    /** A device's row: its outcome, and where it stands in the action's steps. */
    record StoredDevice(long actionId, int position, DeviceOutcome outcome, Optional<String> step,
            Optional<String> productKey, Optional<String> targetVersion) {
    }

    /** A device waiting on a command, with what its action needs to take the next step. */
    record Waiting(StoredAction action, StoredDevice device) {
    }

    /** Records an action and all its devices in one transaction; returns the action's id. */
    long record(ActionType type, Optional<String> installAction, String requestedBy, Instant at,
            List<NewOutcome> outcomes) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO act_action (action_type, install_action, "
                        + "requested_by, requested_at) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, type.name());
                    setText(ps, 2, installAction.orElse(null));
                    ps.setString(3, requestedBy);
                    ps.setTimestamp(4, Timestamp.from(at));
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO act_device (action_id, position, udid, "
                        + "site, status, reason, command_uuid, step, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (int position = 0; position < outcomes.size(); position++) {
                        NewOutcome outcome = outcomes.get(position);
                        ps.setLong(1, id);
                        ps.setInt(2, position);
                        ps.setString(3, outcome.device().udid());
                        setText(ps, 4, outcome.site().orElse(null));
                        ps.setString(5, outcome.status().name());
                        setText(ps, 6, outcome.reason().map(ActionStore::clipReason).orElse(null));
                        setText(ps, 7, outcome.commandUuid().orElse(null));
                        setText(ps, 8, outcome.step());
                        ps.setTimestamp(9, Timestamp.from(at));
                        ps.addBatch();
                        if ((position + 1) % BATCH == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("recording a group action", e);
        }
    }

    Optional<StoredAction> action(long id) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, action_type, install_action, requested_by, "
                     + "requested_at FROM act_action WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(action(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("reading group action " + id, e);
        }
    }

    /** The action's devices in the order asked. */
    List<StoredDevice> devices(long actionId) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM act_device WHERE action_id = ? "
                     + "ORDER BY position")) {
            ps.setLong(1, actionId);
            List<StoredDevice> devices = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    devices.add(device(rs));
                }
            }
            return devices;
        } catch (SQLException e) {
            throw failure("reading the devices of group action " + actionId, e);
        }
    }

    /**
     * The ids of the newest actions, newest first.
     *
     * @param sites empty for every action; otherwise only actions with a device of one of these colleges
     */
    List<Long> recent(Optional<Set<String>> sites, int limit) {
        if (sites.isPresent() && sites.get().isEmpty()) {
            return List.of();
        }
        String where = sites.map(rnes -> " WHERE EXISTS (SELECT 1 FROM act_device d WHERE d.action_id = a.id "
                + "AND d.site IN (" + String.join(", ", Collections.nCopies(rnes.size(), "?")) + "))").orElse("");
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT a.id FROM act_action a" + where
                     + " ORDER BY a.requested_at DESC, a.id DESC")) {
            int index = 1;
            for (String site : sites.orElse(Set.of())) {
                ps.setString(index++, site);
            }
            ps.setMaxRows(limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw failure("reading the recent group actions", e);
        }
    }

    /** The device still waiting on this command, if any: none once it moved on or finished. */
    Optional<Waiting> waitingOn(String commandUuid) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT d.*, a.id, a.action_type, a.install_action, "
                     + "a.requested_by, a.requested_at FROM act_device d JOIN act_action a ON a.id = d.action_id "
                     + "WHERE d.command_uuid = ? AND d.status = ?")) {
            ps.setString(1, commandUuid);
            ps.setString(2, OutcomeStatus.QUEUED.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Waiting(action(rs), device(rs))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("finding the group action waiting on a command", e);
        }
    }

    /**
     * Moves a device on, only if it is still queued on {@code fromCommand}: a result handed over again, or one
     * that lost a race, changes nothing.
     *
     * @param nextCommand the command it now waits on, its step and the update chosen; for a final status, the
     *                    command it answered
     * @return whether the device moved
     */
    boolean advance(StoredDevice device, String fromCommand, OutcomeStatus status, String reason,
            String nextCommand, String step, Optional<OsUpdates.Offer> update, Instant at) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE act_device SET status = ?, reason = ?, "
                     + "command_uuid = ?, step = ?, product_key = ?, target_version = ?, updated_at = ? "
                     + "WHERE action_id = ? AND position = ? AND command_uuid = ? AND status = ?")) {
            ps.setString(1, status.name());
            setText(ps, 2, clipReason(reason));
            ps.setString(3, nextCommand);
            ps.setString(4, step);
            setText(ps, 5, update.map(OsUpdates.Offer::productKey).or(device::productKey).orElse(null));
            setText(ps, 6, update.map(OsUpdates.Offer::label).or(device::targetVersion).orElse(null));
            ps.setTimestamp(7, Timestamp.from(at));
            ps.setLong(8, device.actionId());
            ps.setInt(9, device.position());
            ps.setString(10, fromCommand);
            ps.setString(11, OutcomeStatus.QUEUED.name());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("updating a device of group action " + device.actionId(), e);
        }
    }

    /** Changes the reason of a device still queued on the command, keeping its status and its time. */
    void explainWait(StoredDevice device, String command, String reason) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE act_device SET reason = ? WHERE action_id = ? "
                     + "AND position = ? AND command_uuid = ? AND status = ?")) {
            ps.setString(1, clipReason(reason));
            ps.setLong(2, device.actionId());
            ps.setInt(3, device.position());
            ps.setString(4, command);
            ps.setString(5, OutcomeStatus.QUEUED.name());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("updating a device of group action " + device.actionId(), e);
        }
    }

    /** Removes the actions asked before {@code before}, with their devices; returns how many. */
    int prune(Instant before) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM act_action WHERE requested_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("removing old group actions", e);
        }
    }

    private static StoredAction action(ResultSet rs) throws SQLException {
        return new StoredAction(rs.getLong("id"), ActionType.valueOf(rs.getString("action_type")),
                Optional.ofNullable(rs.getString("install_action")), rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant());
    }

    private static StoredDevice device(ResultSet rs) throws SQLException {
        DeviceOutcome outcome = new DeviceOutcome(new DeviceId(rs.getString("udid")),
                Optional.ofNullable(rs.getString("site")), OutcomeStatus.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("reason")), Optional.ofNullable(rs.getString("command_uuid")),
                rs.getTimestamp("updated_at").toInstant());
        return new StoredDevice(rs.getLong("action_id"), rs.getInt("position"), outcome,
                Optional.ofNullable(rs.getString("step")), Optional.ofNullable(rs.getString("product_key")),
                Optional.ofNullable(rs.getString("target_version")));
    }

    private static void setText(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    /** Device error texts are unbounded: kept to what the column holds. */
    private static String clipReason(String reason) {
        if (reason == null || reason.length() <= REASON_MAX) {
            return reason;
        }
        int end = Character.isHighSurrogate(reason.charAt(REASON_MAX - 1)) ? REASON_MAX - 1 : REASON_MAX;
        return reason.substring(0, end);
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }
}
