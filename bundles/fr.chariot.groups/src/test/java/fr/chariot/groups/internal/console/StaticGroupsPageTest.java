package fr.chariot.groups.internal.console;

import static fr.chariot.webconsole.internal.render.TemplateChecks.get;
import static fr.chariot.webconsole.internal.render.TemplateChecks.post;
import static fr.chariot.webconsole.internal.render.TemplateChecks.render;
import static fr.chariot.webconsole.internal.render.TemplateChecks.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.Role;
import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.InventoryFields;
import fr.chariot.groups.api.Operator;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.View;

class StaticGroupsPageTest extends ConsoleFixture {

    private final ConsoleUser technician = user(Role.TECHNICIAN, RNE);
    private final ConsoleUser readOnly = user(Role.READ_ONLY, RNE);
    private StaticGroupsPage page;

    @BeforeEach
    void page() {
        page = new StaticGroupsPage(groups, inventory, sites, audit);
    }

    private String html(PageResult result, ConsoleUser user) {
        return render(page, assertInstanceOf(View.class, result), user);
    }

    private Group cart(String name, String site, String... members) {
        Group group = groups.create(site, name, GroupType.STATIC, List.of(), false);
        if (members.length > 0) {
            groups.addMembers(site, group.id(), List.of(members));
        }
        return group;
    }

    @Test
    void theListShowsTheUsersCollegesGroupsWithTheirCountsOpeningTheInventory() {
        Group mine = cart("Chariot 1", RNE, "S1", "S2");
        cart("Chariot de Hugo", OTHER, "X1");
        groups.create(RNE, RNE + " tous", GroupType.SMART, List.of(), false);

        String html = html(page.handle(get(page, technician, "")), technician);

        assertTrue(html.contains("Chariot 1"), html);
        assertTrue(html.contains("href=\"/console/inventory?in=group:" + mine.id() + "\""), html);
        assertTrue(html.contains(">2</a>"), "its member count: " + html);
        assertTrue(html.contains("href=\"/console/static-groups/new\""), "« Nouveau »");
        assertFalse(html.contains("Hugo"), "another college's group is not listed");
        assertFalse(html.contains(RNE + " tous"), "smart groups have their own list");

        String admins = html(page.handle(get(page, user(Role.DEPARTMENT_ADMIN), "")), user(Role.DEPARTMENT_ADMIN));
        assertTrue(admins.contains("Chariot 1") && admins.contains("Chariot de Hugo"), "an admin sees every college");
    }

