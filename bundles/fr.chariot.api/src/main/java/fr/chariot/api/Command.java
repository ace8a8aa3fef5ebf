package fr.chariot.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An MDM command to send to a device: its {@code RequestType} and the request keys of Apple's schema
 * ({@code mdm/commands/*.yaml}, {@code payloadkeys}).
 *
 * <p>Key values are plist values: {@code String}, {@code Boolean}, {@code Integer}/{@code Long} (integer),
 * {@code Double} (real), {@code byte[]} (data), {@code java.time.Instant} (date), {@code List} (array) and
 * {@code Map<String, ?>} (dict) of those. {@code Commands} builds the commands Chariot uses.
 *
 * @param requestType the command's {@code RequestType}, e.g. {@code DeviceInformation}
 * @param keys        the other keys of the {@code Command} dictionary, in order; never {@code RequestType}
 */
public record Command(String requestType, Map<String, Object> keys) {

    public Command {
        Objects.requireNonNull(requestType, "requestType");
        if (requestType.isBlank()) {
            throw new IllegalArgumentException("a command needs a RequestType");
        }
        Objects.requireNonNull(keys, "keys");
        if (keys.containsKey("RequestType")) {
            throw new IllegalArgumentException("RequestType is given apart from the other keys");
        }
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    /** A command without request keys, such as {@code RestartDevice}. */
    public static Command of(String requestType) {
        return new Command(requestType, Map.of());
    }
}
