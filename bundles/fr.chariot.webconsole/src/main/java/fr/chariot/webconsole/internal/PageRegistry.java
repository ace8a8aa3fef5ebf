package fr.chariot.webconsole.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.webconsole.api.ConsolePage;
import fr.chariot.webconsole.api.MenuEntry;
import fr.chariot.webconsole.api.MenuSection;
import fr.chariot.webconsole.api.Texts;

/**
 * The pages feature bundles contribute, by path, and the menus they make. Pages come and go with their bundles;
 * the shell's own paths are reserved, and a path already taken stays with the page that took it first.
 */
final class PageRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PageRegistry.class);
    private static final Pattern PATH = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** A page with its texts, read once. */
    record Registered(ConsolePage page, Texts texts) {
    }

    /** A menu entry of the shell's own (« Mon compte »), listed like a contributed page's. */
    record Listed(String path, MenuEntry entry, Texts texts) {
    }

    /** A link of the menus. */
    record Item(String label, String href, boolean current) {
    }

    /** The menus as one user sees them, each in its order; a section without entries is empty. Public methods:
     * templates read them. */
    record Menu(List<Item> dashboard, List<Item> devices, List<Item> preferences) {

        public boolean devicesCurrent() {
            return devices.stream().anyMatch(Item::current);
        }

        public boolean preferencesCurrent() {
            return preferences.stream().anyMatch(Item::current);
        }
    }

    private final Map<String, Registered> pages = new ConcurrentHashMap<>();
    private final Set<String> reserved;
    private final List<Listed> builtIn;

    /**
     * @param reserved the shell's own paths
     * @param builtIn  the shell's own menu entries
     */
    PageRegistry(Set<String> reserved, List<Listed> builtIn) {
        this.reserved = Set.copyOf(reserved);
        this.builtIn = List.copyOf(builtIn);
    }

    /** @return whether the page is now served (false: bad, reserved or taken path, logged) */
    boolean add(ConsolePage page) {
        String path = page.path();
        if (path == null || !PATH.matcher(path).matches() || reserved.contains(path)) {
            LOG.error("Console page {} ignored: its path \"{}\" is not a free console path", page.getClass().getName(),
                    path);
            return false;
        }
        Registered registered = new Registered(page, new Texts(page.getClass().getClassLoader(), page.messages()));
        Registered first = pages.putIfAbsent(path, registered);
        if (first != null) {
            LOG.error("Console page {} ignored: /console/{} is already served by {}", page.getClass().getName(), path,
                    first.page().getClass().getName());
            return false;
        }
        return true;
    }

    /** @return whether the page was served (a duplicate that was ignored was not) */
    boolean remove(ConsolePage page) {
        Registered registered = pages.get(page.path());
        return registered != null && registered.page() == page && pages.remove(page.path(), registered);
    }

    Optional<Registered> find(String path) {
        return Optional.ofNullable(pages.get(path));
    }

    /** Whether the user may open the page: an admin-only page does not exist for others. */
    static boolean allowed(ConsolePage page, Principal user) {
        return page.menu().map(entry -> !entry.adminOnly()).orElse(true) || user.role() == Role.DEPARTMENT_ADMIN;
    }

    /**
     * @param current the first segment of the page shown, marked as current in the menus
     */
    Menu menu(Principal user, Locale locale, String current) {
        List<Listed> listed = new ArrayList<>(builtIn);
        pages.forEach((path, registered) -> registered.page().menu()
                .ifPresent(entry -> listed.add(new Listed(path, entry, registered.texts()))));
        List<Listed> visible = listed.stream()
                .filter(l -> !l.entry().adminOnly() || user.role() == Role.DEPARTMENT_ADMIN)
                .sorted(Comparator.comparingInt((Listed l) -> l.entry().order()).thenComparing(Listed::path))
                .toList();
        return new Menu(items(visible, MenuSection.DASHBOARD, locale, current),
                items(visible, MenuSection.DEVICES, locale, current),
                items(visible, MenuSection.PREFERENCES, locale, current));
    }

    private static List<Item> items(List<Listed> listed, MenuSection section, Locale locale, String current) {
        return listed.stream().filter(l -> l.entry().section() == section)
                .map(l -> new Item(l.texts().text(locale, l.entry().labelKey()), ConsolePaths.ROOT + l.path(),
                        l.path().equals(current)))
                .toList();
    }
}
