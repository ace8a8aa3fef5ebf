package fr.chariot.webconsole.internal.render;

import java.util.Objects;

import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.Texts;

/**
 * What the console's template functions need besides the model: who reads, in which language, the texts of the
 * contributor then of the shell, and the session's CSRF token.
 *
 * @param user        the reader; {@code null} only on the pages shown before login
 * @param language    {@code fr} or {@code en}
 * @param ownTexts    the contributor's message files
 * @param shellTexts  the shell's, for the words every page shares
 * @param csrfToken   the session's token, put in every form by {@code csrf()}
 */
public record RenderContext(ConsoleUser user, String language, Texts ownTexts, Texts shellTexts, String csrfToken) {

    /** The name under which templates must not define a variable of their own. */
    static final String VARIABLE = "__console";

    public RenderContext {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(ownTexts, "ownTexts");
        Objects.requireNonNull(shellTexts, "shellTexts");
        Objects.requireNonNull(csrfToken, "csrfToken");
    }
}
