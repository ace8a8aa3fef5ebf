package fr.chariot.simulator.api;

import java.util.Objects;

/**
 * One command a simulated iPad received during a connect session and the status it answered.
 *
 * @param commandUuid the server's {@code CommandUUID}
 * @param requestType the command's {@code RequestType}
 * @param status what the iPad answered: {@code Acknowledged}, {@code Error}, {@code NotNow} or
 *               {@code CommandFormatError}
 */
public record HandledCommand(String commandUuid, String requestType, String status) {
    public HandledCommand {
        Objects.requireNonNull(commandUuid, "commandUuid");
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(status, "status");
    }
}
