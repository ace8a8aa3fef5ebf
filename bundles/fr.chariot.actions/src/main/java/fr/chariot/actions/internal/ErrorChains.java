package fr.chariot.actions.internal;

import java.util.List;
import java.util.Map;

/** A device's {@code ErrorChain} as one line for a technician. */
final class ErrorChains {

    private ErrorChains() {
    }

    /**
     * The top-level error (the chain's first entry, protocol.md §4) as {@link fr.chariot.api.ErrorChains} words it,
     * e.g. {@code Le profil est introuvable. (MCProfileErrorDomain 1001)}; a report line is never empty.
     */
    static String describe(List<Map<String, Object>> errorChain) {
        if (errorChain.isEmpty()) {
            return "Erreur sans détail";
        }
        Map<String, Object> top = errorChain.get(0);
        if (fr.chariot.api.ErrorChains.description(top).isPresent()) {
            return fr.chariot.api.ErrorChains.describe(top);
        }
        return fr.chariot.api.ErrorChains.origin(top).map(origin -> "Erreur " + origin).orElse("Erreur sans détail");
    }
}
