package fr.chariot.groups.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupNotFoundException;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.InventoryView;
import fr.chariot.groups.api.MembershipChange;
import fr.chariot.groups.internal.criteria.CompiledCriteria;
import fr.chariot.groups.internal.criteria.CriteriaCompiler;
import fr.chariot.groups.internal.criteria.GroupOrder;

/**
 * The current members of every group, per college, kept in memory so that a device's inventory report re-evaluates
 * only its own college's smart groups, for that device alone, without touching the database.
 *
 * <p>Smart groups are evaluated in dependency order (a group after the groups its member-of criteria name), so a
 * member-of criterion sees the membership this very pass just computed. Member-of criteria hold a reference to the
 * named group's live member set, which is why sets are changed in place and never replaced.
 *
 * <p>Thread-safe: each college's state is guarded by its own lock; colleges never wait for each other.
 */
public final class Memberships {

    private final Clock clock;
    private final CriteriaCompiler compiler;
    private final Map<String, SiteState> sites = new ConcurrentHashMap<>();

    public Memberships(Clock clock, CriteriaCompiler compiler) {
        this.clock = clock;
        this.compiler = compiler;
    }

    /**
     * Replaces what is known of a college: its groups and their stored members (static members, and smart members as
     * last computed). Called at start and after a group is created, changed or deleted.
     *
     * @param members by group id; a group absent here has no members yet
     * @throws fr.chariot.groups.api.InvalidGroupException when a stored group's criteria no longer compile
     */
    public void load(String site, Collection<Group> groups, Map<Long, ? extends Collection<String>> members) {
        Map<Long, Set<String>> sets = new HashMap<>();
        for (Group group : groups) {
            Collection<String> stored = members.get(group.id());
            sets.put(group.id(), stored == null ? new HashSet<>() : new HashSet<>(stored));
        }
        List<SmartGroup> smart = new ArrayList<>();
        for (Group group : GroupOrder.dependencyOrder(groups)) {
            if (group.type() == GroupType.SMART) {
                CompiledCriteria criteria = compiler.compile(group.criteria(),
                        id -> Optional.ofNullable(sets.get(id)));
                smart.add(new SmartGroup(group.id(), criteria, sets.get(group.id())));
            }
        }
        sites.put(site, new SiteState(sets, smart.toArray(SmartGroup[]::new)));
    }

    /** Forgets a college (its last group was deleted). */
    public void unload(String site) {
        sites.remove(site);
    }

    /**
     * Re-evaluates the college's smart groups for one device whose inventory changed.
     *
     * @return the groups the device entered or left; empty when nothing changed (no allocation then)
     */
    public List<MembershipChange> deviceChanged(String site, InventoryView device) {
        SiteState state = sites.get(site);
        if (state == null) {
            return List.of();
        }
        Instant now = clock.instant();
        String udid = device.udid();
        List<MembershipChange> changes = null;
        synchronized (state) {
            for (SmartGroup group : state.smartInOrder) {
                boolean member = group.criteria.matches(device, now);
                if (member ? group.members.add(udid) : group.members.remove(udid)) {
                    if (changes == null) {
                        changes = new ArrayList<>(4);
                    }
                    changes.add(member ? new MembershipChange(site, group.id, Set.of(udid), Set.of())
                            : new MembershipChange(site, group.id, Set.of(), Set.of(udid)));
                }
            }
        }
        return changes == null ? List.of() : changes;
    }

    /**
     * A device left the college (checked out, deleted): it leaves every group, static ones included.
     *
     * @return the groups it left
     */
    public List<MembershipChange> deviceRemoved(String site, String udid) {
        SiteState state = sites.get(site);
        if (state == null) {
            return List.of();
        }
        List<MembershipChange> changes = new ArrayList<>();
        synchronized (state) {
            state.members.forEach((groupId, members) -> {
                if (members.remove(udid)) {
                    changes.add(new MembershipChange(site, groupId, Set.of(), Set.of(udid)));
                }
            });
        }
        return changes;
    }

    /**
     * Recomputes a group over every device of its college, then every smart group that depends on it, directly or
     * not, in dependency order. For a static group only its dependents are recomputed (after {@link #load} brought
     * its new members).
     *
     * @param devices every device of the college; members not among them leave
     * @return one change per group whose members changed
     * @throws GroupNotFoundException when the college has no such group
     */
    public List<MembershipChange> recompute(String site, long groupId, Collection<? extends InventoryView> devices) {
        return recompute(site, Set.of(groupId), devices);
    }

