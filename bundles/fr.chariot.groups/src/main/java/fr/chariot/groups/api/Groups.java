package fr.chariot.groups.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The static and smart groups of every college, and their members. Provided by the groups bundle.
 *
 * <p>Every call but {@link #find(long)} names the college (RNE) it acts for: a group of another college is not
 * found, exactly as a group that does not exist. Every change is checked first and is all-or-nothing: a refused
 * change ({@link InvalidGroupException}, {@link GroupNotFoundException}) leaves everything as it was.
 *
 * <p>A smart group's members follow the inventory: they are recomputed for one device each time its inventory
 * changes, and for the whole group when it is created or its criteria change. Each change of membership is posted
 * as {@link GroupTopics#MEMBERSHIP_CHANGED}.
 */
public interface Groups {

    /**
     * Creates a group; a smart group's members are computed before this returns.
     *
     * @param criteria a smart group's criteria; must be empty for a static group
     * @throws InvalidGroupException    when the group breaks a rule (name without the college's RNE for a smart
     *                                  group, unknown field or operator, malformed value, cycle, name taken)
     * @throws IllegalArgumentException when {@code site} is not an RNE
     */
    Group create(String site, String name, GroupType type, List<Criterion> criteria, boolean dashboard);

    /**
     * A group by id, whatever its college: the caller checks {@link Group#site()} against the colleges it may see
     * and answers "not found" otherwise.
     */
    Optional<Group> find(long id);

    /** @return the college's groups, by name */
    List<Group> list(String site);

    /** @throws GroupNotFoundException, InvalidGroupException */
    Group rename(String site, long id, String name);

    /** Replaces a smart group's criteria and recomputes its members. @throws GroupNotFoundException, InvalidGroupException */
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
     * @throws InvalidGroupException when the group is smart, or a device is not one of the college's (unknown, or
     *                               another college's: the message does not say which)
     */
    void addMembers(String site, long id, Collection<String> udids);

    /** Removes devices from a static group; devices that are not members are ignored. @throws GroupNotFoundException */
    void removeMembers(String site, long id, Collection<String> udids);

    /** @return the group's members (UDIDs). @throws GroupNotFoundException */
    Set<String> members(String site, long id);

    /** @return the college's groups the device is a member of, by name */
    List<Group> groupsOf(String site, String udid);
}
