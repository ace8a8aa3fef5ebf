package fr.chariot.api;

import java.util.List;
import java.util.Optional;

/** Every command queued for a device and what became of it, within the retention period. */
public interface CommandHistory {

    /** The device's commands, newest first, at most {@code limit}. */
    List<CommandRecord> history(DeviceId device, int limit);

    Optional<CommandRecord> find(String commandUuid);
}
