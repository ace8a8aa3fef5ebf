package fr.chariot.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the protocol knows of a device: its college, what it said when it enrolled, and its enrollment state.
 *
 * @param udid          the device
 * @param rne           its college
 * @param serialNumber  from Authenticate
 * @param productName   e.g. {@code iPad13,18}
 * @param osVersion     from Authenticate (inventory keeps the fresher value)
 * @param deviceName    from Authenticate when the device sends it
 * @param enrolled      true between the first TokenUpdate and a CheckOut or re-enrollment
 * @param enrolledAt    when it last finished enrolling
 * @param lastSeenAt    its last authenticated request
 * @param pushable      whether it has a live push token
 */
public record DeviceRecord(DeviceId udid, String rne, Optional<String> serialNumber, Optional<String> productName,
        Optional<String> osVersion, Optional<String> deviceName, boolean enrolled, Optional<Instant> enrolledAt,
        Optional<Instant> lastSeenAt, boolean pushable) {

    public DeviceRecord {
        Objects.requireNonNull(udid, "udid");
        Objects.requireNonNull(rne, "rne");
    }
}
