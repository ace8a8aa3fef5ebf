package fr.chariot.accounts.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored {@link AuditEvent}.
 *
 * @param id    increasing with time
 * @param at    when it was recorded
 * @param event what was recorded
 */
public record AuditEntry(long id, Instant at, AuditEvent event) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
    }
}
