package fr.chariot.accounts.api;

import java.util.Optional;

/** Authenticates console and API users. Provided by {@code fr.chariot.accounts}. */
public interface Accounts {

    /**
     * Checks a user's password. After five failures in a row the account is locked for fifteen minutes, during
     * which even the right password is refused; a success resets the count.
     *
     * @param password cleared by the caller once this returns
     * @return the user, or empty when the name is unknown, the password wrong or the account locked (the caller
     *         cannot tell which, on purpose)
     */
    Optional<Principal> checkPassword(String username, char[] password);

    /**
     * A console login: the password is checked, and repeated failures first slow the name down (after the third
     * failure in a row, no attempt is checked for a delay that doubles each time), then lock it (after the fifth,
     * fifteen minutes). Unknown names are slowed the same way, so the answer tells nothing about who exists.
     *
     * @param password cleared by the caller once this returns
     */
    LoginResult login(String username, char[] password);

    /** Issues a new bearer token for the user, valid for the configured lifetime. */
    ApiToken issueToken(Principal principal);

    /** The user a bearer token belongs to; empty when it is unknown or expired. */
    Optional<Principal> principalForToken(String token);
}
