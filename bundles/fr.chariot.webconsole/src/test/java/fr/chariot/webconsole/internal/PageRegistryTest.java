package fr.chariot.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.webconsole.api.MenuEntry;
import fr.chariot.webconsole.api.MenuSection;
import fr.chariot.webconsole.api.Texts;

class PageRegistryTest {

    private static final Principal TECHNICIAN = new Principal("marie", Role.TECHNICIAN, Set.of("0310001A"));
    private static final Principal ADMIN = new Principal("admin", Role.DEPARTMENT_ADMIN, Set.of());

    private final PageRegistry registry = new PageRegistry(ConsolePaths.RESERVED, List.of(new PageRegistry.Listed(
            "account", MenuEntry.of(MenuSection.PREFERENCES, "account.menu", 10),
            new Texts(getClass().getClassLoader(), ConsoleServlet.SHELL_MESSAGES))));

    @Test
    void menusListEntriesInTheirOrderWithTheirTranslatedLabels() {
        registry.add(new FakePage("smart-groups", MenuEntry.of(MenuSection.DEVICES, "Groupes intelligents", 30)));
        registry.add(new FakePage("inventory", MenuEntry.of(MenuSection.DEVICES, "Inventaire", 10)));
        registry.add(new FakePage("static-groups", MenuEntry.of(MenuSection.DEVICES, "Groupes statiques", 20)));
        registry.add(new FakePage("inventory-columns", MenuEntry.of(MenuSection.PREFERENCES, "Colonnes", 20)));
        registry.add(new FakePage("devices", Optional.empty()));

        PageRegistry.Menu menu = registry.menu(TECHNICIAN, Locale.FRENCH, "static-groups");

        assertEquals(List.of(new PageRegistry.Item("Inventaire", "/console/inventory", false),
                new PageRegistry.Item("Groupes statiques", "/console/static-groups", true),
                new PageRegistry.Item("Groupes intelligents", "/console/smart-groups", false)), menu.devices());
        assertEquals(List.of("Mon compte", "Colonnes"), menu.preferences().stream().map(PageRegistry.Item::label)
                .toList());
        assertEquals(List.of(), menu.dashboard());
        assertTrue(menu.devicesCurrent());
        assertFalse(menu.preferencesCurrent());
        assertEquals("My account", registry.menu(TECHNICIAN, Locale.ENGLISH, "").preferences().get(0).label());
    }

    @Test
    void adminOnlyEntriesAreForDepartmentAdminsOnly() {
        FakePage users = new FakePage("users", new MenuEntry(MenuSection.PREFERENCES, "Comptes", 50, true));
        registry.add(users);

        assertEquals(List.of("Mon compte"), labels(registry.menu(TECHNICIAN, Locale.FRENCH, "")));
        assertEquals(List.of("Mon compte", "Comptes"), labels(registry.menu(ADMIN, Locale.FRENCH, "")));
        assertFalse(PageRegistry.allowed(users, TECHNICIAN));
        assertTrue(PageRegistry.allowed(users, ADMIN));
    }

    @Test
    void aRemovedPageLeavesTheMenusAndItsPath() {
        FakePage inventory = new FakePage("inventory", MenuEntry.of(MenuSection.DEVICES, "Inventaire", 10));
        registry.add(inventory);

        assertTrue(registry.remove(inventory));

        assertEquals(Optional.empty(), registry.find("inventory"));
        assertEquals(List.of(), registry.menu(TECHNICIAN, Locale.FRENCH, "").devices());
    }

    @Test
    void aTakenReservedOrInvalidPathIsIgnoredAndTheFirstPageKeepsIt() {
        FakePage first = new FakePage("inventory", MenuEntry.of(MenuSection.DEVICES, "Inventaire", 10));
        FakePage second = new FakePage("inventory", MenuEntry.of(MenuSection.DEVICES, "Autre", 5));

        assertTrue(registry.add(first));
        assertFalse(registry.add(second));
        assertFalse(registry.add(new FakePage("login", Optional.empty())));
        assertFalse(registry.add(new FakePage("account", Optional.empty())));
        assertFalse(registry.add(new FakePage("Bad/Path", Optional.empty())));
        assertFalse(registry.remove(second), "removing the ignored duplicate leaves the first in place");

        assertSame(first, registry.find("inventory").orElseThrow().page());
        assertEquals(List.of("Inventaire"), registry.menu(TECHNICIAN, Locale.FRENCH, "").devices().stream()
                .map(PageRegistry.Item::label).toList());
    }

    private static List<String> labels(PageRegistry.Menu menu) {
        return menu.preferences().stream().map(PageRegistry.Item::label).toList();
    }
}
