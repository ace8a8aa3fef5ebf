package fr.chariot.persistence.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Where one schema stands, as a person reading {@code chariot:schemas} needs it.
 *
 * @param schema         the schema name (its folder under {@code db/})
 * @param bundle         the symbolic name and version of the bundle that ships it
 * @param appliedVersion the highest migration version applied to the database, 0 when none
 * @param latestVersion  the highest migration version the bundle ships
 * @param state          whether the schema's DataSource is offered
 * @param problem        what went wrong, for a person, when {@code state} is {@link State#FAILED}
 */
public record SchemaStatus(String schema, String bundle, int appliedVersion, int latestVersion, State state,
        Optional<String> problem) {

    /** Whether a schema's DataSource is registered. */
    public enum State {
        /** Every migration is applied and the DataSource is registered. */
        READY,
        /** A migration failed, or an applied one no longer matches: the DataSource is not registered. */
        FAILED
    }

    public SchemaStatus {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(problem, "problem");
    }
}
