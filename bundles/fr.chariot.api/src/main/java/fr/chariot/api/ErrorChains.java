package fr.chariot.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A device's {@code ErrorChain} (protocol.md §4) in words a technician can read or paste in a search, the same in
 * every feature's report and screen.
 */
public final class ErrorChains {

    private ErrorChains() {
    }

    /** What one error says: its {@code LocalizedDescription}, else its {@code USEnglishDescription}. */
    public static Optional<String> description(Map<String, Object> error) {
        return text(error.get("LocalizedDescription")).or(() -> text(error.get("USEnglishDescription")));
    }

    /** Where one error comes from: {@code ErrorDomain ErrorCode}, either alone when the other is missing. */
    public static Optional<String> origin(Map<String, Object> error) {
        String origin = (text(error.get("ErrorDomain")).orElse("") + " " + text(error.get("ErrorCode")).orElse(""))
                .strip();
        return origin.isEmpty() ? Optional.empty() : Optional.of(origin);
    }

    /** One error as « description (domain code) », or what of it is known; empty when nothing is. */
    public static String describe(Map<String, Object> error) {
        Optional<String> description = description(error);
        Optional<String> origin = origin(error);
        return description.map(text -> origin.map(o -> text + " (" + o + ")").orElse(text)).orElse(origin.orElse(""));
    }

    /** Every error of a chain, top-level first, joined with « ; »; empty for an empty chain. */
    public static String describeAll(List<Map<String, Object>> chain) {
        return chain.stream().map(ErrorChains::describe).filter(text -> !text.isEmpty())
                .collect(Collectors.joining(" ; "));
    }

    private static Optional<String> text(Object value) {
        String text = value == null ? "" : value.toString().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
