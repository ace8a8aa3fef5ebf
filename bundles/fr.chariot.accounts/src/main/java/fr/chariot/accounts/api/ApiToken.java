package fr.chariot.accounts.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token for the REST API.
 *
 * @param token   the secret to send as {@code Authorization: Bearer <token>}; Chariot keeps only its SHA-256, so it
 *                cannot be shown again
 * @param expires when it stops being accepted
 */
public record ApiToken(String token, Instant expires) {

    public ApiToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expires, "expires");
    }

    /** Never print the secret, not even in a debug log. */
    @Override
    public String toString() {
        return "ApiToken[expires=" + expires + "]";
    }
}
