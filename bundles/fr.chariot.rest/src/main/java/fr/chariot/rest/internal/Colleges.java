package fr.chariot.rest.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;

/**
 * Which colleges a caller's request covers (architecture.md 8): a college the caller does not see answers exactly
 * like one that does not exist.
 */
final class Colleges {

    private final SiteDirectory sites;

    Colleges(SiteDirectory sites) {
        this.sites = sites;
    }

    /** The college named by the caller (an RNE in any case), if it exists and the caller sees it; else 404. */
    String visible(Principal caller, String rneText) throws ApiError {
        String rne = Requests.rne(rneText);
        if (!caller.canSee(rne) || sites.find(rne).isEmpty()) {
            throw ApiError.notFound("Aucun collège " + rne + " parmi les vôtres.");
        }
        return rne;
    }

    /** Every college the caller sees, by RNE: a department admin's are all of {@link SiteDirectory}. */
    List<String> all(Principal caller) {
        if (caller.role() == Role.DEPARTMENT_ADMIN) {
            return sites.list().stream().map(Site::rne).sorted().toList();
        }
        return caller.sites().stream().sorted().toList();
    }

    /**
     * The colleges an inventory search covers, as {@link fr.chariot.inventory.api.InventoryQuery#sites()} takes
     * them: the one asked for, else every college for a department admin (empty), else the caller's.
     */
    Optional<Set<String>> searched(Principal caller, Optional<String> site) throws ApiError {
        if (site.isPresent() && !site.get().isBlank()) {
            return Optional.of(Set.of(visible(caller, site.get())));
        }
        if (caller.role() == Role.DEPARTMENT_ADMIN) {
            return Optional.empty();
        }
        return Optional.of(caller.sites());
    }
}
