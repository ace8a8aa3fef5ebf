package fr.chariot.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One command in a device's history.
 *
 * @param commandUuid   its {@code CommandUUID}
 * @param device        the device
 * @param userShortName the Shared iPad user channel it was for, if not the device channel
 * @param requestType   its {@code RequestType}
 * @param origin        the feature that queued it
 * @param status        where it stands
 * @param queuedAt      when it was queued
 * @param sentAt        when the device last fetched it
 * @param completedAt   when the device acknowledged or failed it
 * @param notNowCount   how many times the device answered NotNow
 * @param errorChain    the device's {@code ErrorChain} when it failed
 * @param response      the device's answer to an acknowledged command: every key but {@code UDID}, {@code Status},
 *                      {@code CommandUUID} and {@code ErrorChain} (plist values, as in {@link Command}); empty
 *                      otherwise
 */
public record CommandRecord(String commandUuid, DeviceId device, Optional<String> userShortName, String requestType,
        String origin, CommandStatus status, Instant queuedAt, Optional<Instant> sentAt, Optional<Instant> completedAt,
        int notNowCount, List<Map<String, Object>> errorChain, Map<String, Object> response) {

    public CommandRecord {
        Objects.requireNonNull(commandUuid, "commandUuid");
        errorChain = List.copyOf(errorChain);
        response = Map.copyOf(response);
    }
}
