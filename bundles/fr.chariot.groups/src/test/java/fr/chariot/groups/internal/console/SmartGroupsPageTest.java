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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.Role;
import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.InventoryField;
import fr.chariot.groups.api.InventoryFields;
import fr.chariot.groups.api.Join;
import fr.chariot.groups.api.Operator;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.Texts;
import fr.chariot.webconsole.api.View;

class SmartGroupsPageTest extends ConsoleFixture {

    private static final Criterion LOW_BATTERY = Criterion.of(InventoryFields.BATTERY_LEVEL, Operator.LESS_THAN, "60");

    private final ConsoleUser technician = user(Role.TECHNICIAN, RNE);
    private final ConsoleUser readOnly = user(Role.READ_ONLY, RNE);
    private SmartGroupsPage page;

    @BeforeEach
    void page() {
        page = new SmartGroupsPage(groups, sites, audit);
    }

    private String html(PageResult result, ConsoleUser user) {
        return render(page, assertInstanceOf(View.class, result), user);
    }

    @Test
    void aSmartGroupIsCreatedFromThePostedRowsInTheirNumbersOrder() {
        String form = html(page.handle(get(page, technician, "new")), technician);
        assertTrue(form.contains("<template id=\"criterion-template\">"), form);
        assertTrue(form.contains("data-add-row=\"criterion-template\" data-target=\"criteria-rows\""), form);
        assertTrue(form.contains("Le RNE de votre établissement (0310001A) doit toujours figurer dans le nom des "
                + "groupes intelligents."), form);
        assertTrue(form.contains("value=\"0310001A \""), "the name starts with the RNE: " + form);

        // rows added in the browser have fresh numbers, with gaps; the empty one is ignored
        PageResult result = page.handle(post(page, technician, "new", "site", RNE, "name", RNE + " à charger",
                "dashboard", "true",
                "criteria[12].join", "OR", "criteria[12].field", "name", "criteria[12].operator", "LIKE",
                "criteria[12].value", "iPad 3",
                "criteria[3].join", "AND", "criteria[3].field", "batteryLevel", "criteria[3].operator", "LESS_THAN",
                "criteria[3].value", "60",
                "criteria[20].join", "AND", "criteria[20].field", "", "criteria[20].operator", "IS",
                "criteria[20].value", ""));

        Group created = groups.list(RNE).get(0);
        assertEquals(List.of(LOW_BATTERY, new Criterion(InventoryFields.NAME, Operator.LIKE, "iPad 3", Join.OR)),
                created.criteria());
        assertTrue(created.dashboard());
        assertEquals(Set.of("S1", "S3"), groups.members(RNE, created.id()));
        assertEquals(new PageResult.Redirect("smart-groups/" + created.id(),
                Optional.of("Groupe « 0310001A à charger » enregistré : 2 appareil(s) en font partie.")), result);
        assertEquals(List.of(new AuditEvent(technician.username(), technician.from(), Optional.of(RNE),
                "group.create", List.of(String.valueOf(created.id())),
                "Groupe intelligent « 0310001A à charger », 2 critère(s)")), audit.recorded);
    }

    @Test
    void aBadValueIsShownInTheFormWithTheRowsAsTypedAndNothingIsCreated() {
        String html = html(page.handle(post(page, technician, "new", "site", RNE, "name", RNE + " batterie",
                "criteria[0].field", "batteryLevel", "criteria[0].operator", "LESS_THAN",
                "criteria[0].value", "abc")), technician);

        assertTrue(html.contains("« abc » n&#39;est pas un nombre") || html.contains("« abc » n&#x27;est pas"),
                html);
        assertTrue(html.contains("name=\"criteria[0].value\" value=\"abc\""), html);
        assertTrue(html.contains("value=\"LESS_THAN\" selected"), html);
        assertEquals(List.of(), groups.list(RNE));
        assertEquals(List.of(), audit.recorded);

        String noRne = html(page.handle(post(page, technician, "new", "site", RNE, "name", "batterie")), technician);
        assertTrue(noRne.contains("doit contenir le RNE du collège"), noRne);
        String noValue = html(page.handle(post(page, technician, "new", "site", RNE, "name", RNE + " x",
                "criteria[0].field", "batteryLevel", "criteria[0].operator", "IS")), technician);
        assertTrue(noValue.contains("Critère 1 : la valeur est vide."), noValue);
        assertEquals(List.of(), groups.list(RNE));
    }

    @Test
    void aKnownFieldsRowOffersItsOperatorsANewRowEveryOperatorByKind() {
        Group low = groups.create(RNE, RNE + " batterie", GroupType.SMART, List.of(LOW_BATTERY), false);

        String html = html(page.handle(get(page, technician, String.valueOf(low.id()))), technician);

        String row = html.substring(html.indexOf("name=\"criteria[0].operator\""), html.indexOf("</select>",
                html.indexOf("name=\"criteria[0].operator\"")));
        assertTrue(row.contains(">inférieur à<") && row.contains(">supérieur ou égal à<"), row);
        assertFalse(row.contains("ressemble à") || row.contains("avant le"), "not a text's or a date's: " + row);
        String template = html.substring(html.indexOf("<template"), html.indexOf("</template>"));
        assertTrue(template.contains("<optgroup label=\"texte\">") && template.contains(">membre du groupe<"),
                template);
        assertTrue(template.contains("name=\"criteria[__i__].field\""), template);
        assertTrue(html.contains(">niveau de batterie (%)<"), html);
        assertTrue(html.contains("1 appareil(s) : afficher dans l&#39;inventaire")
                || html.contains("1 appareil(s) : afficher dans l&#x27;inventaire"), "its member count: " + html);
        assertTrue(html.contains("href=\"/console/inventory?in=group:" + low.id() + "\""), html);
    }

