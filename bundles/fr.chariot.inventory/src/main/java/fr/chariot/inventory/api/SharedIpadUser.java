package fr.chariot.inventory.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A user resident on a Shared iPad (UserList); {@code DeleteUser} takes its {@link #userName()}.
 *
 * @param userName      {@code UserName}, the Managed Apple Account
 * @param loggedIn      {@code IsLoggedIn}
 * @param hasDataToSync {@code HasDataToSync}: deleting now would lose data
 * @param dataQuota     {@code DataQuota} in bytes, when the device has one
 * @param dataUsed      {@code DataUsed} in bytes
 */
public record SharedIpadUser(String userName, boolean loggedIn, boolean hasDataToSync, Optional<Long> dataQuota,
        Optional<Long> dataUsed) {

    public SharedIpadUser {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(dataQuota, "dataQuota");
        Objects.requireNonNull(dataUsed, "dataUsed");
    }
}