    @Test
    void anotherCollegesGroupIsNotFoundWhateverIsAsked() {
        Group hugo = cart("Chariot de Hugo", OTHER, "X1");
        String id = String.valueOf(hugo.id());

        assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, technician, id)));
        assertInstanceOf(PageResult.NotFound.class, page.handle(post(page, technician, id, "name", "Volé")));
        assertInstanceOf(PageResult.NotFound.class, page.handle(post(page, technician, id + "/delete")));
        assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, technician, "nope")));
        assertEquals("Chariot de Hugo", groups.find(hugo.id()).orElseThrow().name());
        assertEquals(List.of(), audit.recorded);
    }

    @Test
    void aReadOnlyUserSeesTheGroupAndItsMembersButNoForm() {
        Group cart = cart("Chariot 1", RNE, "S2");
        String id = String.valueOf(cart.id());

        String list = html(page.handle(get(page, readOnly, "")), readOnly);
        assertFalse(list.contains("static-groups/new"), list);
        String html = html(page.handle(get(page, readOnly, id)), readOnly);
        assertTrue(html.contains("iPad 2"), html);
        assertFalse(html.contains("iPad 3"), "only the members, not the college's devices to tick");
        assertFalse(html.contains("<form"), html);

        assertInstanceOf(PageResult.Forbidden.class, page.handle(post(page, readOnly, id, "name", "Autre")));
        assertInstanceOf(PageResult.Forbidden.class, page.handle(post(page, readOnly, id + "/delete")));
        assertInstanceOf(PageResult.Forbidden.class, page.handle(get(page, readOnly, "new")));
        assertInstanceOf(PageResult.Forbidden.class, page.handle(post(page, readOnly, "new", "name", "X")));
        assertEquals(Set.of("S2"), groups.members(RNE, cart.id()));
    }

    @Test
    void aNewGroupIsCreatedWithTheTickedDevicesAndAudited() {
        String form = html(page.handle(get(page, technician, "new")), technician);
        assertTrue(form.contains("value=\"S1\"") && form.contains("value=\"S3\""), "the college's devices: " + form);
        assertFalse(form.contains("value=\"X1\""), "not another college's");
        assertTrue(form.contains("data-select-all=\"udid\""), form);
        assertTrue(form.contains("name=\"_csrf\""), form);

        PageResult result = page.handle(post(page, technician, "new", "site", RNE, "name", "Chariot 1",
                "dashboard", "true", "udid", "S1", "udid", "S3"));

        Group created = groups.list(RNE).get(0);
        assertEquals(new PageResult.Redirect("static-groups/" + created.id(),
                Optional.of("Groupe « Chariot 1 » créé avec 2 appareil(s).")), result);
        assertEquals("Chariot 1", created.name());
        assertTrue(created.dashboard());
        assertEquals(Set.of("S1", "S3"), groups.members(RNE, created.id()));
        assertEquals(List.of(new AuditEvent(technician.username(), technician.from(), Optional.of(RNE),
                "group.create", List.of(String.valueOf(created.id()), "S1", "S3"),
                "Groupe statique « Chariot 1 », 2 appareil(s)")), audit.recorded);
    }

    @Test
    void aCollegeMustBeChosenWhenTheUserHasSeveral() {
        ConsoleUser both = user(Role.TECHNICIAN, RNE, OTHER);
        String chooser = html(page.handle(get(page, both, "new")), both);
        assertTrue(chooser.contains("data-autosubmit"), chooser);
        assertFalse(chooser.contains("method=\"post\""), "no form before the college is chosen: " + chooser);

        String form = html(page.handle(get(page, both, "new", "site", OTHER)), both);
        assertTrue(form.contains("value=\"X1\"") && !form.contains("value=\"S1\""), form);

        page.handle(post(page, both, "new", "site", OTHER, "name", "Chariot H", "udid", "X1"));
        assertEquals(Set.of("X1"), groups.members(OTHER, groups.list(OTHER).get(0).id()));
    }

    @Test
    void aDeviceOfAnotherCollegeIsRefusedInTheFormAndNoGroupIsLeft() {
        PageResult result = page.handle(post(page, technician, "new", "site", RNE, "name", "Chariot 1",
                "udid", "S1", "udid", "X1"));

        String html = html(result, technician);
        assertTrue(html.contains("L&#39;appareil « X1 » n&#39;est pas un appareil du collège 0310001A.")
                || html.contains("L&#x27;appareil « X1 »"), html);
        assertTrue(html.contains("value=\"Chariot 1\""), "what was typed is kept: " + html);
        assertEquals(List.of(), groups.list(RNE), "the group created before the members were refused is gone");
        assertEquals(List.of(), audit.recorded);

        String empty = html(page.handle(post(page, technician, "new", "site", RNE, "name", " ")), technician);
        assertTrue(empty.contains("Le nom du groupe est vide."), empty);
    }

    @Test
    void savingAddsTheNewlyTickedAndRemovesTheUntickedShownDevices() {
        Group cart = cart("Chariot 1", RNE, "S1", "S2");
        String id = String.valueOf(cart.id());

        page.handle(post(page, technician, id, "name", "Chariot A", "udid", "S2", "udid", "S3",
                "shown", "S1", "shown", "S2", "shown", "S3"));

        assertEquals(Set.of("S2", "S3"), groups.members(RNE, cart.id()));
        assertEquals("Chariot A", groups.find(cart.id()).orElseThrow().name());
        assertEquals(List.of(id, "S3", "S1"), audit.recorded.get(0).objects());
        assertEquals("group.update", audit.recorded.get(0).action());

        String filtered = html(page.handle(get(page, technician, id, "q", "ipad 3")), technician);
        assertTrue(filtered.contains("value=\"S3\"") && !filtered.contains("value=\"S2\""), filtered);
        // the filter showed S3 alone: unticking it leaves S2, which was not shown
        page.handle(post(page, technician, id, "name", "Chariot A", "shown", "S3"));
        assertEquals(Set.of("S2"), groups.members(RNE, cart.id()));
    }

    @Test
    void aRefusedSaveUndoesWhatWasAlreadyDone() {
        Group cart = cart("Chariot 1", RNE, "S1");
        String id = String.valueOf(cart.id());

        String html = html(page.handle(post(page, technician, id, "name", "Chariot A", "dashboard", "true",
                "udid", "X1", "shown", "S1")), technician);

        assertTrue(html.contains("X1"), html);
        assertEquals(cart, groups.find(cart.id()).orElseThrow(), "renamed and flagged, then undone");
        assertEquals(Set.of("S1"), groups.members(RNE, cart.id()));
        assertEquals(List.of(), audit.recorded);
    }

    @Test
    void aGroupNamedByASmartGroupsCriterionIsNotDeleted() {
        Group cart = cart("Chariot 1", RNE, "S1");
        Group smart = groups.create(RNE, RNE + " chariot 1", GroupType.SMART,
                List.of(Criterion.of(InventoryFields.GROUP, Operator.MEMBER_OF, String.valueOf(cart.id()))), false);
        String id = String.valueOf(cart.id());

        String refused = html(page.handle(post(page, technician, id + "/delete")), technician);
        assertTrue(refused.contains("class=\"error\""), refused);
        assertTrue(groups.find(cart.id()).isPresent());
        assertTrue(refused.contains("data-confirm="), "the delete form asks first: " + refused);

        groups.delete(RNE, smart.id());
        assertEquals(PageResult.redirect("static-groups", "Groupe « Chariot 1 » supprimé."),
                page.handle(post(page, technician, id + "/delete")));
        assertTrue(groups.find(cart.id()).isEmpty());
        assertEquals(List.of(new AuditEvent(technician.username(), technician.from(), Optional.of(RNE),
                "group.delete", List.of(id), "Groupe statique « Chariot 1 »")), audit.recorded);
    }

    @Test
    void groupAndDeviceNamesAreEscaped() {
        Group cart = cart("<script>alert(1)</script>", RNE, "S1");

        String list = html(page.handle(get(page, technician, "")), technician);
        String html = html(page.handle(get(page, technician, String.valueOf(cart.id()))), technician);

        for (String rendered : List.of(list, html)) {
            assertFalse(rendered.contains("<script>"), rendered);
            assertTrue(rendered.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), rendered);
        }
        assertFalse(html.contains("<b>1</b>"), html);
        assertTrue(html.contains("iPad &lt;b&gt;1&lt;/b&gt;"), html);
    }
}
