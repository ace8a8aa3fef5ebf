package fr.chariot.protocol.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.api.Command;
import fr.chariot.api.CommandHistory;
import fr.chariot.api.CommandRecord;
import fr.chariot.api.CommandStatus;
import fr.chariot.api.DeviceId;
import fr.chariot.plist.api.Plist;
import fr.chariot.plist.api.PlistException;

/**
 * The per-channel FIFO command queues and their history, in {@code mdm_command}.
 *
 * <p>The reply a device receives for a command ({@code CommandUUID} + {@code Command}) is serialised once, when
 * the command is queued: sending it is then a read, which keeps the connect endpoint fast.
 */
@Component(service = {CommandHistory.class, CommandStore.class})
public class CommandStore implements CommandHistory {

    /** A channel: the device's ({@code channel} empty) or a Shared iPad user's (the user's short name). */
    record Channel(String udid, String channel) {
        static Channel device(String udid) {
            return new Channel(udid, "");
        }
    }

    /** A command the device answered, for its origin's result handler. */
    record Answered(String commandUuid, String origin, String requestType) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CommandStore.class);
    private static final String OPEN = "('PENDING', 'SENT', 'NOT_NOW')";
    /** Keys of a connect request that frame a result rather than belong to it. */
    static final List<String> ENVELOPE = List.of("UDID", "Status", "CommandUUID", "ErrorChain", "UserID",
            "UserShortName", "UserLongName", "EnrollmentID", "EnrollmentUserID");

    private final DataSource db;
    /** The queue order; this server is the only writer of its database, so it numbers commands itself. */
    private final AtomicLong sequence;
    /*
     * Most connect requests are an Idle with nothing queued. A channel seen empty is remembered with the stamp of its
     * last enqueue at the time, so that Idle costs no query until something is queued for it again. Stamps change
     * after the enqueue commits and before its push, so a device woken by the push always looks in the database.
     */
    private final AtomicLong stamps = new AtomicLong();
    private final Map<Channel, Long> lastEnqueue = new ConcurrentHashMap<>();
    private final Map<Channel, Long> seenEmpty = new ConcurrentHashMap<>();

    @Activate
    public CommandStore(@Reference(target = "(chariot.schema=mdm)") DataSource db) {
        this.db = db;
        this.sequence = new AtomicLong(highestSequence(db));
    }

    private static long highestSequence(DataSource db) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(seq) FROM mdm_command"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw Jdbc.failure("the command queue cannot be read", e);
        }
    }

    /** Queues the command on each channel, all or nothing. @return the CommandUUIDs, in the channels' order */
    List<String> enqueue(String origin, Command command, List<Channel> channels) {
        Map<String, Object> commandDict = new LinkedHashMap<>();
        commandDict.put("RequestType", command.requestType());
        commandDict.putAll(command.keys());
        List<String> uuids = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mdm_command (command_uuid, udid, channel,"
                    + " origin, request_type, command, status, queued_at, not_now_count, seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, 0, ?)")) {
                for (Channel channel : channels) {
                    String uuid = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
                    Map<String, Object> reply = new LinkedHashMap<>();
                    reply.put("CommandUUID", uuid);
                    reply.put("Command", commandDict);
                    ps.setString(1, uuid);
                    ps.setString(2, channel.udid());
                    ps.setString(3, channel.channel());
                    ps.setString(4, origin);
                    ps.setString(5, command.requestType());
                    ps.setBytes(6, Plist.toXml(reply));
                    ps.setTimestamp(7, now);
                    ps.setLong(8, sequence.incrementAndGet());
                    ps.addBatch();
                    uuids.add(uuid);
                }
                ps.executeBatch();
                c.commit();
                for (Channel channel : channels) {
                    lastEnqueue.put(channel, stamps.incrementAndGet());
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return uuids;
        } catch (SQLException e) {
            throw Jdbc.failure("the command cannot be queued", e);
        }
    }

    /**
     * The next command of the channel, marked sent: the oldest one not yet answered (a command sent but never
     * answered is sent again: the device lost it).
     *
     * @return the reply body, ready to send
     */
    Optional<byte[]> next(Channel channel) {
        long stamp = lastEnqueue.getOrDefault(channel, 0L);
        if (Long.valueOf(stamp).equals(seenEmpty.get(channel))) {
            return Optional.empty();
        }
        try (Connection c = db.getConnection()) {
            String uuid;
            byte[] reply;
            try (PreparedStatement ps = c.prepareStatement("SELECT command_uuid, command FROM mdm_command"
                    + " WHERE udid = ? AND channel = ? AND completed_at IS NULL ORDER BY seq"
                    + " FETCH FIRST 1 ROWS ONLY")) {
                ps.setString(1, channel.udid());
                ps.setString(2, channel.channel());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        seenEmpty.put(channel, stamp);
                        return Optional.empty();
                    }
                    uuid = rs.getString(1);
                    reply = rs.getBytes(2);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE mdm_command SET status = 'SENT', sent_at = ? WHERE command_uuid = ?")) {
                ps.setTimestamp(1, Timestamp.from(Instant.now()));
                ps.setString(2, uuid);
                ps.executeUpdate();
            }
            return Optional.of(reply);
        } catch (SQLException e) {
            throw Jdbc.failure("the queue of " + channel.udid() + " cannot be read", e);
        }
    }

    /**
     * Records the device's answer to one of its commands.
     *
     * @param answer the device's whole answer, kept as sent
     * @return the command, when this answer is the first for it; empty for a command this channel never had, or
     *         one already answered (a device resends a result after a dropped connection: it is handled once)
     */
    Optional<Answered> answer(Channel channel, String commandUuid, CommandStatus status, byte[] answer) {
        String sql = status == CommandStatus.NOT_NOW
                ? "UPDATE mdm_command SET status = 'NOT_NOW', not_now_count = not_now_count + 1, result = ?"
                        + " WHERE command_uuid = ? AND udid = ? AND channel = ? AND status IN " + OPEN
                : "UPDATE mdm_command SET status = ?, completed_at = ?, result = ?"
                        + " WHERE command_uuid = ? AND udid = ? AND channel = ? AND status IN " + OPEN;
        try (Connection c = db.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (status == CommandStatus.NOT_NOW) {
                    ps.setBytes(i++, answer);
                } else {
                    ps.setString(i++, status.name());
                    ps.setTimestamp(i++, Timestamp.from(Instant.now()));
                    ps.setBytes(i++, answer);
                }
                ps.setString(i++, commandUuid);
                ps.setString(i++, channel.udid());
                ps.setString(i, channel.channel());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                LOG.info("Device {} answered command {} again, or a command it never had: ignored",
                        channel.udid(), commandUuid);
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT origin, request_type FROM mdm_command WHERE command_uuid = ?")) {
                ps.setString(1, commandUuid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Optional.of(new Answered(commandUuid, rs.getString(1), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure("the answer of " + channel.udid() + " to " + commandUuid + " cannot be recorded", e);
        }
    }

    /** Deletes the commands completed before {@code before}. @return how many */
    int prune(Instant before) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM mdm_command WHERE completed_at < ? AND status IN ('ACKNOWLEDGED', 'ERROR')")) {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("completed commands cannot be pruned", e);
        }
    }

    @Override
    public List<CommandRecord> history(DeviceId device, int limit) {
        // Derby takes the index named in this comment (other databases read a comment); see mdm_command_history.
        return records("SELECT * FROM mdm_command --DERBY-PROPERTIES index=MDM_COMMAND_HISTORY\n"
                + " WHERE udid = ? ORDER BY seq DESC FETCH FIRST " + Math.max(1, Math.min(limit, 10_000))
                + " ROWS ONLY", device.udid());
    }

    @Override
    public Optional<CommandRecord> find(String commandUuid) {
        return records("SELECT * FROM mdm_command WHERE command_uuid = ?", commandUuid).stream().findFirst();
    }

    private List<CommandRecord> records(String sql, String parameter) {
        List<CommandRecord> records = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String channel = rs.getString("channel");
                    CommandStatus status = CommandStatus.valueOf(rs.getString("status"));
                    Map<String, Object> answer = answer(rs.getBytes("result"));
                    records.add(new CommandRecord(rs.getString("command_uuid"), new DeviceId(rs.getString("udid")),
                            channel.isEmpty() ? Optional.empty() : Optional.of(channel),
                            rs.getString("request_type"), rs.getString("origin"),
                            status, rs.getTimestamp("queued_at").toInstant(), Jdbc.instant(rs, "sent_at"),
                            Jdbc.instant(rs, "completed_at"), rs.getInt("not_now_count"), errorChain(answer),
                            status == CommandStatus.ACKNOWLEDGED ? response(answer) : Map.of()));
                }
            }
            return records;
        } catch (SQLException e) {
            throw Jdbc.failure("command history cannot be read", e);
        }
    }

    /** The device's stored answer; empty when there is none (or, never expected, it no longer parses). */
    private static Map<String, Object> answer(byte[] stored) {
        if (stored == null) {
            return Map.of();
        }
        try {
            return Plist.parseDictionary(stored);
        } catch (PlistException e) {
            LOG.warn("A stored device answer no longer parses: {}", e.getMessage());
            return Map.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errorChain(Map<String, Object> answer) {
        if (answer.get("ErrorChain") instanceof List<?> list) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (Object e : list) {
                if (e instanceof Map<?, ?> m) {
                    errors.add((Map<String, Object>) m);
                }
            }
            return errors;
        }
        return List.of();
    }

    /** The answer without the connect envelope: what the command returned. */
    static Map<String, Object> response(Map<String, Object> answer) {
        Map<String, Object> response = new LinkedHashMap<>(answer);
        response.keySet().removeAll(ENVELOPE);
        return response;
    }
}
