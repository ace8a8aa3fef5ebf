package fr.chariot.inventory.api;

import java.util.Objects;
import java.util.Optional;

/**
 * An app on a device.
 *
 * @param bundleId     its bundle identifier
 * @param name         its name, as InstalledApplicationList gave it
 * @param version      its {@code ShortVersion} (the version people read), else its {@code Version}
 * @param installed    listed by InstalledApplicationList
 * @param managed      listed by ManagedApplicationList: installed or being installed by Chariot; the rest is
 *                     "other" (installed with a personal Apple Account)
 * @param status       its ManagedApplicationList {@code Status}, e.g. {@code Managed}, {@code Installing}
 */
public record InstalledApp(String bundleId, Optional<String> name, Optional<String> version, boolean installed,
        boolean managed, Optional<String> status) {

    public InstalledApp {
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
    }
}
