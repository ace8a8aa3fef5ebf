package fr.chariot.groups.api;

import java.util.Objects;
import java.util.Set;

/**
 * The devices that entered and left one group in one recompute.
 *
 * @param site    the group's college
 * @param groupId the group
 * @param entered UDIDs now members that were not
 * @param left    UDIDs no longer members
 */
public record MembershipChange(String site, long groupId, Set<String> entered, Set<String> left) {

    public MembershipChange {
        Objects.requireNonNull(site, "site");
        entered = Set.copyOf(entered);
        left = Set.copyOf(left);
    }
}
