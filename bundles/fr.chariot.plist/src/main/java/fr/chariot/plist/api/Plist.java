package fr.chariot.plist.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import fr.chariot.plist.internal.BinaryPlistGuard;
import fr.chariot.plist.internal.PlistValues;
import fr.chariot.plist.internal.XmlPlistReader;

/**
 * Reads and writes property lists. Reading is meant for untrusted bodies (check-in and connect requests from
 * devices): the size is checked first, an XML body may carry the usual Apple {@code DOCTYPE} but no internal DTD
 * subset, entity declaration or entity reference beyond the five predefined ones, and no file or URL is ever read.
 *
 * <p>Type mapping, both ways: dict = {@code Map<String, Object>} (a {@code LinkedHashMap}, order kept), array =
 * {@code List<Object>}, string = {@code String}, integer = {@code Long}, real = {@code Double}, true/false =
 * {@code Boolean}, data = {@code byte[]}, date = {@link java.time.Instant}. Parsed maps and lists are
 * unmodifiable. XML dates have a precision of one second: writing truncates the fraction.
 */
public final class Plist {

    /** Default largest body accepted: 1 MiB. */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;

    private static final byte[] BINARY_MAGIC = "bplist".getBytes(StandardCharsets.US_ASCII);

    private Plist() {
    }

    /** Parses an XML (or binary "bplist00") property list whose root is a dictionary. */
    public static Map<String, Object> parseDictionary(byte[] data) throws PlistException {
        return parseDictionary(data, DEFAULT_MAX_BYTES);
    }

    /**
     * Parses an XML (or binary "bplist00") property list whose root is a dictionary.
     *
     * @param maxBytes the largest body accepted; a larger one is refused before any parsing
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseDictionary(byte[] data, int maxBytes) throws PlistException {
        Object root = parse(data, maxBytes);
        if (!(root instanceof Map)) {
            throw new PlistException("the property list's root is " + PlistValues.plistTypeName(root)
                    + ", a dictionary was expected");
        }
        return (Map<String, Object>) root;
    }

    /**
     * Parses an XML (or binary "bplist00") property list with any root (array, dict...).
     *
     * @param maxBytes the largest body accepted; a larger one is refused before any parsing
     */
    public static Object parse(byte[] data, int maxBytes) throws PlistException {
        Objects.requireNonNull(data, "data");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (data.length > maxBytes) {
            throw new PlistException("the property list is " + data.length + " bytes, more than the " + maxBytes
                    + " accepted");
        }
        if (data.length == 0) {
            throw new PlistException("the property list is empty");
        }
        if (startsWith(data, BINARY_MAGIC)) {
            return PlistValues.toJava(BinaryPlistGuard.parse(data));
        }
        return XmlPlistReader.parse(data);
    }

    /** XML plist, UTF-8, with the standard Apple DOCTYPE, of a dictionary of plist values. */
    public static byte[] toXml(Map<String, ?> dictionary) {
        return toXml((Object) dictionary);
    }

    /**
     * XML plist, UTF-8, with the standard Apple DOCTYPE, of any plist value.
     *
     * @throws IllegalArgumentException naming the key path of a {@code null}, a value of an unsupported type, a
     *                                  string with characters XML cannot carry or an integer beyond 64 bits
     */
    public static byte[] toXml(Object root) {
        return PlistValues.toPlist(root).toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
