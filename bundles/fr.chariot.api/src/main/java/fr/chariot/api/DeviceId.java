package fr.chariot.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A device's identity in Chariot: the UDID the device reports in its check-in messages.
 *
 * <p>iPads report either 40 hexadecimal digits (older models) or the {@code 00008030-001A…} form, Macs a UUID;
 * all are kept exactly as the device sent them, because the device compares them byte for byte.
 *
 * @param udid the device's UDID
 */
public record DeviceId(String udid) {

    /** Letters, digits and hyphens only: anything else in a UDID is a forged or corrupt message. */
    private static final Pattern UDID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** @throws IllegalArgumentException when the text cannot be a UDID */
    public DeviceId {
        Objects.requireNonNull(udid, "udid");
        if (!UDID.matcher(udid).matches()) {
            throw new IllegalArgumentException("not a device UDID: at most 64 letters, digits or hyphens");
        }
    }

    @Override
    public String toString() {
        return udid;
    }
}
