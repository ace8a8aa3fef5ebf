package fr.chariot.groups.internal.criteria;

/**
 * Case-insensitive matching of {@code *} (any run of characters, even none) and {@code ?} (one character) against a
 * whole text, without allocating. There is no escape character: device names practically never contain {@code *}.
 */
final class Wildcards {

    private final char[] pattern;

    /**
     * @param pattern as typed; without any wildcard it matches anywhere in the text ("contient"), as Jamf's "like"
     */
    Wildcards(String pattern) {
        String effective = pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 ? "*" + pattern + "*" : pattern;
        this.pattern = new char[effective.length()];
        for (int k = 0; k < this.pattern.length; k++) {
            this.pattern[k] = fold(effective.charAt(k));
        }
    }

    /** Greedy match that backtracks to the last {@code *} only: linear in practice, never exponential. */
    boolean matches(CharSequence text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resumeAt = 0;
        while (t < text.length()) {
            if (p < pattern.length && (pattern[p] == '?' || pattern[p] == fold(text.charAt(t)))) {
                p++;
                t++;
            } else if (p < pattern.length && pattern[p] == '*') {
                star = p++;
                resumeAt = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == '*') {
            p++;
        }
        return p == pattern.length;
    }

    /** The same folding as {@link String#equalsIgnoreCase}, one character at a time. */
    private static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
