package fr.chariot.groups.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import fr.chariot.api.DeviceId;
import fr.chariot.api.Site;
import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupNotFoundException;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.InvalidGroupException;
import fr.chariot.groups.api.InventoryFields;
import fr.chariot.groups.api.Join;
import fr.chariot.groups.api.MembershipChange;
import fr.chariot.groups.api.Operator;
import fr.chariot.groups.internal.criteria.GroupValidator;

/**
 * {@link GroupStore} over the {@code grp_*} tables in plain JDBC.
 *
 * <p>Changes to one college's groups are serialised by a lock per college, so that the check against the other
 * groups (names, member-of targets, cycles) and the write form one step; colleges never wait for each other.
 */
public final class JdbcGroupStore implements GroupStore {

    private static final String GROUP_COLUMNS = "id, site, name, type, dashboard";
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);

    private final DataSource dataSource;
    private final GroupValidator validator;
    private final Clock clock;
    private final Map<String, Object> siteLocks = new ConcurrentHashMap<>();

    public JdbcGroupStore(DataSource dataSource, GroupValidator validator, Clock clock) {
        this.dataSource = dataSource;
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public Group create(String site, String name, GroupType type, List<Criterion> criteria, boolean dashboard) {
        String rne = Site.normalizeRne(site);
        Group candidate = new Group(0, rne, name.strip(), type, criteria, dashboard);
        synchronized (lock(rne)) {
            validator.validate(candidate, list(rne));
            return inTransaction("create a group", c -> {
                long id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO grp_groups (site, name, name_key, type, "
                        + "dashboard, created_at) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, rne);
                    ps.setString(2, candidate.name());
                    ps.setString(3, nameKey(candidate.name()));
                    ps.setString(4, type.name());
                    ps.setBoolean(5, dashboard);
                    ps.setTimestamp(6, Timestamp.from(clock.instant()), calendar());
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                insertCriteria(c, id, criteria);
                return new Group(id, rne, candidate.name(), type, criteria, dashboard);
            });
        }
    }

    @Override
    public Optional<Group> find(String site, long id) {
        String rne = Site.normalizeRne(site);
        try (Connection c = dataSource.getConnection()) {
            return find(c, rne, id);
        } catch (SQLException e) {
            throw failure("read group " + id, e);
        }
    }

    @Override
    public Optional<Group> find(long id) {
        try (Connection c = dataSource.getConnection()) {
            String site;
            try (PreparedStatement ps = c.prepareStatement("SELECT site FROM grp_groups WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    site = rs.getString(1);
                }
            }
            return find(c, site, id);
        } catch (SQLException e) {
            throw failure("read group " + id, e);
        }
    }

    @Override
    public Set<String> sites() {
        Set<String> sites = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT site FROM grp_groups");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sites.add(rs.getString(1));
            }
            return sites;
        } catch (SQLException e) {
            throw failure("list the colleges that have groups", e);
        }
    }

    @Override
    public List<Group> list(String site) {
        String rne = Site.normalizeRne(site);
        try (Connection c = dataSource.getConnection()) {
            Map<Long, GroupRow> rows = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + GROUP_COLUMNS + " FROM grp_groups WHERE site = ? ORDER BY name_key")) {
                ps.setString(1, rne);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        GroupRow row = row(rs);
                        rows.put(row.id, row);
                    }
                }
            }
            Map<Long, List<Criterion>> criteria = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT k.group_id, k.join_op, k.field, k.operator, "
                    + "k.criterion_value FROM grp_criteria k JOIN grp_groups g ON g.id = k.group_id "
                    + "WHERE g.site = ? ORDER BY k.group_id, k.seq")) {
                ps.setString(1, rne);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        criteria.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(criterion(rs, 2));
                    }
                }
            }
            List<Group> groups = new ArrayList<>(rows.size());
            for (GroupRow row : rows.values()) {
                groups.add(row.group(criteria.getOrDefault(row.id, List.of())));
            }
            return groups;
        } catch (SQLException e) {
            throw failure("list the groups of " + rne, e);
        }
    }

    @Override
    public Group rename(String site, long id, String name) {
        return change(site, id, old -> new Group(id, old.site(), name.strip(), old.type(), old.criteria(),
                old.dashboard()), (c, changed) -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE grp_groups SET name = ?, name_key = ? WHERE id = ?")) {
                        ps.setString(1, changed.name());
                        ps.setString(2, nameKey(changed.name()));
                        ps.setLong(3, id);
                        ps.executeUpdate();
                    }
                });
    }

    @Override
    public Group changeCriteria(String site, long id, List<Criterion> criteria) {
        return change(site, id, old -> new Group(id, old.site(), old.name(), old.type(), criteria, old.dashboard()),
                (c, changed) -> {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM grp_criteria WHERE group_id = ?")) {
                        ps.setLong(1, id);
                        ps.executeUpdate();
                    }
                    insertCriteria(c, id, changed.criteria());
                });
    }

    @Override
    public Group showOnDashboard(String site, long id, boolean dashboard) {
        return change(site, id, old -> new Group(id, old.site(), old.name(), old.type(), old.criteria(), dashboard),
                (c, changed) -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE grp_groups SET dashboard = ? WHERE id = ?")) {
                        ps.setBoolean(1, dashboard);
                        ps.setLong(2, id);
                        ps.executeUpdate();
                    }
                });
    }

    @Override
    public void delete(String site, long id) {
        String rne = Site.normalizeRne(site);
        synchronized (lock(rne)) {
            inTransaction("delete group " + id, c -> {
                Group group = find(c, rne, id).orElseThrow(() -> new GroupNotFoundException(rne, id));
                List<String> users = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT g.name FROM grp_criteria k "
                        + "JOIN grp_groups g ON g.id = k.group_id WHERE k.field = ? AND k.criterion_value = ? "
                        + "AND g.site = ? AND g.id <> ? ORDER BY g.name")) {
                    ps.setString(1, InventoryFields.GROUP);
                    ps.setString(2, Long.toString(id));
                    ps.setString(3, rne);
                    ps.setLong(4, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            users.add("« " + rs.getString(1) + " »");
                        }
                    }
                }
                if (!users.isEmpty()) {
                    throw new InvalidGroupException("Le groupe « " + group.name()
                            + " » ne peut pas être supprimé : il est utilisé dans les critères de "
                            + String.join(", ", users) + ". Retirez d'abord ces critères.");
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM grp_groups WHERE id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    @Override
    public void addMembers(String site, long id, Collection<String> udids) {
        changeMembers(site, id, udids, true);
    }

    @Override
    public void removeMembers(String site, long id, Collection<String> udids) {
        changeMembers(site, id, udids, false);
    }

    private void changeMembers(String site, long id, Collection<String> udids, boolean add) {
        String rne = Site.normalizeRne(site);
        Set<String> checked = new TreeSet<>();
        for (String udid : udids) {
            try {
                checked.add(new DeviceId(udid).udid());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidGroupException("« " + udid + " » n'est pas l'identifiant (UDID) d'un appareil.");
            }
        }
        synchronized (lock(rne)) {
            inTransaction("change the members of group " + id, c -> {
                Group group = find(c, rne, id).orElseThrow(() -> new GroupNotFoundException(rne, id));
                if (group.type() != GroupType.STATIC) {
                    throw new InvalidGroupException("Les membres du groupe intelligent « " + group.name()
                            + " » sont calculés d'après ses critères : on ne peut pas en ajouter ni en retirer à "
                            + "la main.");
                }
                String sql = add
                        ? "INSERT INTO grp_static_members (group_id, udid) SELECT ?, ? FROM SYSIBM.SYSDUMMY1 "
                                + "WHERE NOT EXISTS (SELECT 1 FROM grp_static_members WHERE group_id = ? AND udid = ?)"
                        : "DELETE FROM grp_static_members WHERE group_id = ? AND udid = ?";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (String udid : checked) {
                        ps.setLong(1, id);
                        ps.setString(2, udid);
                        if (add) {
                            ps.setLong(3, id);
                            ps.setString(4, udid);
                        }
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        }
    }

    @Override
    public Set<String> members(String site, long id) {
        String rne = Site.normalizeRne(site);
        try (Connection c = dataSource.getConnection()) {
            Group group = find(c, rne, id).orElseThrow(() -> new GroupNotFoundException(rne, id));
            Set<String> members = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT udid FROM " + membersTable(group.type())
                    + " WHERE group_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        members.add(rs.getString(1));
                    }
                }
            }
            return members;
        } catch (SQLException e) {
            throw failure("read the members of group " + id, e);
        }
    }

    @Override
    public Map<Long, Set<String>> members(String site) {
        String rne = Site.normalizeRne(site);
        Map<Long, Set<String>> members = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT m.group_id, m.udid FROM grp_static_members m "
                        + "JOIN grp_groups g ON g.id = m.group_id WHERE g.site = ? UNION ALL "
                        + "SELECT m.group_id, m.udid FROM grp_smart_members m "
                        + "JOIN grp_groups g ON g.id = m.group_id WHERE g.site = ?")) {
            ps.setString(1, rne);
            ps.setString(2, rne);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    members.computeIfAbsent(rs.getLong(1), id -> new TreeSet<>()).add(rs.getString(2));
                }
            }
            return members;
        } catch (SQLException e) {
            throw failure("read the members of the groups of " + rne, e);
        }
    }

    @Override
    public void saveChanges(List<MembershipChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        inTransaction("record membership changes", c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO grp_smart_members (group_id, udid) "
                    + "SELECT id, ? FROM grp_groups WHERE id = ? AND site = ? AND type = 'SMART' AND NOT EXISTS "
                    + "(SELECT 1 FROM grp_smart_members WHERE group_id = ? AND udid = ?)");
                    PreparedStatement delete = c.prepareStatement(
                            "DELETE FROM grp_smart_members WHERE group_id = ? AND udid = ?")) {
                for (MembershipChange change : changes) {
                    for (String udid : change.entered()) {
                        insert.setString(1, udid);
                        insert.setLong(2, change.groupId());
                        insert.setString(3, change.site());
                        insert.setLong(4, change.groupId());
                        insert.setString(5, udid);
                        insert.addBatch();
                    }
                    for (String udid : change.left()) {
                        delete.setLong(1, change.groupId());
                        delete.setString(2, udid);
                        delete.addBatch();
                    }
                }
                insert.executeBatch();
                delete.executeBatch();
            }
            return null;
        });
    }

    /** A change of one group's row(s): validated against the college's groups, then written, in one step. */
    private Group change(String site, long id, java.util.function.UnaryOperator<Group> edit, Write write) {
        String rne = Site.normalizeRne(site);
        synchronized (lock(rne)) {
            List<Group> siteGroups = list(rne);
            Group old = siteGroups.stream().filter(g -> g.id() == id).findFirst()
                    .orElseThrow(() -> new GroupNotFoundException(rne, id));
            Group changed = edit.apply(old);
            validator.validate(changed, siteGroups);
            return inTransaction("change group " + id, c -> {
                write.apply(c, changed);
                return changed;
            });
        }
    }

    @FunctionalInterface
    private interface Write {
        void apply(Connection c, Group changed) throws SQLException;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static void insertCriteria(Connection c, long id, List<Criterion> criteria) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO grp_criteria (group_id, seq, join_op, field, "
                + "operator, criterion_value) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int k = 0; k < criteria.size(); k++) {
                Criterion criterion = criteria.get(k);
                ps.setLong(1, id);
                ps.setInt(2, k);
                ps.setString(3, criterion.join().name());
                ps.setString(4, criterion.field());
                ps.setString(5, criterion.operator().name());
                ps.setString(6, criterion.value().strip());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Optional<Group> find(Connection c, String rne, long id) throws SQLException {
        GroupRow row;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + GROUP_COLUMNS + " FROM grp_groups WHERE id = ? AND site = ?")) {
            ps.setLong(1, id);
            ps.setString(2, rne);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                row = row(rs);
            }
        }
        List<Criterion> criteria = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT join_op, field, operator, criterion_value "
                + "FROM grp_criteria WHERE group_id = ? ORDER BY seq")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    criteria.add(criterion(rs, 1));
                }
            }
        }
        return Optional.of(row.group(criteria));
    }

    private static Criterion criterion(ResultSet rs, int first) throws SQLException {
        return new Criterion(rs.getString(first + 1), Operator.valueOf(rs.getString(first + 2)),
                rs.getString(first + 3), Join.valueOf(rs.getString(first)));
    }

    private static GroupRow row(ResultSet rs) throws SQLException {
        return new GroupRow(rs.getLong(1), rs.getString(2), rs.getString(3), GroupType.valueOf(rs.getString(4)),
                rs.getBoolean(5));
    }

    private record GroupRow(long id, String site, String name, GroupType type, boolean dashboard) {
        Group group(List<Criterion> criteria) {
            return new Group(id, site, name, type, criteria, dashboard);
        }
    }

    private static String membersTable(GroupType type) {
        return type == GroupType.STATIC ? "grp_static_members" : "grp_smart_members";
    }

    private static String nameKey(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    private Object lock(String rne) {
        return siteLocks.computeIfAbsent(rne, key -> new Object());
    }

    private static Calendar calendar() {
        return (Calendar) UTC.clone();
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("database failure: could not " + what, e);
    }
}
