package fr.chariot.inventory.internal.console;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;

/**
 * The colleges a console user sees: every college for a department administrator, else their own. A college they
 * do not see answers exactly like one that does not exist.
 */
final class Colleges {

    /** A college as the pages show it. */
    public record College(String rne, String name) {
    }

    private final SiteDirectory sites;

    Colleges(SiteDirectory sites) {
        this.sites = sites;
    }

    /** The user's colleges, by name. */
    List<College> visible(Principal user) {
        List<Site> all = user.role() == Role.DEPARTMENT_ADMIN ? sites.list()
                : user.sites().stream().map(rne -> sites.find(rne).orElse(new Site(rne, rne))).toList();
        return all.stream().map(site -> new College(site.rne(), site.name()))
                .sorted(Comparator.comparing(College::name).thenComparing(College::rne)).toList();
    }

    /** The college named by a parameter (an RNE in any case), when it exists and the user sees it. */
    Optional<College> visible(Principal user, String rneText) {
        String rne;
        try {
            rne = Site.normalizeRne(rneText);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!user.canSee(rne)) {
            return Optional.empty();
        }
        return sites.find(rne).map(site -> new College(site.rne(), site.name()));
    }
}
