package fr.chariot.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A college (collège): the unit that owns devices, groups and console users.
 *
 * @param rne  the college's national identifier (RNE, now called UAI): seven digits and a letter, e.g. {@code 0310001A};
 *             stored upper-case
 * @param name the college's name as a person reads it, e.g. {@code Collège Jean Jaurès}
 */
public record Site(String rne, String name) {

    private static final Pattern RNE = Pattern.compile("[0-9]{7}[A-Z]");
    private static final int MAX_NAME_LENGTH = 200;

    /**
     * @throws IllegalArgumentException with a message a technician can act on when the RNE or the name is malformed
     */
    public Site {
        rne = normalizeRne(rne);
        Objects.requireNonNull(name, "name");
        name = name.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("The college's name is empty.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("The college's name is longer than " + MAX_NAME_LENGTH + " characters.");
        }
    }

    /**
     * Checks and normalises an RNE typed by a person (spaces trimmed, upper-cased).
     *
     * @throws IllegalArgumentException when it is not seven digits followed by a letter
     */
    public static String normalizeRne(String rne) {
        Objects.requireNonNull(rne, "rne");
        String normalized = rne.strip().toUpperCase(java.util.Locale.ROOT);
        if (!RNE.matcher(normalized).matches()) {
            throw new IllegalArgumentException(
                    "\"" + rne + "\" is not an RNE (UAI) code: seven digits followed by a letter, e.g. 0310001A.");
        }
        return normalized;
    }
}
