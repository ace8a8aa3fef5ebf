package fr.chariot.actions.internal;

import java.util.List;
import java.util.Map;

/** A device's {@code ErrorChain} as one line for a technician. */
final class ErrorChains {

    private ErrorChains() {
    }

    /**
     * The top-level error (the chain's first entry, protocol.md §4): its localized description, else its US English
     * one, followed by its domain and code, e.g. {@code Le profil est introuvable. (MCProfileErrorDomain 1001)}.
     */
    static String describe(List<Map<String, Object>> errorChain) {
        if (errorChain.isEmpty()) {
            return "Erreur sans détail";
        }
        Map<String, Object> top = errorChain.get(0);
        String description = text(top.get("LocalizedDescription"));
        if (description == null) {
            description = text(top.get("USEnglishDescription"));
        }
        String domain = text(top.get("ErrorDomain"));
        Object code = top.get("ErrorCode");
        String origin = domain == null ? (code == null ? null : String.valueOf(code))
                : (code == null ? domain : domain + " " + code);
        if (description == null) {
            return origin == null ? "Erreur sans détail" : "Erreur " + origin;
        }
        return origin == null ? description : description + " (" + origin + ")";
    }

    private static String text(Object value) {
        return value instanceof String text && !text.isBlank() ? text.strip() : null;
    }
}
