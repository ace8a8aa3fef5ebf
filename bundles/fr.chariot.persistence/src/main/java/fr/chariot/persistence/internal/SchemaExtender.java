package fr.chariot.persistence.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.persistence.api.AppliedMigration;
import fr.chariot.persistence.api.SchemaRegistry;
import fr.chariot.persistence.api.SchemaStatus;
import fr.chariot.persistence.api.SchemaStatus.State;
import fr.chariot.persistence.api.Schemas;

/**
 * The extender that gives each starting bundle its schema: it applies the bundle's {@code db/<schema>/} migrations
 * and, only when they all hold, registers a {@link DataSource} with {@code chariot.schema=<schema>} on the bundle's
 * behalf. The service belongs to the bundle, so the framework withdraws it when the bundle stops or is updated.
 *
 * <p>Migrations run on the thread that starts the bundle, before it is active, so a bundle never sees a schema
 * older than its code.
 */
// Immediate: it must watch bundles from the start, not wait for someone to ask for the registry.
@Component(service = SchemaRegistry.class, immediate = true)
public class SchemaExtender implements SchemaRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaExtender.class);
    private static final String POOL_FILTER = "(" + Schemas.DATASOURCE_PROPERTY + "=" + PooledDatabase.NAME + ")";

    private final DataSource pool;
    private final MigrationRunner runner;
    private final Map<String, SchemaStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, Long> owners = new ConcurrentHashMap<>();
    private final BundleTracker<List<ServiceRegistration<DataSource>>> tracker;

    @Activate
    public SchemaExtender(@Reference(target = POOL_FILTER) DataSource pool, BundleContext context) {
        this.pool = pool;
        this.runner = new MigrationRunner(pool);
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, null) {
            @Override
            public List<ServiceRegistration<DataSource>> addingBundle(Bundle bundle, BundleEvent event) {
                return start(bundle);
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event,
                    List<ServiceRegistration<DataSource>> registrations) {
                stop(bundle, registrations);
            }
        };
        tracker.open();
    }

    @Deactivate
    void close() {
        tracker.close();
    }

    @Override
    public List<SchemaStatus> schemas() {
        List<SchemaStatus> result = new ArrayList<>(statuses.values());
        result.sort(Comparator.comparing(SchemaStatus::schema));
        return result;
    }

    @Override
    public List<AppliedMigration> history(String schema) {
        try {
            return runner.history(schema);
        } catch (SQLException e) {
            throw new IllegalStateException("the migration history cannot be read: " + e.getMessage(), e);
        }
    }

    /** @return the services registered for the bundle, or {@code null} (not tracked) when it ships no migrations */
    private List<ServiceRegistration<DataSource>> start(Bundle bundle) {
        String owner = bundle.getSymbolicName() + " " + bundle.getVersion();
        Map<String, List<Migration>> schemas;
        try {
            schemas = BundleMigrations.of(bundle);
        } catch (MigrationException e) {
            LOG.error("Bundle {}: its migrations cannot be read, so its database services stay off: {}", owner,
                    e.getMessage());
            return new ArrayList<>();
        }
        if (schemas.isEmpty()) {
            return null;
        }
        List<ServiceRegistration<DataSource>> registrations = new ArrayList<>();
        for (Map.Entry<String, List<Migration>> entry : schemas.entrySet()) {
            String schema = entry.getKey();
            int latest = entry.getValue().stream().mapToInt(Migration::version).max().orElse(0);
            Long holder = owners.putIfAbsent(schema, bundle.getBundleId());
            if (holder != null && holder != bundle.getBundleId()) {
                // The owner's status stays as it is: only this second claimant is refused.
                LOG.error("Bundle {} ships schema '{}', which already belongs to bundle {}: two bundles cannot share"
                        + " a schema, so its DataSource is not registered for {}", owner, schema, holder, owner);
                continue;
            }
            try {
                int applied = runner.migrate(schema, owner, entry.getValue());
                registrations.add(register(bundle, schema));
                statuses.put(schema, new SchemaStatus(schema, owner, applied, latest, State.READY, Optional.empty()));
                LOG.info("Schema '{}' of {} is at V{}", schema, owner, applied);
            } catch (MigrationException e) {
                int applied = appliedVersion(schema);
                fail(schema, owner, applied, latest, e.getMessage());
            }
        }
        return registrations;
    }

    private void fail(String schema, String owner, int applied, int latest, String problem) {
        LOG.error("Schema '{}' of {}: {} Its DataSource is not registered, so the bundle's services that need it stay "
                + "off until a fixed bundle is deployed.", schema, owner, problem);
        statuses.put(schema, new SchemaStatus(schema, owner, applied, latest, State.FAILED, Optional.of(problem)));
    }

    private int appliedVersion(String schema) {
        try {
            return runner.history(schema).stream().mapToInt(AppliedMigration::version).max().orElse(0);
        } catch (SQLException e) {
            return 0;
        }
    }

    private ServiceRegistration<DataSource> register(Bundle bundle, String schema) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Schemas.SCHEMA_PROPERTY, schema);
        props.put("service.description", "Chariot database, schema " + schema);
        return bundle.getBundleContext().registerService(DataSource.class, new ForwardingDataSource(pool), props);
    }

    private void stop(Bundle bundle, List<ServiceRegistration<DataSource>> registrations) {
        for (ServiceRegistration<DataSource> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The framework withdraws a stopping bundle's services itself; nothing is left to do.
            }
        }
        owners.entrySet().removeIf(e -> {
            boolean mine = e.getValue() == bundle.getBundleId();
            if (mine) {
                statuses.remove(e.getKey());
            }
            return mine;
        });
    }
}
