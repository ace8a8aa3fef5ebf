package fr.chariot.groups.api;

import java.util.List;
import java.util.Objects;

/**
 * A device group of one college.
 *
 * @param id        assigned by Chariot; unique across colleges
 * @param site      the college's RNE
 * @param name      the name a technician reads; a smart group's name contains the college's RNE
 * @param type      static (members by hand) or smart (members by criteria)
 * @param criteria  a smart group's criteria, in order; empty for a static group. A smart group without criteria
 *                  holds every device of its college
 * @param dashboard whether the group and its member count are shown on the dashboard
 */
public record Group(long id, String site, String name, GroupType type, List<Criterion> criteria, boolean dashboard) {

    public Group {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        criteria = List.copyOf(criteria);
    }
}
