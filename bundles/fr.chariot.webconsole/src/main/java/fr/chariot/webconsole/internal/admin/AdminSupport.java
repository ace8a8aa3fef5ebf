package fr.chariot.webconsole.internal.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;
import fr.chariot.webconsole.api.Texts;

/** What the administration pages share: their texts and the colleges a user sees. */
final class AdminSupport {

    static final String MESSAGES = "fr/chariot/webconsole/internal/admin/messages";
    static final String TEMPLATES = "fr/chariot/webconsole/internal/admin/";

    private static final Texts TEXTS = new Texts(AdminSupport.class.getClassLoader(), MESSAGES);

    private AdminSupport() {
    }

    static boolean isAdmin(Principal principal) {
        return principal.role() == Role.DEPARTMENT_ADMIN;
    }

    /** The colleges the user sees, by RNE: every one for a department admin, else those of the account. */
    static List<Site> visibleColleges(Principal principal, SiteDirectory directory) {
        List<Site> sites = isAdmin(principal) ? directory.list()
                : principal.sites().stream().map(directory::find).flatMap(Optional::stream).toList();
        return sites.stream().sorted(Comparator.comparing(Site::rne)).toList();
    }

    /** A text of the administration pages' message files. */
    static String text(Locale locale, String key, Object... arguments) {
        return TEXTS.text(locale, key, arguments);
    }

    static boolean hasText(Locale locale, String key) {
        return TEXTS.has(locale, key);
    }

    /**
     * The journal's details are written once and read by everyone, whatever language each chose: they are written
     * in French, the language of the people Chariot serves.
     */
    static String auditDetails(String key, Object... arguments) {
        return TEXTS.text(Locale.FRENCH, key, arguments);
    }

    /** A role as people name it, in the reader's language. */
    static String roleLabel(Locale locale, Role role) {
        return text(locale, "role." + role.name());
    }
}
