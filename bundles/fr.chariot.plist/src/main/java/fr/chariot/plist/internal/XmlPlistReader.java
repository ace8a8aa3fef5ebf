package fr.chariot.plist.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;

import fr.chariot.plist.api.PlistException;

/**
 * Reads an XML property list into Java values in the single pass of {@link HardenedXml}, checking the plist grammar
 * as it goes: unknown elements, duplicate keys, keys without values, text where none belongs, integers that are
 * not integers, and {@code <real>1</real>} (Apple's whole reals) read as a real, not an integer.
 */
public final class XmlPlistReader {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern REAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Set<String> LEAVES = Set.of("key", "string", "integer", "real", "true", "false", "data",
            "date");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]*");

    private XmlPlistReader() {
    }

    /** @return the root value: Map, List, String, Long, Double, Boolean, byte[] or Instant; containers unmodifiable */
    public static Object parse(byte[] data) throws PlistException {
        Builder builder = new Builder();
        HardenedXml.read(data, builder);
        return builder.root();
    }

    /** One open element: a container being filled, or a leaf collecting its text. */
    private static final class Frame {
        final String element;
        final String path;
        final StringBuilder text = new StringBuilder();
        final Map<String, Object> dict;
        final List<Object> array;
        String pendingKey;
        Object plistValue;
        int values;

        Frame(String element, String path) {
            this.element = element;
            this.path = path;
            this.dict = "dict".equals(element) ? new LinkedHashMap<>() : null;
            this.array = "array".equals(element) ? new ArrayList<>() : null;
        }

        boolean leaf() {
            return LEAVES.contains(element);
        }
    }

    private static final class Builder extends HardenedXml.DeclarationRefuser {

        private final List<Frame> stack = new ArrayList<>();
        private boolean rootSeen;
        private Object root;

        Object root() throws PlistException {
            if (root == null) {
                throw new PlistException("<plist> must hold exactly one value, it holds 0");
            }
            return root;
        }

        @Override
        public void startElement(String uri, String localName, String name, Attributes attributes)
                throws SAXException {
            super.startElement(uri, localName, name, attributes);
            if (!rootSeen) {
                rootSeen = true;
                if (!"plist".equals(name)) {
                    throw fail("the XML root element is <" + name + ">, not <plist>");
                }
                stack.add(new Frame(name, ""));
                return;
            }
            Frame parent = top();
            if (parent.leaf()) {
                throw fail("<" + parent.element + "> may hold only text, at " + describe(parent.path));
            }
            String path = parent.path;
            if (parent.dict != null) {
                if (parent.pendingKey == null && !"key".equals(name)) {
                    throw fail("a <dict> has <" + name + "> where a <key> belongs, at " + describe(parent.path));
                }
                if (parent.pendingKey != null) {
                    path = parent.path.isEmpty() ? parent.pendingKey : parent.path + "." + parent.pendingKey;
                }
            } else if (parent.array != null) {
                path = parent.path + "[" + parent.array.size() + "]";
            } else if (parent.values > 0) {
                throw fail("<plist> must hold exactly one value, it holds more");
            }
            if (!LEAVES.contains(name) && !"dict".equals(name) && !"array".equals(name)) {
                throw fail("<" + name + "> is not a plist element, at " + describe(path));
            }
            stack.add(new Frame(name, path));
        }

        @Override
        public void characters(char[] chars, int start, int length) throws SAXException {
            Frame frame = top();
            if (frame.leaf()) {
                frame.text.append(chars, start, length);
            } else if (!new String(chars, start, length).isBlank()) {
                throw fail("text outside a value inside <" + frame.element + ">, at " + describe(frame.path));
            }
        }

        @Override
        public void endElement(String uri, String localName, String name) throws SAXException {
            super.endElement(uri, localName, name);
            Frame frame = stack.remove(stack.size() - 1);
            if (stack.isEmpty()) {
                root = frame.plistValue;
                return;
            }
            Frame parent = top();
            if ("key".equals(name)) {
                String key = frame.text.toString();
                if (parent.dict.containsKey(key)) {
                    throw fail("duplicate key, at key path " + (parent.path.isEmpty() ? key : parent.path + "." + key));
                }
                parent.pendingKey = key;
                return;
            }
            Object value = value(frame);
            if (parent.dict != null) {
                parent.dict.put(parent.pendingKey, value);
                parent.pendingKey = null;
            } else if (parent.array != null) {
                parent.array.add(value);
            } else {
                parent.plistValue = value;
                parent.values++;
            }
        }

        private Object value(Frame frame) throws SAXException {
            String where = describe(frame.path);
            String text = frame.text.toString();
            switch (frame.element) {
                case "dict":
                    if (frame.pendingKey != null) {
                        throw fail("a <dict> has a key without value, at " + where);
                    }
                    return Collections.unmodifiableMap(frame.dict);
                case "array":
                    return Collections.unmodifiableList(frame.array);
                case "string":
                    return text;
                case "true":
                case "false":
                    if (!text.isEmpty()) {
                        throw fail("<" + frame.element + "/> must be empty, at " + where);
                    }
                    return "true".equals(frame.element);
                case "integer":
                    String integer = text.strip();
                    if (!INTEGER.matcher(integer).matches()) {
                        throw fail("<integer> holds no integer, at " + where);
                    }
                    try {
                        return Long.parseLong(integer);
                    } catch (NumberFormatException e) {
                        throw fail("<integer> does not fit in 64 bits, at " + where);
                    }
                case "real":
                    return real(text.strip(), where);
                case "data":
                    if (!BASE64.matcher(text).matches()) {
                        throw fail("<data> holds characters outside base64, at " + where);
                    }
                    try {
                        return Base64.getMimeDecoder().decode(text);
                    } catch (IllegalArgumentException e) {
                        throw fail("<data> is not valid base64, at " + where);
                    }
                case "date":
                    String date = text.strip();
                    if (!DATE.matcher(date).matches()) {
                        throw fail("<date> is not yyyy-MM-ddTHH:mm:ssZ, at " + where);
                    }
                    try {
                        return Instant.parse(date);
                    } catch (DateTimeParseException e) {
                        throw fail("<date> is not a valid date, at " + where);
                    }
                default:
                    throw fail("<" + frame.element + "> is not a plist value, at " + where);
            }
        }

        private Double real(String text, String where) throws SAXException {
            switch (text.toLowerCase(java.util.Locale.ROOT)) {
                case "nan":
                    return Double.NaN;
                case "+infinity":
                case "infinity":
                    return Double.POSITIVE_INFINITY;
                case "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    if (!REAL.matcher(text).matches()) {
                        throw fail("<real> holds no number, at " + where);
                    }
                    return Double.parseDouble(text);
            }
        }

        private Frame top() {
            return stack.get(stack.size() - 1);
        }

        private static SAXException fail(String message) {
            return new HardenedXml.PlistSaxException(new PlistException(message));
        }

        private static String describe(String path) {
            return path.isEmpty() ? "the root" : "key path " + path;
        }
    }
}
