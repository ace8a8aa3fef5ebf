package fr.chariot.groups.internal.criteria;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.FieldType;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.InventoryFields;

/** The member-of links between groups, and the order that evaluates a group after every group it names. */
public final class GroupOrder {

    private GroupOrder() {
    }

    /** @return the ids named by the group's member-of / not-member-of criteria, without duplicates */
    static Set<Long> references(Group group) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Criterion criterion : group.criteria()) {
            boolean groupField = InventoryFields.find(criterion.field())
                    .filter(f -> f.type() == FieldType.GROUP).isPresent();
            if (groupField) {
                try {
                    ids.add(Long.parseLong(criterion.value().strip()));
                } catch (NumberFormatException malformed) {
                    // the validator reports it; an order needs only the well-formed links
                }
            }
        }
        return ids;
    }

    /**
     * @return the groups, each after the groups it names (stable otherwise: the given order is kept where free)
     * @throws IllegalStateException on a cycle, which validation refuses before anything is stored
     */
    public static List<Group> dependencyOrder(Collection<Group> groups) {
        Map<Long, Group> byId = new HashMap<>();
        for (Group group : groups) {
            byId.put(group.id(), group);
        }
        List<Group> ordered = new ArrayList<>(groups.size());
        Map<Long, Boolean> state = new HashMap<>(); // false: being visited, true: done
        for (Group group : groups) {
            visit(group, byId, state, ordered);
        }
        return ordered;
    }

    private static void visit(Group group, Map<Long, Group> byId, Map<Long, Boolean> state, List<Group> ordered) {
        Boolean seen = state.get(group.id());
        if (Boolean.TRUE.equals(seen)) {
            return;
        }
        if (Boolean.FALSE.equals(seen)) {
            throw new IllegalStateException("cycle between groups through group " + group.id());
        }
        state.put(group.id(), false);
        for (long id : references(group)) {
            Group named = byId.get(id);
            if (named != null) {
                visit(named, byId, state, ordered);
            }
        }
        state.put(group.id(), true);
        ordered.add(group);
    }
}
