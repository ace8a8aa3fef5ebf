package fr.chariot.actions.api;

import java.util.Optional;

/**
 * Starts group actions and reports on them. Provided by the actions bundle. The caller checks that whoever asks may
 * act on every device named; the service checks what each device can do.
 */
public interface DeviceActions {

    /** At most this many devices per action: a whole department's carts, well beyond one college's. */
    int MAX_DEVICES = 10_000;

    /**
     * Queues the action on every device that can do it and records the report; devices that cannot are recorded
     * {@link OutcomeStatus#REFUSED} with the reason.
     *
     * @return the report as it stands once every command is queued
     * @throws IllegalArgumentException when the request is malformed (no device, more than {@link #MAX_DEVICES},
     *                                  an unknown install action, an install action on another action); nothing
     *                                  is queued nor recorded then
     */
    ActionReport start(ActionRequest request);

    /** The report of an action, as it stands now; empty when no action has that id. */
    Optional<ActionReport> report(long id);
}
