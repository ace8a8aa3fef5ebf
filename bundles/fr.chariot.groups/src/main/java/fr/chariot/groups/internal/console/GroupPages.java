package fr.chariot.groups.internal.console;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.Groups;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.PageRequest;
import fr.chariot.webconsole.api.View;

/**
 * What the static and the smart groups' pages share: the colleges a user sees, the group a URL names (if the user
 * sees its college), the list of a kind of groups, and the audit of a change.
 */
final class GroupPages {

    static final String MESSAGES = "fr/chariot/groups/internal/console/messages";
    static final String TEMPLATES = "fr/chariot/groups/internal/console/";

    /** A college a user may pick. @param label {@code RNE — name} */
    record College(String rne, String label) {
    }

    /** A line of a groups list. */
    record Listed(long id, String name, String site, int count, boolean dashboard) {
    }

    private final Groups groups;
    private final SiteDirectory sites;
    private final AuditLog audit;

    GroupPages(Groups groups, SiteDirectory sites, AuditLog audit) {
        this.groups = groups;
        this.sites = sites;
        this.audit = audit;
    }

    Groups groups() {
        return groups;
    }

    /** The colleges the user sees, by RNE, with their names. */
    List<College> colleges(Principal principal) {
        return visibleRnes(principal, sites).stream().map(this::college).toList();
    }

    /** The RNEs of the colleges the user sees, in order: every college for a department administrator. */
    static List<String> visibleRnes(Principal principal, SiteDirectory sites) {
        return principal.role() == Role.DEPARTMENT_ADMIN ? sites.list().stream().map(Site::rne).toList()
                : principal.sites().stream().sorted().toList();
    }

    College college(String rne) {
        return new College(rne, sites.find(rne).map(site -> rne + " — " + site.name()).orElse(rne));
    }

    /**
     * The college a new group is made in: the one asked ({@code site}) if the user sees it, the user's only college
     * otherwise; empty while the user must still choose.
     */
    Optional<College> chosenCollege(PageRequest request) {
        List<College> mine = colleges(request.user().principal());
        Optional<String> asked = request.parameter("site");
        if (asked.isPresent()) {
            return mine.stream().filter(college -> college.rne().equalsIgnoreCase(asked.get())).findFirst();
        }
        return mine.size() == 1 ? Optional.of(mine.get(0)) : Optional.empty();
    }

    /** The group a sub-path's first segment names, when it exists, is of that kind and the user sees its college. */
    Optional<Group> visibleGroup(ConsoleUser user, String idText, GroupType type) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return groups.find(id).filter(group -> user.principal().canSee(group.site()))
                .filter(group -> group.type() == type);
    }

    int count(Group group) {
        return groups.members(group.site(), group.id()).size();
    }

    /** The user's colleges' groups of one kind, college by college, each by name. */
    View list(PageRequest request, GroupType type, String template, String titleKey) {
        Principal principal = request.user().principal();
        List<Listed> listed = colleges(principal).stream()
                .flatMap(college -> groups.list(college.rne()).stream())
                .filter(group -> group.type() == type)
                .map(group -> new Listed(group.id(), group.name(), group.site(), count(group), group.dashboard()))
                .sorted(Comparator.comparing(Listed::site))
                .toList();
        return new View(TEMPLATES + template, request.text(titleKey),
                Map.of("groups", listed, "canAct", principal.canAct()));
    }

    /** Records a change that succeeded. */
    void audit(ConsoleUser user, String site, String action, List<String> objects, String details) {
        audit.record(new AuditEvent(user.username(), user.from(), Optional.of(site), action, objects, details));
    }

    /**
     * {@link Groups} changes one thing per call: the steps of a form's save are done in order and, when one is
     * refused, those already done are undone, so a refused form changes nothing.
     */
    static final class Steps {
        private final Deque<Runnable> undo = new ArrayDeque<>();

        /** Does a step, remembering how to undo it. */
        <T> T run(Supplier<T> step, Runnable undoIt) {
            T result = step.get();
            undo.push(undoIt);
            return result;
        }

        void run(Runnable step, Runnable undoIt) {
            step.run();
            undo.push(undoIt);
        }

        void undoAll() {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
        }
    }
}
