package fr.chariot.groups.internal.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.chariot.groups.api.Criterion;
import fr.chariot.groups.api.FieldType;
import fr.chariot.groups.api.InventoryField;
import fr.chariot.groups.api.InventoryFields;
import fr.chariot.groups.api.Join;
import fr.chariot.groups.api.Operator;
import fr.chariot.webconsole.api.PageRequest;

/**
 * The « Critères » editor of a smart group: rows posted as {@code criteria[<n>].join}, {@code criteria[<n>].field},
 * {@code criteria[<n>].operator} and {@code criteria[<n>].value}, taken in the order of {@code n} (the console
 * script numbers added rows with fresh numbers, so the numbers may have gaps). A row whose field and value are both
 * empty is ignored; the first row's join is ignored, as {@link Criterion} says.
 */
final class CriteriaForm {

    private static final Pattern KEY = Pattern.compile("criteria\\[(\\d{1,6})]\\.(join|field|operator|value)");
    /** More rows than this is a forged form: a smart group has a handful of criteria. */
    static final int MAX_ROWS = 100;

    /** A row as posted (or as stored), texts as they are. */
    record Row(String join, String field, String operator, String value) {

        static Row of(Criterion criterion) {
            return new Row(criterion.join().name(), criterion.field(), criterion.operator().name(), criterion.value());
        }

        boolean blank() {
            return field.isBlank() && value.isBlank();
        }
    }

    /** A choice of a select: the value sent and the label read. */
    record Choice(String value, String label) {
    }

    /** The operators of one kind of field, an {@code <optgroup>} of a new row's operator select. */
    record OperatorGroup(String label, List<Choice> operators) {
    }

    /**
     * A row as the template shows it.
     *
     * @param operators the operators of the row's field's kind; every operator, by kind, while no known field is
     *                  chosen ({@link #operatorGroups})
     */
    record RowView(int index, String join, String field, String operator, String value, List<Choice> operators) {
    }

    private CriteriaForm() {
    }

    /** The rows of the posted form, in order, blank rows dropped. */
    static List<Row> posted(PageRequest request) {
        Map<Integer, String[]> byIndex = new TreeMap<>();
        for (Map.Entry<String, List<String>> parameter : request.parameterMap().entrySet()) {
            Matcher key = KEY.matcher(parameter.getKey());
            if (!key.matches() || parameter.getValue().isEmpty()) {
                continue;
            }
            String[] row = byIndex.computeIfAbsent(Integer.valueOf(key.group(1)), i -> new String[] {"", "", "", ""});
            String text = parameter.getValue().get(0).strip();
            switch (key.group(2)) {
                case "join" -> row[0] = text;
                case "field" -> row[1] = text;
                case "operator" -> row[2] = text;
                default -> row[3] = text;
            }
        }
        if (byIndex.size() > MAX_ROWS) {
            throw new IllegalArgumentException("Un groupe intelligent compte au plus " + MAX_ROWS + " critères.");
        }
        return byIndex.values().stream().map(r -> new Row(r[0], r[1], r[2], r[3])).filter(row -> !row.blank())
                .toList();
    }

    /**
     * The criteria of the rows, or the problems that keep them from being criteria (no field, no operator, no
     * value), in French, by position; the rest (field and operator that do not fit, malformed values) is the
     * groups service's to say.
     */
    static Parsed parse(List<Row> rows) {
        List<Criterion> criteria = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String where = "Critère " + (i + 1) + " : ";
            Optional<Operator> operator = constant(Operator.class, row.operator());
            if (row.field().isEmpty()) {
                problems.add(where + "choisissez un champ.");
            }
            if (operator.isEmpty()) {
                problems.add(where + "choisissez un opérateur.");
            }
            if (row.value().isEmpty()) {
                problems.add(where + "la valeur est vide.");
            }
            if (!row.field().isEmpty() && operator.isPresent() && !row.value().isEmpty()) {
                criteria.add(new Criterion(row.field(), operator.get(), row.value(),
                        constant(Join.class, row.join()).orElse(Join.AND)));
            }
        }
        return new Parsed(criteria, problems);
    }

    /** @param problems empty when every row is a criterion */
    record Parsed(List<Criterion> criteria, List<String> problems) {
    }

    /** The rows as the template shows them, numbered from 0 (rows added in the browser get fresh numbers). */
    static List<RowView> views(List<Row> rows, PageRequest request) {
        List<RowView> views = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            List<Choice> operators = InventoryFields.find(row.field())
                    .map(field -> operators(field.type(), request)).orElse(List.of());
            views.add(new RowView(i, row.join(), row.field(), row.operator(), row.value(), operators));
        }
        return views;
    }

    /** The catalogue's fields, in its order, with their labels in the user's language. */
    static List<Choice> fields(PageRequest request) {
        return InventoryFields.ALL.stream().map(InventoryField::name)
                .map(name -> new Choice(name, request.text("field." + name))).toList();
    }

    static List<Choice> joins(PageRequest request) {
        return List.of(new Choice(Join.AND.name(), request.text("join.AND")),
                new Choice(Join.OR.name(), request.text("join.OR")));
    }

    /** Every operator, by kind of field, for rows whose field is not chosen yet. */
    static List<OperatorGroup> operatorGroups(PageRequest request) {
        List<OperatorGroup> groups = new ArrayList<>();
        for (FieldType type : FieldType.values()) {
            // numbers and versions share their operators: one group says both
            if (type == FieldType.VERSION) {
                continue;
            }
            groups.add(new OperatorGroup(request.text("type." + type.name()), operators(type, request)));
        }
        return groups;
    }

    private static List<Choice> operators(FieldType type, PageRequest request) {
        // Operator order, not the set's: the same sequence in every select
        List<Choice> choices = new ArrayList<>();
        for (Operator operator : Operator.values()) {
            if (type.operators().contains(operator)) {
                choices.add(new Choice(operator.name(), request.text("operator." + operator.name())));
            }
        }
        return choices;
    }

    private static <E extends Enum<E>> Optional<E> constant(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
