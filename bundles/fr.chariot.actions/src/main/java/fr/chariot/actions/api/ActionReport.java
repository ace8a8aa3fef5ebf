package fr.chariot.actions.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A group action and where each of its devices stands, as of when the report was read.
 *
 * @param id            assigned by Chariot
 * @param type          what was asked
 * @param installAction the install action of an {@link ActionType#UPDATE_OS}
 * @param requestedBy   who asked
 * @param requestedAt   when
 * @param devices       one outcome per device, in the order asked
 */
public record ActionReport(long id, ActionType type, Optional<String> installAction, String requestedBy,
        Instant requestedAt, List<DeviceOutcome> devices) {

    public ActionReport {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(installAction, "installAction");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        devices = List.copyOf(devices);
    }

    /** How many devices stand at a status. */
    public long count(OutcomeStatus status) {
        return devices.stream().filter(outcome -> outcome.status() == status).count();
    }
}
