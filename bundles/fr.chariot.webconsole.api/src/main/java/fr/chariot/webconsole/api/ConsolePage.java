package fr.chariot.webconsole.api;

import java.util.Optional;

/**
 * A screen of the web console, registered as an OSGi service by the feature it belongs to.
 *
 * <p>The shell serves it at {@code /console/<path>} and {@code /console/<path>/<anything>}, only to a logged-in user
 * whose password needs no change. A POST reaches {@link #handle} only when it carried the session's CSRF token
 * (else the shell answers 403). The page checks what the user may do: {@link ConsoleUser#principal()} tells the
 * colleges they see ({@code canSee}; another college's object must answer {@link PageResult#notFound()}) and whether
 * they may change anything ({@code canAct}).
 */
public interface ConsolePage {

    /**
     * The first segment of the page's URL under {@code /console/}: lower-case letters, digits and hyphens, e.g.
     * {@code inventory}. Unique among pages; a second page with a taken path is ignored (and logged).
     */
    String path();

    /** Where the page appears in the menus; empty for pages reached only by links (a device's page, …). */
    Optional<MenuEntry> menu();

    /**
     * The base name of the page's message files, a resource path in the page's bundle without the language and
     * extension: {@code fr/chariot/inventory/internal/console/messages} reads {@code messages_fr.properties}
     * (the default) and {@code messages_en.properties}, UTF-8. The page's templates look their texts up there
     * ({@code {{ t('key') }}}), then in the shell's own texts.
     */
    String messages();

    /**
     * Answers a GET or a POST.
     *
     * @throws IllegalArgumentException for bad input: the shell answers 400 with the exception's message (a page
     *                                  that can show the error next to the form should rather return its
     *                                  {@link View} again with the message)
     */
    PageResult handle(PageRequest request);
}
