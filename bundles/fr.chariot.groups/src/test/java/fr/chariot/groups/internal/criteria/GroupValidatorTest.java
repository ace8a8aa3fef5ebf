package fr.chariot.groups.internal.criteria;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.InvalidGroupException;
import fr.chariot.groups.api.InventoryFields;
import fr.chariot.groups.api.Operator;

class GroupValidatorTest {

    private static final String RNE = "0310001A";
    private final GroupValidator validator = new GroupValidator(new CriteriaCompiler(ZoneId.of("Europe/Paris")));

    private static Group smart(long id, String site, String name, Criterion... criteria) {
        return new Group(id, site, name, GroupType.SMART, List.of(criteria), false);
    }

    private static Criterion memberOf(long id) {
        return Criterion.of(InventoryFields.GROUP, Operator.MEMBER_OF, Long.toString(id));
    }

    private String problem(Group candidate, List<Group> siteGroups) {
        return assertThrows(InvalidGroupException.class, () -> validator.validate(candidate, siteGroups))
                .getMessage();
    }

    @Test
    void aSmartGroupsNameMustContainTheRne() {
        assertEquals("Le nom d'un groupe intelligent doit contenir le RNE du collège (0310001A) : « Batterie faible »"
                + " ne le contient pas. Exemple : « 0310001A Batterie faible ».",
                problem(smart(0, RNE, "Batterie faible"), List.of()));
        assertDoesNotThrow(() -> validator.validate(smart(0, RNE, "0310001a batterie faible"), List.of()));
        assertDoesNotThrow(() -> validator.validate(
                new Group(0, RNE, "Chariot 1", GroupType.STATIC, List.of(), false), List.of()));
    }

    @Test
    void refusesEmptyNamesDuplicatesAndCriteriaOnStaticGroups() {
        assertEquals("Le nom du groupe est vide.",
                problem(new Group(0, RNE, "  ", GroupType.STATIC, List.of(), false), List.of()));
        Group existing = new Group(1, RNE, "Chariot 1", GroupType.STATIC, List.of(), false);
        assertEquals("Un groupe nommé « Chariot 1 » existe déjà dans ce collège.",
                problem(new Group(0, RNE, "CHARIOT 1", GroupType.STATIC, List.of(), false), List.of(existing)));
        assertDoesNotThrow(() -> validator.validate(
                new Group(1, RNE, "chariot 1", GroupType.STATIC, List.of(), false), List.of(existing)),
                "renaming a group to its own name in another case");
        assertTrue(problem(new Group(0, RNE, "Chariot 2", GroupType.STATIC,
                List.of(Criterion.of(InventoryFields.SUPERVISED, Operator.IS, "oui")), false), List.of())
                .startsWith("Un groupe statique n'a pas de critères"));
    }

    @Test
    void memberOfAGroupOfAnotherCollegeIsAsUnknown() {
        Group elsewhere = smart(5, "0310002B", "0310002B profs");
        assertTrue(problem(smart(0, RNE, RNE + " x", memberOf(5)), List.of(elsewhere))
                .contains("le groupe n°5 n'existe pas dans ce collège."));
    }

    @Test
    void refusesCyclesAndNamesThem() {
        Group a = smart(1, RNE, RNE + " A");
        Group b = smart(2, RNE, RNE + " B", memberOf(1));
        Group c = smart(3, RNE, RNE + " C", memberOf(2));
        assertEquals("Ces critères « membre du groupe » formeraient une boucle : « 0310001A A » → « 0310001A C » → "
                + "« 0310001A B » → « 0310001A A ». Un groupe ne peut pas dépendre, même indirectement, de lui-même.",
                problem(smart(1, RNE, RNE + " A", memberOf(3)), List.of(a, b, c)));
        assertTrue(problem(smart(1, RNE, RNE + " A",
                Criterion.of(InventoryFields.GROUP, Operator.NOT_MEMBER_OF, "1")), List.of(a))
                .contains("« 0310001A A » → « 0310001A A »"));
        assertDoesNotThrow(() -> validator.validate(smart(3, RNE, RNE + " C", memberOf(1), memberOf(2)),
                List.of(a, b, c)), "a diamond is not a cycle");
    }
}
