package fr.chariot.webconsole.api;

import fr.chariot.accounts.api.Principal;
import java.util.Locale;
import java.util.Objects;

/**
 * The person a console request comes from.
 *
 * @param principal who they are, their role and colleges
 * @param locale    the language they read: {@link Locale#FRENCH} (the default) or {@link Locale#ENGLISH}
 * @param from      the address the request came from, for the audit log
 */
public record ConsoleUser(Principal principal, Locale locale, String from) {

    public ConsoleUser {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(from, "from");
    }

    public String username() {
        return principal.username();
    }
}
