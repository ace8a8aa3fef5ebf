package fr.chariot.apns.api;

import java.util.Objects;

/**
 * One channel to wake: a device's, or a Shared iPad user's.
 *
 * @param token     the {@code Token} of the channel's last TokenUpdate, lower-case hex
 * @param pushMagic the {@code PushMagic} of the same TokenUpdate
 */
public record PushTarget(String token, String pushMagic) {

    public PushTarget {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(pushMagic, "pushMagic");
    }
}
