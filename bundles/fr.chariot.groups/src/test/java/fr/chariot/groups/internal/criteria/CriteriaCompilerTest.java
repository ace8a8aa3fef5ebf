package fr.chariot.groups.internal.criteria;

import static fr.chariot.groups.api.InventoryFields.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.InvalidGroupException;
import fr.chariot.groups.api.Operator;
import fr.chariot.groups.internal.TestDevice;

class CriteriaCompilerTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOW = Instant.parse("2025-10-15T10:00:00Z");
    private final CriteriaCompiler compiler = new CriteriaCompiler(PARIS);

    private boolean matches(TestDevice device, Criterion... criteria) {
        return compiler.compile(List.of(criteria), id -> Optional.empty()).matches(device, NOW);
    }

    private String problem(Criterion... criteria) {
        InvalidGroupException e = assertThrows(InvalidGroupException.class,
                () -> compiler.compile(List.of(criteria), id -> Optional.empty()));
        return e.getMessage();
    }

    @ParameterizedTest(name = "battery {1} {2} with 55 -> {0}")
    @CsvSource({
            "true, LESS_THAN, 60", "false, LESS_THAN, 55", "true, LESS_OR_EQUAL, 55", "false, MORE_THAN, 55",
            "true, MORE_THAN, '54,5'", "true, MORE_OR_EQUAL, 55", "true, IS, 55", "false, IS_NOT, 55",
            "true, IS, 55 %", "true, IS_NOT, 60",
    })
    void numbers(boolean expected, Operator operator, String value) {
        TestDevice device = new TestDevice("A").with(BATTERY_LEVEL, 55);
        assertEquals(expected, matches(device, Criterion.of(BATTERY_LEVEL, operator, value)));
    }

    @ParameterizedTest(name = "osVersion {1} {2} with 12.0.10 -> {0}")
    @CsvSource({
            "true, MORE_THAN, 12.0.9", "false, LESS_THAN, 12.0.9", "true, LESS_THAN, 12.1",
            "true, IS, 12.0.10", "true, MORE_OR_EQUAL, 12.0.10", "true, LESS_OR_EQUAL, 12.0.10",
            "true, IS_NOT, 12.0.1", "false, IS, 12.0.1", "true, MORE_THAN, 12",
    })
    void versions(boolean expected, Operator operator, String value) {
        TestDevice device = new TestDevice("A").with(OS_VERSION, "12.0.10");
        assertEquals(expected, matches(device, Criterion.of(OS_VERSION, operator, value)));
    }

    @Test
    void versionsWithMissingZerosAreEqual() {
        TestDevice device = new TestDevice("A").with(OS_VERSION, "18.1");
        assertTrue(matches(device, Criterion.of(OS_VERSION, Operator.IS, "18.1.0")));
        assertFalse(matches(device, Criterion.of(OS_VERSION, Operator.LESS_THAN, "18.1.0")));
    }

    @ParameterizedTest(name = "name {1} {2} -> {0}")
    @CsvSource({
            "true, IS, 0310001a-prof 3", "false, IS_NOT, 0310001A-PROF 3", "true, IS_NOT, 0310001A-Prof 4",
            "true, LIKE, prof", "true, LIKE, 0310001A-*", "false, LIKE, 0310002B-*", "true, NOT_LIKE, élève",
            "true, LIKE, *Prof ?",
    })
    void text(boolean expected, Operator operator, String value) {
        TestDevice device = new TestDevice("A").with(NAME, "0310001A-Prof 3");
        assertEquals(expected, matches(device, Criterion.of(NAME, operator, value)));
    }

    @ParameterizedTest(name = "lastInventory {1} {2} -> {0}")
    @CsvSource({
            // 2025-10-01T22:30Z is already 2 October (00:30) in Paris
            "true, BEFORE, 2025-10-03", "false, BEFORE, 2025-10-02", "true, AFTER, 2025-10-01",
            "false, AFTER, 2025-10-02",
            "true, MORE_THAN_DAYS_AGO, 13", "false, MORE_THAN_DAYS_AGO, 14", "true, LESS_THAN_DAYS_AGO, 14",
            "false, LESS_THAN_DAYS_AGO, 13",
    })
    void dates(boolean expected, Operator operator, String value) {
        TestDevice device = new TestDevice("A").with(LAST_INVENTORY, Instant.parse("2025-10-01T22:30:00Z"));
        assertEquals(expected, matches(device, Criterion.of(LAST_INVENTORY, operator, value)));
    }

    @Test
    void booleansRolesAndApps() {
        TestDevice device = new TestDevice("A").with(SUPERVISED, true).with(SHARED_IPAD, false)
                .with(ROLE, ROLE_STUDENT_SHARED).apps("com.apple.Pages");
        assertTrue(matches(device, Criterion.of(SUPERVISED, Operator.IS, "oui")));
        assertTrue(matches(device, Criterion.of(SUPERVISED, Operator.IS, "TRUE")));
        assertFalse(matches(device, Criterion.of(SHARED_IPAD, Operator.IS, "true")));
        assertTrue(matches(device, Criterion.of(SHARED_IPAD, Operator.IS_NOT, "oui")));
        assertTrue(matches(device, Criterion.of(ROLE, Operator.IS, "student_shared")));
        assertTrue(matches(device, Criterion.of(ROLE, Operator.IS_NOT, ROLE_TEACHER_SHARED)));
        assertTrue(matches(device, Criterion.of(APP, Operator.HAS_APP, "com.apple.Pages")));
        assertFalse(matches(device, Criterion.of(APP, Operator.HAS_NOT_APP, "com.apple.Pages")));
        assertTrue(matches(device, Criterion.of(APP, Operator.HAS_NOT_APP, "com.apple.Keynote")));
    }

    @Test
    void aDeviceWithoutTheValueMeetsOnlyNegativeCriteria() {
        TestDevice blank = new TestDevice("A");
        assertFalse(matches(blank, Criterion.of(BATTERY_LEVEL, Operator.LESS_THAN, "60")));
        assertFalse(matches(blank, Criterion.of(BATTERY_LEVEL, Operator.MORE_OR_EQUAL, "60")));
        assertTrue(matches(blank, Criterion.of(BATTERY_LEVEL, Operator.IS_NOT, "60")));
        assertFalse(matches(blank, Criterion.of(NAME, Operator.LIKE, "x")));
        assertTrue(matches(blank, Criterion.of(NAME, Operator.NOT_LIKE, "x")));
        assertFalse(matches(blank, Criterion.of(LAST_INVENTORY, Operator.MORE_THAN_DAYS_AGO, "7")));
        assertFalse(matches(blank, Criterion.of(LAST_INVENTORY, Operator.LESS_THAN_DAYS_AGO, "7")));
    }

    @Test
    void memberOfReadsTheOtherGroupsMembers() {
        Map<Long, Set<String>> groups = Map.of(7L, Set.of("IN"));
        CompiledCriteria member = compiler.compile(List.of(Criterion.of(GROUP, Operator.MEMBER_OF, "7")),
                id -> Optional.ofNullable(groups.get(id)));
        CompiledCriteria notMember = compiler.compile(List.of(Criterion.of(GROUP, Operator.NOT_MEMBER_OF, "7")),
                id -> Optional.ofNullable(groups.get(id)));
        assertTrue(member.matches(new TestDevice("IN"), NOW));
        assertFalse(member.matches(new TestDevice("OUT"), NOW));
        assertTrue(notMember.matches(new TestDevice("OUT"), NOW));
        assertEquals(7L, member.referencedGroups()[0]);
    }

    @Test
    void andBindsTighterThanOr() {
        // a OR b AND c = a OR (b AND c)
        Criterion a = Criterion.of(SUPERVISED, Operator.IS, "true");
        Criterion b = Criterion.of(SHARED_IPAD, Operator.IS, "true").or();
        Criterion c = Criterion.of(BATTERY_LEVEL, Operator.LESS_THAN, "50");
        TestDevice onlyA = new TestDevice("1").with(SUPERVISED, true).with(SHARED_IPAD, false).with(BATTERY_LEVEL, 90);
        TestDevice onlyB = new TestDevice("2").with(SUPERVISED, false).with(SHARED_IPAD, true).with(BATTERY_LEVEL, 90);
        TestDevice bAndC = new TestDevice("3").with(SUPERVISED, false).with(SHARED_IPAD, true).with(BATTERY_LEVEL, 10);
        TestDevice onlyC = new TestDevice("4").with(SUPERVISED, false).with(SHARED_IPAD, false).with(BATTERY_LEVEL, 10);
        assertTrue(matches(onlyA, a, b, c), "(a OR b) AND c would refuse it");
        assertFalse(matches(onlyB, a, b, c));
        assertTrue(matches(bAndC, a, b, c));
        assertFalse(matches(onlyC, a, b, c));
    }

    @Test
    void theFirstCriterionsJoinIsIgnoredAndNoCriteriaMatchEveryDevice() {
        TestDevice device = new TestDevice("A").with(SUPERVISED, false);
        assertFalse(matches(device, Criterion.of(SUPERVISED, Operator.IS, "true").or()));
        assertTrue(matches(device));
    }

    @Test
    void explainsAnUnknownField() {
        String message = problem(Criterion.of("batery", Operator.LESS_THAN, "60"));
        assertTrue(message.startsWith("Critère 1 : le champ « batery » n'existe pas. Champs possibles : batteryLevel,"),
                message);
    }

    @Test
    void explainsAnOperatorThatDoesNotFitTheField() {
        assertEquals("Critère 1 (niveau de batterie (%)) : l'opérateur « avant le » ne s'applique pas à un champ "
                + "de type nombre. Opérateurs possibles : « est », « n'est pas », « inférieur à », « supérieur à », "
                + "« inférieur ou égal à », « supérieur ou égal à ».",
                problem(Criterion.of(BATTERY_LEVEL, Operator.BEFORE, "2025-01-01")));
    }

    @Test
    void explainsMalformedValues() {
        assertEquals("Critère 1 (niveau de batterie (%)) : « abc » n'est pas un nombre (exemple : 60).",
                problem(Criterion.of(BATTERY_LEVEL, Operator.LESS_THAN, "abc")));
        assertTrue(problem(Criterion.of(BATTERY_LEVEL, Operator.LESS_THAN, "160")).contains("va de 0 à 100 %"));
        assertTrue(problem(Criterion.of(OS_VERSION, Operator.LESS_THAN, "douze"))
                .contains("« douze » n'est pas une version d'iPadOS (exemple : 17.4.1)."));
        assertTrue(problem(Criterion.of(LAST_INVENTORY, Operator.BEFORE, "01/09/2025"))
                .contains("n'est pas une date au format AAAA-MM-JJ"));
        assertTrue(problem(Criterion.of(LAST_INVENTORY, Operator.MORE_THAN_DAYS_AGO, "sept"))
                .contains("n'est pas un nombre de jours"));
        assertTrue(problem(Criterion.of(SUPERVISED, Operator.IS, "peut-être")).contains("n'est ni « oui » ni « non »"));
        assertTrue(problem(Criterion.of(ROLE, Operator.IS, "prof")).contains("Rôles possibles : STUDENT_SHARED"));
        assertTrue(problem(Criterion.of(APP, Operator.HAS_APP, "Pages !")).contains("n'est pas un identifiant d'app"));
        assertTrue(problem(Criterion.of(NAME, Operator.LIKE, "**")).contains("le motif est vide"));
        assertTrue(problem(Criterion.of(GROUP, Operator.MEMBER_OF, "12"))
                .contains("le groupe n°12 n'existe pas dans ce collège."));
        assertTrue(problem(Criterion.of(GROUP, Operator.MEMBER_OF, "douze")).contains("n'est pas un numéro de groupe"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        InvalidGroupException e = assertThrows(InvalidGroupException.class, () -> compiler.compile(List.of(
                Criterion.of(BATTERY_LEVEL, Operator.LESS_THAN, "abc"),
                Criterion.of(OS_VERSION, Operator.LESS_THAN, "17"),
                Criterion.of("nope", Operator.IS, "x")), id -> Optional.empty()));
        assertEquals(2, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("Critère 1 "));
        assertTrue(e.problems().get(1).startsWith("Critère 3 "));
    }
}
