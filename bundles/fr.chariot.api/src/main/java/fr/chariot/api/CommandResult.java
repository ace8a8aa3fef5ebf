package fr.chariot.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A device's answer to a command, handed to the {@link CommandResultHandler} of the feature that queued it.
 *
 * @param commandUuid the {@code CommandUUID} Chariot gave the command
 * @param device      the device that answered
 * @param userShortName the Shared iPad user when the command ran on a user channel
 * @param requestType the command's {@code RequestType}
 * @param origin      the feature that queued it
 * @param status      {@link CommandStatus#ACKNOWLEDGED}, {@link CommandStatus#ERROR} or {@link CommandStatus#NOT_NOW}
 * @param response    every key of the device's answer but {@code UDID}, {@code Status} and {@code CommandUUID}
 *                    (plist values, as in {@link Command})
 * @param errorChain  the {@code ErrorChain} of an error, first the top-level error; empty otherwise
 * @param receivedAt  when the answer arrived
 */
public record CommandResult(String commandUuid, DeviceId device, Optional<String> userShortName, String requestType,
        String origin, CommandStatus status, Map<String, Object> response, List<Map<String, Object>> errorChain,
        Instant receivedAt) {

    public CommandResult {
        Objects.requireNonNull(commandUuid, "commandUuid");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(userShortName, "userShortName");
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(status, "status");
        response = Map.copyOf(response);
        errorChain = List.copyOf(errorChain);
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
