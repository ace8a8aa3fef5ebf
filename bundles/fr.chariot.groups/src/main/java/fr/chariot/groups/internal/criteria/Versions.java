package fr.chariot.groups.internal.criteria;

/**
 * Compares versions as a person reads them, without allocating (it runs for every device and every version
 * criterion).
 *
 * <p>A version is a list of components separated by anything that is not a letter or a digit ({@code .}, {@code -},
 * space...). Each component is a leading number, compared numerically whatever its length, then a text, compared
 * ignoring case in natural order. A missing component counts as {@code 0}, so {@code 18.1} equals {@code 18.1.0};
 * an empty text comes after a non-empty one, so a release follows its pre-releases ({@code 17.0} &gt;
 * {@code 17.0b10} &gt; {@code 17.0b2}); a component without digits counts as number 0 followed by its text. The
 * order is total, so any two reported strings compare.
 */
final class Versions {

    private Versions() {
    }

    static int compare(CharSequence a, CharSequence b) {
        int i = 0;
        int j = 0;
        int la = a.length();
        int lb = b.length();
        while (true) {
            i = skipSeparators(a, i);
            j = skipSeparators(b, j);
            if (i >= la && j >= lb) {
                return 0;
            }
            int endNumberA = digitsEnd(a, i);
            int endNumberB = digitsEnd(b, j);
            int c = compareNumbers(a, i, endNumberA, b, j, endNumberB);
            if (c != 0) {
                return c;
            }
            int endTextA = componentEnd(a, endNumberA);
            int endTextB = componentEnd(b, endNumberB);
            c = compareTexts(a, endNumberA, endTextA, b, endNumberB, endTextB);
            if (c != 0) {
                return c;
            }
            i = endTextA;
            j = endTextB;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int skipSeparators(CharSequence s, int from) {
        int i = from;
        while (i < s.length() && !Character.isLetterOrDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int digitsEnd(CharSequence s, int from) {
        int i = from;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int componentEnd(CharSequence s, int from) {
        int i = from;
        while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Digit runs of any length, without overflow: leading zeros dropped, then the longer is larger. */
    private static int compareNumbers(CharSequence a, int startA, int endA, CharSequence b, int startB, int endB) {
        while (startA < endA && a.charAt(startA) == '0') {
            startA++;
        }
        while (startB < endB && b.charAt(startB) == '0') {
            startB++;
        }
        int lengths = Integer.compare(endA - startA, endB - startB);
        if (lengths != 0) {
            return lengths;
        }
        for (int k = 0; k < endA - startA; k++) {
            int c = Character.compare(a.charAt(startA + k), b.charAt(startB + k));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Texts in natural order, ignoring case: digit runs inside compare as numbers ({@code b2} &lt; {@code b10}). */
    private static int compareTexts(CharSequence a, int startA, int endA, CharSequence b, int startB, int endB) {
        boolean emptyA = startA == endA;
        boolean emptyB = startB == endB;
        if (emptyA || emptyB) {
            return Boolean.compare(emptyA, emptyB);
        }
        int i = startA;
        int j = startB;
        while (i < endA && j < endB) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int runA = Math.min(digitsEnd(a, i), endA);
                int runB = Math.min(digitsEnd(b, j), endB);
                int c = compareNumbers(a, i, runA, b, j, runB);
                if (c != 0) {
                    return c;
                }
                i = runA;
                j = runB;
            } else {
                int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
        }
        return Boolean.compare(i < endA, j < endB);
    }
}
