package fr.chariot.webconsole.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A request to a {@link ConsolePage}, as the shell hands it over. */
public interface PageRequest {

    /** The logged-in user. */
    ConsoleUser user();

    /** {@code GET} or {@code POST} (other methods never reach a page). */
    String method();

    default boolean isPost() {
        return "POST".equals(method());
    }

    /**
     * What follows the page's path, without the leading slash, decoded: for {@code /console/devices/ABC/history}
     * on the page {@code devices}, {@code ABC/history}; empty for the page itself.
     */
    String subPath();

    /** A query or form parameter's first value, trimmed; empty when absent or blank. */
    Optional<String> parameter(String name);

    /** Every value of a repeated parameter (checkboxes, …), in order, blanks dropped. */
    List<String> parameters(String name);

    /** Every parameter, as sent (the CSRF token excluded). */
    Map<String, List<String>> parameterMap();

    /**
     * A text of the page's message files in the user's language, {@link java.text.MessageFormat} applied to the
     * arguments; the key itself when no file has it (so a missing text shows, not breaks the page).
     */
    String text(String key, Object... arguments);
}
