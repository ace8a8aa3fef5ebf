package fr.chariot.accounts.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A console and API user as an administrator sees it (never the password hash).
 *
 * @param username           the account's name (lower-case)
 * @param role               what the user may do
 * @param sites              the colleges (RNEs) linked to the account
 * @param mustChangePassword the next login must choose a new password
 * @param lockedUntil        present while repeated failures lock the account
 * @param language           {@code fr} or {@code en}
 * @param createdAt          when the account was created
 */
public record UserAccount(String username, Role role, Set<String> sites, boolean mustChangePassword,
                          Optional<Instant> lockedUntil, String language, Instant createdAt) {

    public UserAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        sites = Set.copyOf(sites);
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public Principal principal() {
        return new Principal(username, role, sites);
    }
}
