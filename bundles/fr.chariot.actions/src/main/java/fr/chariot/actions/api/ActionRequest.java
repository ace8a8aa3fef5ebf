package fr.chariot.actions.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import fr.chariot.api.DeviceId;

/**
 * A group action asked by a person or a script.
 *
 * @param type          what to do
 * @param devices       the devices, each at most once (repeats are dropped), at least one
 * @param installAction for {@link ActionType#UPDATE_OS}: Apple's {@code InstallAction} ({@code Default},
 *                      {@code DownloadOnly}, {@code InstallASAP}, {@code NotifyOnly}, {@code InstallLater},
 *                      {@code InstallForceRestart}); {@code Default} when empty. Must be empty for other actions
 * @param requestedBy   the console user or integrator account that asked, kept in the report
 */
public record ActionRequest(ActionType type, List<DeviceId> devices, Optional<String> installAction,
        String requestedBy) {

    public ActionRequest {
        Objects.requireNonNull(type, "type");
        devices = List.copyOf(devices.stream().distinct().toList());
        Objects.requireNonNull(installAction, "installAction");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
