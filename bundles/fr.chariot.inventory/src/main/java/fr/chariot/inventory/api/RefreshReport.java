package fr.chariot.inventory.api;

import java.util.Map;

import fr.chariot.api.DeviceId;

/**
 * What an inventory refresh did for each device asked: a group action's per-device report.
 *
 * @param queued  the devices whose refresh was queued, with the {@code CommandUUID} of their DeviceInformation
 * @param refused the devices not refreshed, with the reason for a person (unknown device, no longer enrolled)
 */
public record RefreshReport(Map<DeviceId, String> queued, Map<DeviceId, String> refused) {

    public RefreshReport {
        queued = Map.copyOf(queued);
        refused = Map.copyOf(refused);
    }
}
