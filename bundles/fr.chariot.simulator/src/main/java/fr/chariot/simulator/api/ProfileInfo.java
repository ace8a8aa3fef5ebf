package fr.chariot.simulator.api;

import java.util.List;

/**
 * A configuration profile installed on a simulated iPad (or in a Shared iPad user's space).
 *
 * @param identifier   {@code PayloadIdentifier}
 * @param uuid         {@code PayloadUUID}
 * @param displayName  {@code PayloadDisplayName}, empty when absent
 * @param payloadTypes the {@code PayloadType} of each inner payload
 * @param signed       whether it arrived CMS-signed
 * @param managed      whether it was installed by MDM (InstallProfile), not by enrollment
 */
public record ProfileInfo(String identifier, String uuid, String displayName, List<String> payloadTypes,
                          boolean signed, boolean managed) {
    public ProfileInfo {
        payloadTypes = List.copyOf(payloadTypes);
    }
}
