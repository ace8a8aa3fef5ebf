package fr.chariot.persistence.api;

import java.util.List;

/** What the persistence bundle knows of the schemas of the bundles that are running. */
public interface SchemaRegistry {

    /** Every schema shipped by a started bundle, sorted by name. */
    List<SchemaStatus> schemas();

    /** The migrations recorded as applied for a schema, oldest first; empty for an unknown schema. */
    List<AppliedMigration> history(String schema);
}
