package fr.chariot.inventory.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A configuration profile installed on a device (ProfileList).
 *
 * @param identifier        its {@code PayloadIdentifier}
 * @param payloadUuid       its {@code PayloadUUID}
 * @param displayName       its {@code PayloadDisplayName}
 * @param organization      its {@code PayloadOrganization}
 * @param managed           {@code IsManaged}: installed by MDM
 * @param encrypted         {@code IsEncrypted}
 * @param removalDisallowed {@code PayloadRemovalDisallowed}
 */
public record InstalledProfile(String identifier, Optional<String> payloadUuid, Optional<String> displayName,
        Optional<String> organization, boolean managed, boolean encrypted, boolean removalDisallowed) {

    public InstalledProfile {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(payloadUuid, "payloadUuid");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(organization, "organization");
    }
}
