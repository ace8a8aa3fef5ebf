package fr.chariot.webconsole.api;

import java.util.Objects;

/**
 * A page's place in the console's menus.
 *
 * @param section  the menu it belongs to
 * @param labelKey the key of its label in the page's message files
 * @param order    its rank within the section, smallest first
 * @param adminOnly shown (and served) only to department administrators
 */
public record MenuEntry(MenuSection section, String labelKey, int order, boolean adminOnly) {

    public MenuEntry {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(labelKey, "labelKey");
    }

    /** An entry every user sees. */
    public static MenuEntry of(MenuSection section, String labelKey, int order) {
        return new MenuEntry(section, labelKey, order, false);
    }
}
