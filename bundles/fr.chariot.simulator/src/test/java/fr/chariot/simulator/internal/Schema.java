package fr.chariot.simulator.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.Yaml;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;

/** Apple's YAML schema ({@code ../shared/apple-device-management}) and a checker of plists against its key lists. */
final class Schema {

    /**
     * Keys the schema marks required that real iPads leave out: a managed app without a redemption code has no
     * UnusedRedemptionCode.
     */
    private static final Set<String> REQUIRED_BUT_OMITTED = Set.of("UnusedRedemptionCode");

    private Schema() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String path) {
        // The project's shared folder sits beside the repository; Maven runs tests from the module's folder.
        java.nio.file.Path file = java.nio.file.Path.of("../../../shared/apple-device-management/mdm", path);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Apple's schema file is missing: " + file.toAbsolutePath().normalize());
        }
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return (Map<String, Object>) new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> iOS(Map<String, Object> schema) {
        Map<String, Object> payload = (Map<String, Object>) schema.get("payload");
        Map<String, Object> os = (Map<String, Object>) payload.get("supportedOS");
        return (Map<String, Object>) os.get("iOS");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> keys(Map<String, Object> schema, String list) {
        Object keys = schema.get(list);
        return keys == null ? List.of() : (List<Map<String, Object>>) keys;
    }

    /** @return every mismatch between the dictionary and the key list (empty when valid) */
    static List<String> check(NSDictionary dictionary, List<Map<String, Object>> keys, String where) {
        List<String> problems = new ArrayList<>();
        checkDictionary(dictionary, keys, where, problems);
        return problems;
    }

    /** A key whose own supportedOS says {@code iOS: introduced: n/a} does not exist on iPadOS. */
    @SuppressWarnings("unchecked")
    static boolean onIOS(Map<String, Object> key) {
        Map<String, Object> os = (Map<String, Object>) key.get("supportedOS");
        Map<String, Object> iOS = os == null ? null : (Map<String, Object>) os.get("iOS");
        return iOS == null || !"n/a".equals(String.valueOf(iOS.get("introduced")));
    }

    /** EnrollmentID and the like: required only in User Enrollment, which carts never use. */
    @SuppressWarnings("unchecked")
    private static boolean onlyForUserEnrollment(Map<String, Object> key) {
        Map<String, Object> os = (Map<String, Object>) key.get("supportedOS");
        Map<String, Object> iOS = os == null ? null : (Map<String, Object>) os.get("iOS");
        Map<String, Object> userEnrollment = iOS == null ? null : (Map<String, Object>) iOS.get("userenrollment");
        return userEnrollment != null && "required".equals(userEnrollment.get("mode"));
    }

    private static void checkDictionary(NSDictionary dictionary, List<Map<String, Object>> allKeys, String where,
                                        List<String> problems) {
        List<Map<String, Object>> keys = allKeys.stream().filter(Schema::onIOS).toList();
        Map<String, Object> any = null;
        for (Map<String, Object> key : keys) {
            String name = (String) key.get("key");
            if (name.startsWith("ANY")) {
                any = key;
            } else if ("required".equals(key.get("presence")) && !dictionary.containsKey(name)
                && !REQUIRED_BUT_OMITTED.contains(name) && !onlyForUserEnrollment(key)) {
                problems.add(where + "." + name + " is required but missing");
            }
        }
        for (String name : dictionary.allKeys()) {
            Map<String, Object> spec = keys.stream().filter(k -> name.equals(k.get("key"))).findFirst().orElse(any);
            if (spec == null) {
                problems.add(where + "." + name + " is not in the schema");
                continue;
            }
            checkValue(dictionary.get(name), spec, where + "." + name, problems);
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkValue(NSObject value, Map<String, Object> spec, String where, List<String> problems) {
        String type = (String) spec.get("type");
        List<Map<String, Object>> subkeys = (List<Map<String, Object>>) spec.get("subkeys");
        boolean ok = switch (type) {
            case "<string>" -> value instanceof NSString;
            case "<integer>" -> value instanceof NSNumber n && n.type() == NSNumber.INTEGER;
            case "<real>" -> value instanceof NSNumber n && n.type() == NSNumber.REAL;
            case "<boolean>" -> value instanceof NSNumber n && n.isBoolean();
            case "<data>" -> value instanceof NSData;
            case "<date>" -> value instanceof NSDate;
            case "<dictionary>" -> value instanceof NSDictionary;
            case "<array>" -> value instanceof NSArray;
            case "<any>" -> true;
            default -> false;
        };
        if (!ok) {
            problems.add(where + " should be " + type + " but is " + value.getClass().getSimpleName() + " " + value);
            return;
        }
        List<Object> range = (List<Object>) spec.get("rangelist");
        if (range != null && (value instanceof NSString || value instanceof NSNumber)) {
            Object javaValue = value instanceof NSString s ? s.getContent() : (Object) ((NSNumber) value).longValue();
            boolean inRange = range.stream().anyMatch(r -> String.valueOf(r).equals(String.valueOf(javaValue)));
            if (!inRange) {
                problems.add(where + " = " + javaValue + " is not in " + range);
            }
        }
        if (subkeys == null) {
            return;
        }
        if (value instanceof NSDictionary dictionary) {
            checkDictionary(dictionary, subkeys, where, problems);
        } else if (value instanceof NSArray array) {
            for (int i = 0; i < array.count(); i++) {
                checkValue(array.objectAtIndex(i), subkeys.get(0), where + "[" + i + "]", problems);
            }
        }
    }
}
