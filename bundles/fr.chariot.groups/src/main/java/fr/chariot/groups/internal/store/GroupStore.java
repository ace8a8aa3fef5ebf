package fr.chariot.groups.internal.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupNotFoundException;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.InvalidGroupException;
import fr.chariot.groups.api.MembershipChange;

/**
 * The stored groups and their members. Every call names the college (RNE) it acts for: a group of another college
 * is not found, exactly as a group that does not exist. Every change is validated against the college's other groups
 * first and is all-or-nothing: a refused change leaves everything as it was.
 */
public interface GroupStore {

    /**
     * @throws InvalidGroupException    when the group breaks a rule (see GroupValidator), or the name is taken
     * @throws IllegalArgumentException when {@code site} is not an RNE
     */
    Group create(String site, String name, GroupType type, List<Criterion> criteria, boolean dashboard);

    Optional<Group> find(String site, long id);

    /** A group by id, whatever its college. */
    Optional<Group> find(long id);

    /** @return the colleges (RNE) that have at least one group */
    Set<String> sites();

    /** @return the college's groups, by name */
    List<Group> list(String site);

    /** @throws GroupNotFoundException, InvalidGroupException */
    Group rename(String site, long id, String name);

    /** Replaces a smart group's criteria. @throws GroupNotFoundException, InvalidGroupException */
    Group changeCriteria(String site, long id, List<Criterion> criteria);

    /** @throws GroupNotFoundException */
    Group showOnDashboard(String site, long id, boolean dashboard);

    /**
     * Deletes a group and its members.
     *
     * @throws GroupNotFoundException
     * @throws InvalidGroupException when another group's member-of criterion names it
     */
    void delete(String site, long id);

    /**
     * Adds devices to a static group; devices already members are ignored.
     *
     * @throws GroupNotFoundException
     * @throws InvalidGroupException when the group is smart or a UDID is malformed
     */
    void addMembers(String site, long id, Collection<String> udids);

    /** Removes devices from a static group; devices that are not members are ignored. */
    void removeMembers(String site, long id, Collection<String> udids);

    /** @return a static group's chosen members or a smart group's last computed members */
    Set<String> members(String site, long id);

    /** @return the members of every group of the college, by group id (groups without members absent) */
    Map<Long, Set<String>> members(String site);

    /** Records smart groups' membership changes as computed; changes of groups deleted meanwhile are dropped. */
    void saveChanges(List<MembershipChange> changes);
}
