package fr.chariot.plist.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;

import fr.chariot.plist.api.PlistException;

/** Converts between dd-plist's objects and the plain Java values of {@code fr.chariot.plist.api.Plist}. */
public final class PlistValues {

    /** XML dates are written as {@code yyyy-MM-dd'T'HH:mm:ss'Z'}: only four-digit years fit. */
    private static final Instant EARLIEST_DATE = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST_DATE = Instant.parse("9999-12-31T23:59:59Z");

    private PlistValues() {
    }

    /** The Java value of a parsed plist object; containers are unmodifiable. */
    public static Object toJava(NSObject object) throws PlistException {
        return toJava(object, "");
    }

    private static Object toJava(NSObject object, String path) throws PlistException {
        if (object instanceof NSDictionary dictionary) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, NSObject> entry : dictionary.entrySet()) {
                map.put(entry.getKey(), toJava(entry.getValue(), keyPath(path, entry.getKey())));
            }
            return Collections.unmodifiableMap(map);
        }
        if (object instanceof NSArray array) {
            NSObject[] items = array.getArray();
            List<Object> list = new ArrayList<>(items.length);
            for (int i = 0; i < items.length; i++) {
                list.add(toJava(items[i], path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(list);
        }
        if (object instanceof NSString string) {
            return string.getContent();
        }
        if (object instanceof NSNumber number) {
            if (number.isBoolean()) {
                return number.boolValue();
            }
            return number.isInteger() ? (Object) number.longValue() : (Object) number.doubleValue();
        }
        if (object instanceof NSData data) {
            return data.bytes();
        }
        if (object instanceof NSDate date) {
            return date.getDate().toInstant();
        }
        String found = object == null ? "nothing" : object.getClass().getSimpleName();
        throw new PlistException("unsupported plist value (" + found + ") at " + describe(path));
    }

    /**
     * The dd-plist object for a Java plist value.
     *
     * @throws IllegalArgumentException naming the key path of a value that is not a plist value
     */
    public static NSObject toPlist(Object value) {
        return toPlist(value, "");
    }

    private static NSObject toPlist(Object value, String path) {
        if (value == null) {
            throw new IllegalArgumentException("null is not a plist value, at " + describe(path));
        }
        if (value instanceof String string) {
            requireXmlText(string, path);
            return new NSString(string);
        }
        if (value instanceof Boolean bool) {
            return new NSNumber(bool);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new NSNumber(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            if (big.bitLength() > 63) {
                throw new IllegalArgumentException("integer " + big + " does not fit in 64 bits, at " + describe(path));
            }
            return new NSNumber(big.longValue());
        }
        if (value instanceof Double real) {
            return new NSNumber(real.doubleValue());
        }
        if (value instanceof Float real) {
            // Through the decimal text, so that 0.1f is written 0.1 rather than 0.10000000149011612.
            return new NSNumber(Double.parseDouble(real.toString()));
        }
        if (value instanceof byte[] bytes) {
            return new NSData(bytes.clone());
        }
        if (value instanceof Instant instant) {
            if (instant.isBefore(EARLIEST_DATE) || instant.isAfter(LATEST_DATE)) {
                throw new IllegalArgumentException("date " + instant + " is outside years 1-9999, at " + describe(path));
            }
            return new NSDate(Date.from(instant.truncatedTo(ChronoUnit.SECONDS)));
        }
        if (value instanceof Map<?, ?> map) {
            NSDictionary dictionary = new NSDictionary();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("dictionary keys must be strings, found "
                            + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName())
                            + " at " + describe(path));
                }
                String childPath = keyPath(path, key);
                requireXmlText(key, childPath);
                dictionary.put(key, toPlist(entry.getValue(), childPath));
            }
            return dictionary;
        }
        if (value instanceof List<?> list) {
            NSArray array = new NSArray(list.size());
            int i = 0;
            for (Object item : list) {
                array.setValue(i, toPlist(item, path + "[" + i + "]"));
                i++;
            }
            return array;
        }
        throw new IllegalArgumentException(value.getClass().getName() + " is not a plist value, at " + describe(path));
    }

    /** The plist name of a converted value's type, for messages. */
    public static String plistTypeName(Object value) {
        if (value instanceof Map) {
            return "a dictionary";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Long) {
            return "an integer";
        }
        if (value instanceof Double) {
            return "a real";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof byte[]) {
            return "data";
        }
        return "a date";
    }

    /**
     * dd-plist silently drops characters XML 1.0 cannot carry (and breaks on lone surrogates); refusing them keeps
     * what is sent equal to what was asked.
     */
    private static void requireXmlText(String text, String path) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!allowed) {
                throw new IllegalArgumentException(String.format(
                        "character U+%04X cannot be written in an XML plist, at %s", (int) c, describe(path)));
            }
        }
    }

    private static String keyPath(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    private static String describe(String path) {
        return path.isEmpty() ? "the root" : "key path " + path;
    }
}
