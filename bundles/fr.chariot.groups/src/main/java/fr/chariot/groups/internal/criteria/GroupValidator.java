package fr.chariot.groups.internal.criteria;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.InvalidGroupException;

/**
 * The rules a group must follow before it is stored, checked against the other groups of its college: a name, the
 * college's RNE in a smart group's name (the seed's rule), criteria only on smart groups and all of them valid,
 * member-of criteria naming groups of the same college, and no cycle between groups through member-of criteria.
 */
public final class GroupValidator {

    static final int MAX_NAME_LENGTH = 120;

    private final CriteriaCompiler compiler;

    public GroupValidator(CriteriaCompiler compiler) {
        this.compiler = compiler;
    }

    /**
     * @param candidate  the group as it would be stored; its id is 0 when it is new
     * @param siteGroups the groups of the candidate's college as stored now (the candidate's old version included
     *                   or not)
     * @throws InvalidGroupException with every problem found
     */
    public void validate(Group candidate, Collection<Group> siteGroups) {
        List<String> problems = new ArrayList<>();
        String name = candidate.name().strip();
        if (name.isEmpty()) {
            problems.add("Le nom du groupe est vide.");
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add("Le nom du groupe dépasse " + MAX_NAME_LENGTH + " caractères.");
        }
        if (candidate.type() == GroupType.SMART && !name.toUpperCase(Locale.ROOT).contains(candidate.site())) {
            problems.add("Le nom d'un groupe intelligent doit contenir le RNE du collège (" + candidate.site()
                    + ") : « " + name + " » ne le contient pas. Exemple : « " + candidate.site() + " " + name
                    + " ».");
        }
        if (candidate.type() == GroupType.STATIC && !candidate.criteria().isEmpty()) {
            problems.add("Un groupe statique n'a pas de critères : ses membres sont choisis à la main.");
        }
        Map<Long, Group> byId = new HashMap<>();
        for (Group group : siteGroups) {
            if (group.site().equals(candidate.site()) && group.id() != candidate.id()) {
                byId.put(group.id(), group);
            }
        }
        for (Group other : byId.values()) {
            if (other.name().strip().equalsIgnoreCase(name)) {
                problems.add("Un groupe nommé « " + other.name() + " » existe déjà dans ce collège.");
            }
        }
        if (candidate.id() != 0) {
            byId.put(candidate.id(), candidate);
        }
        if (problems.isEmpty()) {
            try {
                compiler.compile(candidate.criteria(), id -> Optional.ofNullable(byId.get(id)).map(g -> Set.<String>of()));
            } catch (InvalidGroupException invalid) {
                problems.addAll(invalid.problems());
            }
        }
        if (problems.isEmpty() && candidate.id() != 0) {
            cycleThrough(candidate, byId).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidGroupException(problems);
        }
    }

    /** Depth-first search from the candidate along member-of criteria; a path back to it is a cycle. */
    private static Optional<String> cycleThrough(Group candidate, Map<Long, Group> byId) {
        Deque<List<Long>> paths = new ArrayDeque<>();
        paths.push(List.of(candidate.id()));
        Set<Long> explored = new HashSet<>();
        while (!paths.isEmpty()) {
            List<Long> path = paths.pop();
            long last = path.get(path.size() - 1);
            if (!explored.add(last)) {
                continue;
            }
            for (long next : GroupOrder.references(byId.get(last))) {
                List<Long> longer = new ArrayList<>(path);
                longer.add(next);
                if (next == candidate.id()) {
                    return Optional.of("Ces critères « membre du groupe » formeraient une boucle : "
                            + longer.stream().map(id -> "« " + byId.get(id).name() + " »")
                                    .collect(Collectors.joining(" → "))
                            + ". Un groupe ne peut pas dépendre, même indirectement, de lui-même.");
                }
                if (byId.containsKey(next)) {
                    paths.push(longer);
                }
            }
        }
        return Optional.empty();
    }
}