    @Test
    void aRefusedEditUndoesTheCriteriaAlreadyChanged() {
        Group low = groups.create(RNE, RNE + " batterie", GroupType.SMART, List.of(LOW_BATTERY), false);
        String id = String.valueOf(low.id());

        String html = html(page.handle(post(page, technician, id, "name", "sans le rne",
                "criteria[0].field", "batteryLevel", "criteria[0].operator", "MORE_THAN",
                "criteria[0].value", "50")), technician);

        assertTrue(html.contains("doit contenir le RNE"), html);
        assertEquals(low, groups.find(low.id()).orElseThrow(), "criteria changed, then put back");
        assertEquals(Set.of("S1"), groups.members(RNE, low.id()));

        PageResult saved = page.handle(post(page, technician, id, "name", RNE + " pleins",
                "criteria[0].field", "batteryLevel", "criteria[0].operator", "MORE_THAN",
                "criteria[0].value", "50"));
        assertEquals(PageResult.redirect("smart-groups/" + id,
                "Groupe « 0310001A pleins » enregistré : 1 appareil(s) en font partie."), saved);
        assertEquals(Set.of("S2"), groups.members(RNE, low.id()));
        assertEquals("group.update", audit.recorded.get(0).action());
    }

    @Test
    void aReadOnlyUserReadsTheCriteriaInWordsAndChangesNothing() {
        Group cart = groups.create(RNE, "Chariot <1>", GroupType.STATIC, List.of(), false);
        Group smart = groups.create(RNE, RNE + " hors chariot", GroupType.SMART, List.of(LOW_BATTERY,
                new Criterion(InventoryFields.GROUP, Operator.NOT_MEMBER_OF, String.valueOf(cart.id()), Join.OR)),
                true);
        String id = String.valueOf(smart.id());

        String html = html(page.handle(get(page, readOnly, id)), readOnly);
        assertFalse(html.contains("<form"), html);
        assertTrue(html.contains(">OU<") && html.contains("non membre du groupe"), html);
        assertTrue(html.contains("n°" + cart.id() + " « Chariot &lt;1&gt; »"), "by name, escaped: " + html);
        String list = html(page.handle(get(page, readOnly, "")), readOnly);
        assertTrue(list.contains(RNE + " hors chariot") && !list.contains("smart-groups/new"), list);

        assertInstanceOf(PageResult.Forbidden.class, page.handle(post(page, readOnly, id, "name", RNE + " x")));
        assertInstanceOf(PageResult.Forbidden.class, page.handle(post(page, readOnly, id + "/delete")));
        assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, technician, String.valueOf(cart.id()))),
                "a static group is not a smart group's page");
        assertInstanceOf(PageResult.NotFound.class,
                page.handle(get(page, user(Role.TECHNICIAN, OTHER), id)), "another college's");
        assertEquals(smart, groups.find(smart.id()).orElseThrow());
    }

    @Test
    void deletingIsRefusedWhileAnotherGroupNamesIt() {
        Group low = groups.create(RNE, RNE + " batterie", GroupType.SMART, List.of(LOW_BATTERY), false);
        groups.create(RNE, RNE + " pas faibles", GroupType.SMART,
                List.of(Criterion.of(InventoryFields.GROUP, Operator.NOT_MEMBER_OF, String.valueOf(low.id()))),
                false);

        String html = html(page.handle(post(page, technician, low.id() + "/delete")), technician);

        assertTrue(html.contains("class=\"error\""), html);
        assertTrue(groups.find(low.id()).isPresent());
        assertEquals(List.of(), audit.recorded);
    }

    @Test
    void everyFieldOperatorAndJoinHasAFrenchTextMatchingTheCatalogueAndAnEnglishOne() {
        Texts texts = new Texts(getClass().getClassLoader(), GroupPages.MESSAGES);
        for (InventoryField field : InventoryFields.ALL) {
            assertEquals(field.label(), texts.text(Locale.FRENCH, "field." + field.name()));
            // English falls back to French: a French text here means the English one is missing
            assertFalse(texts.text(Locale.ENGLISH, "field." + field.name()).equals(field.label()), field.name());
        }
        for (Operator operator : Operator.values()) {
            assertEquals(operator.label(), texts.text(Locale.FRENCH, "operator." + operator.name()));
            assertFalse(texts.text(Locale.ENGLISH, "operator." + operator.name()).equals(operator.label()),
                    operator.name());
        }
        assertEquals("ET", texts.text(Locale.FRENCH, "join.AND"));
        assertEquals("OR", texts.text(Locale.ENGLISH, "join.OR"));
    }
}
