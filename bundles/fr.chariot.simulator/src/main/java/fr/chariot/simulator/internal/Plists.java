package fr.chariot.simulator.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import com.dd.plist.PropertyListParser;

import fr.chariot.simulator.api.SimulatorException;

/** Reading and writing plists with dd-plist; Java values map to plist types (Long = integer, Double = real). */
public final class Plists {

    private Plists() {
    }

    public static byte[] xml(NSDictionary dictionary) {
        return dictionary.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws SimulatorException when the bytes are not a plist whose root is a dictionary */
    public static NSDictionary parseDictionary(byte[] bytes, String what) {
        NSObject parsed;
        try {
            parsed = PropertyListParser.parse(bytes);
        } catch (Exception e) {
            throw new SimulatorException(what + " is not a readable plist: " + e.getMessage(), e);
        }
        if (parsed instanceof NSDictionary dictionary) {
            return dictionary;
        }
        throw new SimulatorException(what + " is a plist whose root is not a dictionary");
    }

    /**
     * Converts a Java value to its plist form: String, Boolean, Long/Integer (integer), Double (real), byte[]
     * (data), Date, Map (dictionary, null values left out), List (array); plist objects pass unchanged.
     */
    public static NSObject toPlist(Object value) {
        if (value instanceof NSObject object) {
            return object;
        } else if (value instanceof String string) {
            return new NSString(string);
        } else if (value instanceof Boolean bool) {
            return new NSNumber(bool);
        } else if (value instanceof Long || value instanceof Integer) {
            return new NSNumber(((Number) value).longValue());
        } else if (value instanceof Double real) {
            return new NSNumber(real);
        } else if (value instanceof byte[] bytes) {
            return new NSData(bytes);
        } else if (value instanceof Date date) {
            return new NSDate(date);
        } else if (value instanceof Map<?, ?> map) {
            NSDictionary dictionary = new NSDictionary();
            map.forEach((key, inner) -> {
                if (inner != null) {
                    dictionary.put(String.valueOf(key), toPlist(inner));
                }
            });
            return dictionary;
        } else if (value instanceof List<?> list) {
            NSArray array = new NSArray(list.size());
            for (int i = 0; i < list.size(); i++) {
                array.setValue(i, toPlist(list.get(i)));
            }
            return array;
        }
        throw new IllegalArgumentException("no plist form for " + (value == null ? "null" : value.getClass()));
    }

    public static String string(NSDictionary dictionary, String key) {
        return dictionary.get(key) instanceof NSString string ? string.getContent() : null;
    }

    public static NSDictionary dictionary(NSDictionary dictionary, String key) {
        return dictionary.get(key) instanceof NSDictionary inner ? inner : null;
    }

    public static NSArray array(NSDictionary dictionary, String key) {
        return dictionary.get(key) instanceof NSArray array ? array : null;
    }

    public static byte[] data(NSDictionary dictionary, String key) {
        return dictionary.get(key) instanceof NSData data ? data.bytes() : null;
    }

    public static Boolean bool(NSDictionary dictionary, String key) {
        return dictionary.get(key) instanceof NSNumber number && number.isBoolean() ? number.boolValue() : null;
    }

    public static Long integer(NSDictionary dictionary, String key) {
        return dictionary.get(key) instanceof NSNumber number && number.type() == NSNumber.INTEGER
            ? number.longValue() : null;
    }

    /** @return the strings of an array of strings, skipping anything else; empty when absent */
    public static List<String> strings(NSDictionary dictionary, String key) {
        List<String> strings = new ArrayList<>();
        NSArray array = array(dictionary, key);
        if (array != null) {
            for (NSObject item : array.getArray()) {
                if (item instanceof NSString string) {
                    strings.add(string.getContent());
                }
            }
        }
        return strings;
    }

    /** @return the dictionaries of an array, skipping anything else; empty when absent */
    public static List<NSDictionary> dictionaries(NSDictionary dictionary, String key) {
        List<NSDictionary> dictionaries = new ArrayList<>();
        NSArray array = array(dictionary, key);
        if (array != null) {
            for (NSObject item : array.getArray()) {
                if (item instanceof NSDictionary inner) {
                    dictionaries.add(inner);
                }
            }
        }
        return dictionaries;
    }
}
