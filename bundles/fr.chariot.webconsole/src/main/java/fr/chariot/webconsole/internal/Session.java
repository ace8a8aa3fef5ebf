package fr.chariot.webconsole.internal;

import java.time.Instant;
import java.util.Optional;

import fr.chariot.accounts.api.Principal;

/**
 * A browser's visit, anonymous until its login. Created and looked up by {@link SessionStore}; the id and the CSRF
 * token never change (a login makes a new session, so that a token seen before the login is worth nothing after).
 * Fields a request changes are volatile: two tabs of one browser may be served at once.
 */
final class Session {

    private final String id;
    private final String csrfToken;
    private final Instant created;
    private volatile Instant lastSeen;
    private volatile Optional<Principal> principal = Optional.empty();
    private volatile Optional<String> language = Optional.empty();
    private volatile boolean mustChangePassword;
    private volatile Optional<String> flash = Optional.empty();

    Session(String id, String csrfToken, Instant created) {
        this.id = id;
        this.csrfToken = csrfToken;
        this.created = created;
        this.lastSeen = created;
    }

    String id() {
        return id;
    }

    String csrfToken() {
        return csrfToken;
    }

    Instant created() {
        return created;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void touch(Instant now) {
        lastSeen = now;
    }

    Optional<Principal> principal() {
        return principal;
    }

    boolean loggedIn() {
        return principal.isPresent();
    }

    void logIn(Principal who, String chosenLanguage, boolean passwordToChange) {
        principal = Optional.of(who);
        language = Optional.of(chosenLanguage);
        mustChangePassword = passwordToChange;
    }

    /** {@code fr} or {@code en} once chosen (at login or with the language switch); empty before. */
    Optional<String> language() {
        return language;
    }

    void language(String chosen) {
        language = Optional.of(chosen);
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }

    void passwordChanged() {
        mustChangePassword = false;
    }

    void flash(String message) {
        flash = Optional.of(message);
    }

    /** The message left for the next page, which shows it once. */
    synchronized Optional<String> takeFlash() {
        Optional<String> message = flash;
        flash = Optional.empty();
        return message;
    }
}
