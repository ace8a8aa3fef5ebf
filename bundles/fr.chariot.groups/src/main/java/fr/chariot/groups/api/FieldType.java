package fr.chariot.groups.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kind of an inventory field, which decides the operators a criterion may use on it, how the criterion's value
 * is written, and which Java type {@link InventoryView#value(String)} returns for it.
 */
public enum FieldType {
    /** A {@link Number}; criterion values are decimal numbers, with a point or a comma ({@code 60}, {@code 2,5}). */
    NUMBER("nombre", EnumSet.of(Operator.IS, Operator.IS_NOT, Operator.LESS_THAN, Operator.MORE_THAN,
            Operator.LESS_OR_EQUAL, Operator.MORE_OR_EQUAL)),
    /**
     * A {@link String} such as {@code 17.4.1}, compared as a version: {@code 12.0.10} &gt; {@code 12.0.9},
     * {@code 18.1} = {@code 18.1.0}; criterion values start with a digit ({@code 17}, {@code 17.4.1}).
     */
    VERSION("version", EnumSet.of(Operator.IS, Operator.IS_NOT, Operator.LESS_THAN, Operator.MORE_THAN,
            Operator.LESS_OR_EQUAL, Operator.MORE_OR_EQUAL)),
    /** A {@link String}, compared ignoring case. */
    TEXT("texte", EnumSet.of(Operator.IS, Operator.IS_NOT, Operator.LIKE, Operator.NOT_LIKE)),
    /**
     * A {@link java.time.Instant}; criterion values are an ISO day ({@code 2025-09-01}) for before / after and a
     * whole number of days for "N days ago".
     */
    DATE("date", EnumSet.of(Operator.BEFORE, Operator.AFTER, Operator.MORE_THAN_DAYS_AGO,
            Operator.LESS_THAN_DAYS_AGO)),
    /** A {@link Boolean}; criterion values {@code true}/{@code false} or {@code oui}/{@code non}. */
    BOOLEAN("oui/non", EnumSet.of(Operator.IS, Operator.IS_NOT)),
    /** A {@link String}, one of {@link InventoryFields#ROLES}. */
    ROLE("rôle", EnumSet.of(Operator.IS, Operator.IS_NOT)),
    /** The installed apps ({@link InventoryView#appIds()}); the criterion value is a bundle identifier. */
    APP("application", EnumSet.of(Operator.HAS_APP, Operator.HAS_NOT_APP)),
    /** Membership of another group of the same college; the criterion value is that group's id. */
    GROUP("groupe", EnumSet.of(Operator.MEMBER_OF, Operator.NOT_MEMBER_OF));

    private final String label;
    private final Set<Operator> operators;

    FieldType(String label, EnumSet<Operator> operators) {
        this.label = label;
        this.operators = Collections.unmodifiableSet(operators);
    }

    /** @return the French name of the kind, e.g. {@code nombre} */
    public String label() {
        return label;
    }

    /** @return the operators a criterion may use on a field of this kind */
    public Set<Operator> operators() {
        return operators;
    }
}
