package fr.chariot.persistence.api;

/** Names shared by the persistence bundle and the bundles that ship migrations. */
public final class Schemas {

    /**
     * Service property of the {@link javax.sql.DataSource} registered for a migrated schema; its value is the schema
     * name, the folder under {@link #MIGRATIONS_ROOT}. A feature references it with
     * {@code @Reference(target = "(chariot.schema=inventory)")}.
     */
    public static final String SCHEMA_PROPERTY = "chariot.schema";

    /**
     * Service property of the shared pool itself, value {@code chariot}. Prefer the schema DataSource: it exists
     * only once the bundle's migrations are applied.
     */
    public static final String DATASOURCE_PROPERTY = "chariot.datasource";

    /** Folder, inside a bundle, that holds one sub-folder of migrations per schema. */
    public static final String MIGRATIONS_ROOT = "db";

    private Schemas() {
    }
}