    /**
     * Recomputes several groups of a college and the smart groups that depend on any of them, each once, in
     * dependency order.
     *
     * @throws GroupNotFoundException when the college lacks one of the groups; nothing is recomputed then
     */
    public List<MembershipChange> recompute(String site, Set<Long> groupIds,
            Collection<? extends InventoryView> devices) {
        SiteState state = sites.get(site);
        for (long groupId : groupIds) {
            if (state == null || !state.members.containsKey(groupId)) {
                throw new GroupNotFoundException(site, groupId);
            }
        }
        Instant now = clock.instant();
        List<MembershipChange> changes = new ArrayList<>();
        synchronized (state) {
            Set<Long> stale = new HashSet<>(groupIds);
            for (SmartGroup group : state.smartInOrder) {
                if (groupIds.contains(group.id) || group.dependsOnAny(stale)) {
                    stale.add(group.id);
                    recomputeOne(site, group, devices, now).ifPresent(changes::add);
                }
            }
        }
        return changes;
    }

    private static Optional<MembershipChange> recomputeOne(String site, SmartGroup group,
            Collection<? extends InventoryView> devices, Instant now) {
        Set<String> fresh = new HashSet<>(Math.max(16, group.members.size() * 2));
        for (InventoryView device : devices) {
            if (group.criteria.matches(device, now)) {
                fresh.add(device.udid());
            }
        }
        Set<String> entered = new HashSet<>();
        for (String udid : fresh) {
            if (!group.members.contains(udid)) {
                entered.add(udid);
            }
        }
        Set<String> left = new HashSet<>();
        for (String udid : group.members) {
            if (!fresh.contains(udid)) {
                left.add(udid);
            }
        }
        if (entered.isEmpty() && left.isEmpty()) {
            return Optional.empty();
        }
        group.members.removeAll(left);
        group.members.addAll(entered);
        return Optional.of(new MembershipChange(site, group.id, entered, left));
    }

    /** @return a copy of the group's current members */
    public Set<String> members(String site, long groupId) {
        SiteState state = sites.get(site);
        Set<String> members = state == null ? null : state.members.get(groupId);
        if (members == null) {
            throw new GroupNotFoundException(site, groupId);
        }
        synchronized (state) {
            return Set.copyOf(members);
        }
    }

    /** @return how many devices the group holds now (for the dashboard) */
    public int count(String site, long groupId) {
        SiteState state = sites.get(site);
        Set<String> members = state == null ? null : state.members.get(groupId);
        if (members == null) {
            throw new GroupNotFoundException(site, groupId);
        }
        synchronized (state) {
            return members.size();
        }
    }

    /** @return the ids of the college's groups, static and smart, the device is a member of now */
    public Set<Long> groupsOf(String site, String udid) {
        SiteState state = sites.get(site);
        if (state == null) {
            return Set.of();
        }
        Set<Long> ids = new HashSet<>();
        synchronized (state) {
            state.members.forEach((groupId, members) -> {
                if (members.contains(udid)) {
                    ids.add(groupId);
                }
            });
        }
        return ids;
    }

    /** @return whether a smart group of the college names this group in a member-of / not-member-of criterion */
    public boolean hasDependents(String site, long groupId) {
        SiteState state = sites.get(site);
        if (state == null) {
            return false;
        }
        for (SmartGroup group : state.smartInOrder) {
            if (group.dependsOnAny(Set.of(groupId))) {
                return true;
            }
        }
        return false;
    }

    private record SiteState(Map<Long, Set<String>> members, SmartGroup[] smartInOrder) {
    }

    private static final class SmartGroup {
        final long id;
        final CompiledCriteria criteria;
        final Set<String> members;
        final long[] references;

        SmartGroup(long id, CompiledCriteria criteria, Set<String> members) {
            this.id = id;
            this.criteria = criteria;
            this.members = members;
            this.references = criteria.referencedGroups();
        }

        boolean dependsOnAny(Set<Long> ids) {
            for (long reference : references) {
                if (ids.contains(reference)) {
                    return true;
                }
            }
            return false;
        }
    }
}
