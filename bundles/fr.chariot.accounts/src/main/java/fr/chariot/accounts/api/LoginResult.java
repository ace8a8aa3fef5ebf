package fr.chariot.accounts.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a console login attempt gave ({@link Accounts#login}). */
public sealed interface LoginResult permits LoginResult.Success, LoginResult.Refused {

    /**
     * The password was right.
     *
     * @param principal          the user
     * @param mustChangePassword the password was set by someone else (or at first start): the console lets the user
     *                           do nothing before they choose their own
     * @param language           the language they chose ({@code fr} or {@code en})
     */
    record Success(Principal principal, boolean mustChangePassword, String language) implements LoginResult {
        public Success {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(language, "language");
        }
    }

    /**
     * The attempt was refused: unknown name, wrong password, or too many failures. The same answer whether the name
     * exists or not.
     *
     * @param retryAfter when repeated failures slowed or locked the name: no attempt is checked before this instant
     */
    record Refused(Optional<Instant> retryAfter) implements LoginResult {
        public Refused {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
