package fr.chariot.groups.internal.criteria;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.FieldType;
import fr.chariot.groups.api.InvalidGroupException;
import fr.chariot.groups.api.InventoryField;
import fr.chariot.groups.api.InventoryFields;
import fr.chariot.groups.api.Join;
import fr.chariot.groups.api.Operator;

/**
 * Checks criteria and turns them into {@link CompiledCriteria}. Every problem is reported at once, each as a French
 * sentence that names the criterion (by its position, from 1), its field and what to write instead.
 */
public final class CriteriaCompiler {

    /** The members of a group of the college being compiled for; empty when the college has no such group. */
    @FunctionalInterface
    public interface GroupMembers {
        Optional<Set<String>> of(long groupId);
    }

    static final int MAX_VALUE_LENGTH = 255;
    static final long MAX_DAYS = 36_500;

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,15}([.,][0-9]{1,6})?\\s*%?");
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}([.\\-][0-9A-Za-z]{1,16}){0,5}");
    private static final Pattern DAYS = Pattern.compile("[0-9]{1,6}");
    private static final Pattern BUNDLE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-_]{0,254}");
    private static final Pattern GROUP_ID = Pattern.compile("[0-9]{1,18}");
    private static final Set<String> TRUE = Set.of("true", "oui", "vrai");
    private static final Set<String> FALSE = Set.of("false", "non", "faux");

    private final ZoneId zone;

    /** @param zone the college's time zone, where an ISO day of a before / after criterion starts and ends */
    public CriteriaCompiler(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * @throws InvalidGroupException listing every criterion that is wrong; nothing is compiled then
     */
    public CompiledCriteria compile(List<Criterion> criteria, GroupMembers groups) {
        List<String> problems = new ArrayList<>();
        List<Condition[]> anyOf = new ArrayList<>();
        List<Condition> allOf = new ArrayList<>();
        List<Long> referenced = new ArrayList<>();
        for (int k = 0; k < criteria.size(); k++) {
            Criterion criterion = criteria.get(k);
            if (k > 0 && criterion.join() == Join.OR) {
                anyOf.add(allOf.toArray(Condition[]::new));
                allOf.clear();
            }
            try {
                allOf.add(condition(criterion, groups, referenced));
            } catch (IllegalArgumentException problem) {
                problems.add("Critère " + (k + 1) + " " + problem.getMessage());
            }
        }
        anyOf.add(allOf.toArray(Condition[]::new));
        if (!problems.isEmpty()) {
            throw new InvalidGroupException(problems);
        }
        return new CompiledCriteria(anyOf.toArray(Condition[][]::new),
                referenced.stream().mapToLong(Long::longValue).distinct().toArray());
    }

    private Condition condition(Criterion criterion, GroupMembers groups, List<Long> referenced) {
        InventoryField field = InventoryFields.find(criterion.field()).orElseThrow(() -> new IllegalArgumentException(
                ": le champ « " + criterion.field() + " » n'existe pas. Champs possibles : "
                        + InventoryFields.ALL.stream().map(InventoryField::name).collect(Collectors.joining(", "))
                        + "."));
        FieldType type = field.type();
        Operator operator = criterion.operator();
        String about = "(" + field.label() + ") : ";
        if (!type.operators().contains(operator)) {
            throw new IllegalArgumentException(about + "l'opérateur « " + operator.label()
                    + " » ne s'applique pas à un champ de type " + type.label() + ". Opérateurs possibles : "
                    + type.operators().stream().map(o -> "« " + o.label() + " »").collect(Collectors.joining(", "))
                    + ".");
        }
        String value = criterion.value().strip();
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(about + "la valeur dépasse " + MAX_VALUE_LENGTH + " caractères.");
        }
        String name = field.name();
        return switch (type) {
            case NUMBER -> new Condition.NumberCondition(name, comparison(operator), number(field, value, about),
                    operator == Operator.IS_NOT);
            case VERSION -> new Condition.VersionCondition(name, comparison(operator), version(value, about),
                    operator == Operator.IS_NOT);
            case TEXT -> text(name, operator, value, about);
            case DATE -> date(name, operator, value, about);
            case BOOLEAN -> new Condition.EqualsCondition(name, Boolean.toString(bool(value, about)),
                    operator == Operator.IS_NOT);
            case ROLE -> new Condition.EqualsCondition(name, role(value, about), operator == Operator.IS_NOT);
            case APP -> new Condition.AppCondition(bundleId(value, about), operator == Operator.HAS_NOT_APP);
            case GROUP -> {
                long groupId = groupId(value, about);
                Set<String> members = groups.of(groupId).orElseThrow(() -> new IllegalArgumentException(
                        about + "le groupe n°" + groupId + " n'existe pas dans ce collège."));
                referenced.add(groupId);
                yield new Condition.MemberOfCondition(members, operator == Operator.NOT_MEMBER_OF);
            }
        };
    }

    private static Condition.Comparison comparison(Operator operator) {
        return switch (operator) {
            case IS, IS_NOT -> Condition.Comparison.EQUAL;
            case LESS_THAN -> Condition.Comparison.LESS;
            case MORE_THAN -> Condition.Comparison.MORE;
            case LESS_OR_EQUAL -> Condition.Comparison.LESS_OR_EQUAL;
            case MORE_OR_EQUAL -> Condition.Comparison.MORE_OR_EQUAL;
            default -> throw new IllegalStateException("not a comparison: " + operator);
        };
    }

    private static double number(InventoryField field, String value, String about) {
        if (!NUMBER.matcher(value).matches()) {
            throw new IllegalArgumentException(about + "« " + value + " » n'est pas un nombre (exemple : 60).");
        }
        double number = Double.parseDouble(value.replace('%', ' ').strip().replace(',', '.'));
        if (field.name().equals(InventoryFields.BATTERY_LEVEL) && (number < 0 || number > 100)) {
            throw new IllegalArgumentException(about + "un niveau de batterie va de 0 à 100 %, pas " + value + ".");
        }
        if (number < 0) {
            throw new IllegalArgumentException(about + "une taille ne peut pas être négative (" + value + ").");
        }
        return number;
    }

    private static String version(String value, String about) {
        if (!VERSION.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    about + "« " + value + " » n'est pas une version d'iPadOS (exemple : 17.4.1).");
        }
        return value;
    }

    private static Condition text(String name, Operator operator, String value, String about) {
        if (operator == Operator.IS || operator == Operator.IS_NOT) {
            return new Condition.EqualsCondition(name, value, operator == Operator.IS_NOT);
        }
        if (value.isEmpty() || value.chars().allMatch(c -> c == '*')) {
            throw new IllegalArgumentException(about + "le motif est vide : écrivez une partie du texte cherché, "
                    + "avec * pour « n'importe quels caractères » et ? pour « un caractère » (exemple : 0310001A-*).");
        }
        return new Condition.LikeCondition(name, new Wildcards(value), operator == Operator.NOT_LIKE);
    }

    private Condition date(String name, Operator operator, String value, String about) {
        if (operator == Operator.BEFORE || operator == Operator.AFTER) {
            LocalDate day;
            try {
                day = LocalDate.parse(value);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(about + "« " + value
                        + " » n'est pas une date au format AAAA-MM-JJ (exemple : 2025-09-01).");
            }
            return operator == Operator.BEFORE
                    ? new Condition.DateCondition(name, day.atStartOfDay(zone).toInstant(), true)
                    : new Condition.DateCondition(name, day.plusDays(1).atStartOfDay(zone).toInstant(), false);
        }
        if (!DAYS.matcher(value).matches() || Long.parseLong(value) > MAX_DAYS) {
            throw new IllegalArgumentException(about + "« " + value
                    + " » n'est pas un nombre de jours (un nombre entier de 0 à " + MAX_DAYS + ").");
        }
        return new Condition.AgeCondition(name, Long.parseLong(value), operator == Operator.MORE_THAN_DAYS_AGO);
    }

    private static boolean bool(String value, String about) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower)) {
            return true;
        }
        if (FALSE.contains(lower)) {
            return false;
        }
        throw new IllegalArgumentException(about + "« " + value + " » n'est ni « oui » ni « non ».");
    }

    private static String role(String value, String about) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (!InventoryFields.ROLES.contains(upper)) {
            throw new IllegalArgumentException(about + "« " + value + " » n'est pas un rôle. Rôles possibles : "
                    + InventoryFields.ROLE_STUDENT_SHARED + " (iPad élève partagé), "
                    + InventoryFields.ROLE_TEACHER_SHARED + " (iPad professeur partagé), "
                    + InventoryFields.ROLE_TEACHER_PERSONAL + " (iPad personnel d'un professeur).");
        }
        return upper;
    }

    private static String bundleId(String value, String about) {
        if (!BUNDLE_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(about + "« " + value
                    + " » n'est pas un identifiant d'app (exemple : com.apple.Pages).");
        }
        return value;
    }

    private static long groupId(String value, String about) {
        if (!GROUP_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(about + "« " + value + " » n'est pas un numéro de groupe.");
        }
        return Long.parseLong(value);
    }
}
