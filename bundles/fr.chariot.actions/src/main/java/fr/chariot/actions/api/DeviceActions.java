package fr.chariot.actions.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts group actions and reports on them. Provided by the actions bundle. The caller checks that whoever asks may
 * act on every device named; the service checks what each device can do.
 */
@ProviderType
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

    /**
     * The newest actions first (the console's list of recent actions), each report whole as {@link #report} gives
     * it: the caller shows only the devices it may.
     *
     * @param sites the colleges (RNEs) at least one of whose devices an action must concern;
     *              {@code Optional.empty()} for every action, including those only on devices Chariot did not know
     *              (a department administrator)
     * @param limit at most this many reports, at least 1
     * @throws IllegalArgumentException when {@code limit} is below 1
     */
    List<ActionReport> recent(Optional<Set<String>> sites, int limit);
}
