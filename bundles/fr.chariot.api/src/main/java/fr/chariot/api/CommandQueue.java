package fr.chariot.api;

import java.util.Collection;
import java.util.List;

/**
 * Queues MDM commands for devices and wakes them with a push. Provided by the protocol bundle.
 *
 * <p>Each device has a first-in first-out queue kept in the database: a restart loses nothing. The device fetches
 * its next command when it connects; its answer goes to the {@link CommandResultHandler} registered for the
 * command's {@code origin}.
 */
public interface CommandQueue {

    /**
     * Queues one command for each device, commits, then pushes to every device that has a push token.
     *
     * @param origin  the feature that queues it, e.g. {@code inventory}: its handler receives the results
     * @param command the command
     * @param devices enrolled devices
     * @return one {@code CommandUUID} per device, in the order given
     * @throws IllegalArgumentException when a device is unknown; then nothing is queued
     */
    List<String> enqueue(String origin, Command command, Collection<DeviceId> devices);
}
