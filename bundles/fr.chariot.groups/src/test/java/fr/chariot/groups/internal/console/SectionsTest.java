package fr.chariot.groups.internal.console;

import static fr.chariot.webconsole.internal.render.TemplateChecks.english;
import static fr.chariot.webconsole.internal.render.TemplateChecks.user;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.Role;
import fr.chariot.api.DeviceId;
import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.InventoryFields;
import fr.chariot.groups.api.Operator;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DeviceSelection.Selected;
import fr.chariot.webconsole.api.Section;
import fr.chariot.webconsole.api.Section.Row;

/** The dashboard card, the device panel and the inventory selection. */
class SectionsTest extends ConsoleFixture {

    private final ConsoleUser technician = user(Role.TECHNICIAN, RNE);

    private Group low(String site) {
        return groups.create(site, site + " batterie", GroupType.SMART,
                List.of(Criterion.of(InventoryFields.BATTERY_LEVEL, Operator.LESS_THAN, "60")), true);
    }

    @Test
    void theDashboardListsTheFlaggedGroupsOfTheUsersCollegesWithTheirCounts() {
        Group low = low(RNE);
        Group cart = groups.create(RNE, "Chariot 1", GroupType.STATIC, List.of(), true);
        groups.addMembers(RNE, cart.id(), List.of("S1", "S2", "S3"));
        groups.create(RNE, "Pas affiché", GroupType.STATIC, List.of(), false);
        Group hugo = low(OTHER);
        GroupsDashboardCard card = new GroupsDashboardCard(groups, sites);

        assertEquals(List.of(new Section("Groupes", List.of(
                Row.link(RNE + " batterie", "1", "inventory?in=group:" + low.id()),
                Row.link("Chariot 1", "3", "inventory?in=group:" + cart.id())), List.of())),
                card.sections(technician));
        assertEquals(3, card.sections(user(Role.DEPARTMENT_ADMIN)).get(0).rows().size(), "an admin sees both");
        assertEquals(List.of(Row.link(OTHER + " batterie", "1", "inventory?in=group:" + hugo.id())),
                card.sections(user(Role.READ_ONLY, OTHER)).get(0).rows());
        assertEquals(List.of(), card.sections(user(Role.TECHNICIAN, "0310003C")), "nothing to show: no section");
        assertEquals("Groups", card.sections(english(technician)).get(0).title());
    }

    @Test
    void aGroupSelectionIsItsMembersForAUserWhoSeesItsCollege() {
        Group low = low(RNE);
        GroupSelection selection = new GroupSelection(groups);

        assertEquals("group", selection.kind());
        assertEquals(Optional.of(new Selected("Groupe " + RNE + " batterie", RNE, Set.of("S1"))),
                selection.select(technician, String.valueOf(low.id())));
        assertEquals(Optional.empty(), selection.select(user(Role.TECHNICIAN, OTHER), String.valueOf(low.id())));
        assertEquals(Optional.empty(), selection.select(technician, "999"));
        assertEquals(Optional.empty(), selection.select(technician, "abc"));
        assertEquals("Group " + RNE + " batterie",
                selection.select(english(technician), String.valueOf(low.id())).orElseThrow().label());
    }

    @Test
    void theDevicePanelListsTheDevicesGroupsEachOpeningItsPage() {
        Group low = low(RNE);
        Group cart = groups.create(RNE, "Chariot <1>", GroupType.STATIC, List.of(), false);
        groups.addMembers(RNE, cart.id(), List.of("S1"));
        GroupsDevicePanel panel = new GroupsDevicePanel(groups);

        assertEquals(Optional.of(new Section("Groupes", List.of(
                Row.link(RNE + " batterie", "Groupe intelligent", "smart-groups/" + low.id()),
                Row.link("Chariot <1>", "Groupe statique", "static-groups/" + cart.id())), List.of())),
                panel.section(technician, new DeviceId("S1"), RNE));
        assertEquals(List.of(Row.of("Cet appareil n'est dans aucun groupe.", "")),
                panel.section(technician, new DeviceId("S2"), RNE).orElseThrow().rows());
    }
}
