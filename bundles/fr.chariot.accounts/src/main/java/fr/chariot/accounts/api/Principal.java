package fr.chariot.accounts.api;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated user.
 *
 * @param username the account's name
 * @param role     what the user may do
 * @param sites    the RNEs of the colleges linked to the account (upper-case); a department admin sees every
 *                 college whatever this holds
 */
public record Principal(String username, Role role, Set<String> sites) {

    public Principal {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        sites = Set.copyOf(sites);
    }

    /** Whether the user may see the college with this RNE (as stored: upper-case). */
    public boolean canSee(String rne) {
        Objects.requireNonNull(rne, "rne");
        return role == Role.DEPARTMENT_ADMIN || sites.contains(rne);
    }

    /** Whether the user may change things (queue commands, …); a {@link Role#READ_ONLY} user may not. */
    public boolean canAct() {
        return role != Role.READ_ONLY;
    }
}
