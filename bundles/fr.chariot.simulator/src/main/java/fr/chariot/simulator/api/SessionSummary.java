package fr.chariot.simulator.api;

import java.util.List;
import java.util.Optional;

/**
 * What happened during one connect session (from {@code Idle} to the server's empty reply).
 *
 * @param udid     the iPad
 * @param userShortName the Managed Apple Account of the user channel, empty for the device channel
 * @param commands the commands received, in order
 */
public record SessionSummary(String udid, Optional<String> userShortName, List<HandledCommand> commands) {
    public SessionSummary {
        commands = List.copyOf(commands);
    }

    /** @return the request types received, in order */
    public List<String> requestTypes() {
        return commands.stream().map(HandledCommand::requestType).toList();
    }
}
