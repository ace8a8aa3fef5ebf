package fr.chariot.groups.api;

import java.util.Objects;

/**
 * One condition of a smart group, e.g. {@code batteryLevel LESS_THAN 60}.
 *
 * @param field    a name of {@link InventoryFields}
 * @param operator what is tested; must be one of the field type's {@link FieldType#operators()}
 * @param value    the value as a person wrote it (a number, a version, a text pattern, an ISO day, a number of days,
 *                 {@code true}/{@code false}, a role, a bundle identifier, a group id)
 * @param join     how this criterion joins the ones before it; ignored on the first; {@code null} means {@code AND}
 */
public record Criterion(String field, Operator operator, String value, Join join) {

    public Criterion {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
        join = join == null ? Join.AND : join;
    }

    /** A criterion joined with {@code AND}. */
    public static Criterion of(String field, Operator operator, String value) {
        return new Criterion(field, operator, value, Join.AND);
    }

    /** The same criterion joined with {@code OR}. */
    public Criterion or() {
        return new Criterion(field, operator, value, Join.OR);
    }
}
