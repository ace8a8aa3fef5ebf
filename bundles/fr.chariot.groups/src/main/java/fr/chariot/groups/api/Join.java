package fr.chariot.groups.api;

/**
 * How a criterion joins the criteria before it. As in SQL and in Jamf, {@code AND} binds tighter than {@code OR}:
 * {@code a OR b AND c} means {@code a OR (b AND c)}. There are no parentheses.
 */
public enum Join {
    AND("et"),
    OR("ou");

    private final String label;

    Join(String label) {
        this.label = label;
    }

    /** @return the French word a technician reads, e.g. {@code et} */
    public String label() {
        return label;
    }
}
