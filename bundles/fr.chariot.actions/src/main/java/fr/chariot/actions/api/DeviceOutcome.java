package fr.chariot.actions.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import fr.chariot.api.DeviceId;

/**
 * Where one device of a group action stands.
 *
 * @param device      the device
 * @param site        its college (RNE), so that a report is shown only to those who see the device; empty for a
 *                    device Chariot does not know
 * @param status      queued, done, failed or refused
 * @param reason      why it failed or was refused, or what was done, in French for a technician (e.g.
 *                    {@code Appareil non supervisé}, the device's error, {@code Déjà à jour})
 * @param commandUuid the command the device is waiting on or last answered, when one was queued
 * @param updatedAt   when the status last changed
 */
public record DeviceOutcome(DeviceId device, Optional<String> site, OutcomeStatus status, Optional<String> reason,
        Optional<String> commandUuid, Instant updatedAt) {

    public DeviceOutcome {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(commandUuid, "commandUuid");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
