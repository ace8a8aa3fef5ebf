package fr.chariot.inventory.internal.console.device;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A failed command's ErrorChain as one line a technician can read or paste in a search. */
final class ErrorChains {

    private ErrorChains() {
    }

    /**
     * « description (domain code) » for each error of the chain, the device's own words first (its
     * {@code LocalizedDescription}, else {@code USEnglishDescription}); empty for an empty chain.
     */
    static String describe(List<Map<String, Object>> chain) {
        return chain.stream().map(ErrorChains::describe).filter(text -> !text.isEmpty())
                .collect(Collectors.joining(" ; "));
    }

    private static String describe(Map<String, Object> error) {
        String description = text(error.get("LocalizedDescription"));
        if (description.isEmpty()) {
            description = text(error.get("USEnglishDescription"));
        }
        String code = (text(error.get("ErrorDomain")) + " " + text(error.get("ErrorCode"))).strip();
        if (code.isEmpty()) {
            return description;
        }
        return description.isEmpty() ? code : description + " (" + code + ")";
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().strip();
    }
}
