package fr.chariot.accounts.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Managing the accounts: what the console's « Comptes » screen does. Provided by {@code fr.chariot.accounts}.
 *
 * <p>The service checks the data, not who asks: callers let only department administrators manage accounts, and
 * record what they did in the {@link AuditLog}. Every refusal is an {@link IllegalArgumentException} with a message
 * for a person, in French, and changes nothing; an unknown name is a {@link java.util.NoSuchElementException}.
 */
public interface AccountAdmin {

    /** Every account, by name. */
    List<UserAccount> list();

    /** One account; names are compared without regard to case or surrounding spaces. */
    Optional<UserAccount> find(String username);

    /**
     * Creates an account whose password must be changed at its first login.
     *
     * @param username 2 to 64 characters: letters, digits, '.', '-', '_', '@'
     * @param sites    the colleges of a technician or read-only user (at least one); ignored for a department admin
     * @param password chosen by the administrator, checked by the password policy; cleared by the caller
     */
    UserAccount create(String username, Role role, Set<String> sites, char[] password);

    /** Changes an account's role and colleges; the last department administrator cannot lose that role. */
    UserAccount update(String username, Role role, Set<String> sites);

    /**
     * Sets a password chosen by someone else: it must be changed at the next login; the account is unlocked.
     */
    void resetPassword(String username, char[] password);

    /** Lifts a lock caused by failed logins. */
    void unlock(String username);

    /** Deletes an account and its API tokens; the last department administrator cannot be deleted. */
    void delete(String username);

    /**
     * The user's own choice of language.
     *
     * @param language {@code fr} or {@code en}
     */
    void changeLanguage(String username, String language);

    /**
     * The user changes their own password: the current one is checked, the new one must follow the policy (at least
     * 12 characters, not the name, not the current one). Clears the obligation to change it.
     */
    void changePassword(String username, char[] current, char[] chosen);
}
