package fr.chariot.groups.api;

/**
 * What a criterion tests. Which operators apply to a field depends on its {@link FieldType}
 * ({@link FieldType#operators()}). Each negative operator is exactly the negation of its positive one, so a device
 * without a value for the field is <em>not</em> "is 5" and therefore <em>is</em> "is not 5".
 */
public enum Operator {
    /** Equal: numbers and versions by value, text ignoring case, booleans, roles. */
    IS("est"),
    /** Not {@link #IS}. */
    IS_NOT("n'est pas"),
    /**
     * Text matching a pattern, ignoring case: {@code *} is any run of characters, {@code ?} exactly one; a pattern
     * with a wildcard must match the whole text ({@code 0310001A*} = starts with), a pattern without one matches
     * anywhere in the text ("contient", as Jamf's "like").
     */
    LIKE("ressemble à"),
    /** Not {@link #LIKE}. */
    NOT_LIKE("ne ressemble pas à"),
    LESS_THAN("inférieur à"),
    MORE_THAN("supérieur à"),
    LESS_OR_EQUAL("inférieur ou égal à"),
    MORE_OR_EQUAL("supérieur ou égal à"),
    /** A date before the given day (ISO {@code yyyy-MM-dd}, the day itself excluded). */
    BEFORE("avant le"),
    /** A date after the given day (ISO {@code yyyy-MM-dd}, the day itself excluded). */
    AFTER("après le"),
    /** A date older than N days (periods of 24 hours before now). */
    MORE_THAN_DAYS_AGO("il y a plus de N jours"),
    /** A date within the last N days; a date in the future also qualifies. */
    LESS_THAN_DAYS_AGO("il y a moins de N jours"),
    /** The device reports the app (bundle identifier, exact) among its installed apps. */
    HAS_APP("a l'app"),
    /** Not {@link #HAS_APP}. */
    HAS_NOT_APP("n'a pas l'app"),
    /** The device is a member of the group whose id is the value (a group of the same college). */
    MEMBER_OF("membre du groupe"),
    /** Not {@link #MEMBER_OF}. */
    NOT_MEMBER_OF("non membre du groupe");

    private final String label;

    Operator(String label) {
        this.label = label;
    }

    /** @return the French words a technician reads, e.g. {@code inférieur à} */
    public String label() {
        return label;
    }
}
