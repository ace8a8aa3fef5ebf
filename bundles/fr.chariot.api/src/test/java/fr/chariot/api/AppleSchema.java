package fr.chariot.api;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Test helper: one command of Apple's MDM schema ({@code shared/apple-device-management/mdm/commands/*.yaml},
 * meta-schema {@code docs/schema.yaml}), and checks of a request or a response dictionary against it.
 *
 * <p>Checks, recursively through {@code subkeys}: every key is declared (a declared key {@code ANY} or
 * {@code ANY something} stands for any name), its value has the declared plist type, {@code presence: required}
 * keys are present, values are in {@code rangelist} and {@code range}. An {@code <array>}'s {@code subkeys} list
 * the shapes an item may take (several for {@code Settings}); a {@code <string>} with {@code subkeys} may only be
 * one of their names (the {@code DeviceInformation} query names). Java types: string {@code String}, integer
 * {@code Long}/{@code Integer}/{@code Short}/{@code Byte}, real {@code Double}/{@code Float}, boolean
 * {@code Boolean}, data {@code byte[]}, date {@code Instant}, array {@code List}, dictionary {@code Map}.
 */
public final class AppleSchema {

    /** Apple's schema, relative to the module's directory (where Maven runs the tests). */
    static final Path COMMANDS = Path.of("../../../shared/apple-device-management/mdm/commands");
    /** The profile payloads' schema, beside the commands'. */
    static final Path PROFILES = Path.of("../../../shared/apple-device-management/mdm/profiles");

    /** Keys of the connect request around any command's response keys (protocol.md, section 4). */
    static final Set<String> RESPONSE_ENVELOPE = Set.of("UDID", "Status", "CommandUUID", "RequestType", "ErrorChain",
            "UserID", "UserShortName", "UserLongName", "EnrollmentID", "EnrollmentUserID");

    private final String file;
    private final Map<String, Object> document;

    private AppleSchema(String file, Map<String, Object> document) {
        this.file = file;
        this.document = document;
    }

    /** The command described by {@code mdm/commands/<file>.yaml}, e.g. {@code information.device}. */
    public static AppleSchema command(String file) {
        return load(COMMANDS, file);
    }

    /** The profile payload described by {@code mdm/profiles/<file>.yaml}, e.g. {@code com.apple.mdm}. */
    public static AppleSchema profile(String file) {
        return load(PROFILES, file);
    }

    private static AppleSchema load(Path folder, String file) {
        Path yaml = folder.resolve(file + ".yaml");
        if (!Files.isRegularFile(yaml)) {
            fail("Apple's schema file is missing: " + yaml.toAbsolutePath().normalize());
        }
        try (Reader reader = Files.newBufferedReader(yaml)) {
            Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return new AppleSchema(file, document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + yaml, e);
        }
    }

    String file() {
        return file;
    }

    /** {@code payload.requesttype}. */
    String requestType() {
        return (String) map(document.get("payload")).get("requesttype");
    }

    /** {@code payloadkeys}, the request keys; empty for a command without keys. */
    List<Map<String, Object>> payloadKeys() {
        return keyList(document.get("payloadkeys"));
    }

    /** {@code responsekeys}; empty when the command returns nothing but the status. */
    List<Map<String, Object>> responseKeys() {
        return keyList(document.get("responsekeys"));
    }

    /** The declaration found by following key names through {@code subkeys}, e.g. {@code QueryResponses, UDID}. */
    static Optional<Map<String, Object>> find(List<Map<String, Object>> keys, String... path) {
        List<Map<String, Object>> level = keys;
        Map<String, Object> found = null;
        for (String name : path) {
            found = level.stream().filter(key -> name.equals(String.valueOf(key.get("key")))).findFirst().orElse(null);
            if (found == null) {
                return Optional.empty();
            }
            level = keyList(found.get("subkeys"));
        }
        return Optional.ofNullable(found);
    }

    /** Problems of a command's keys against {@code payloadkeys} and {@code requesttype}; empty when it conforms. */
    public List<String> requestProblems(Command command) {
        List<String> problems = new ArrayList<>();
        if (!requestType().equals(command.requestType())) {
            problems.add("RequestType is " + command.requestType() + ", " + file + " says " + requestType());
        }
        checkDictionary(payloadKeys(), command.keys(), "", problems);
        return problems;
    }

    /**
     * Problems of a result sent by a device (the connect body) against {@code responsekeys}; the envelope keys
     * ({@link #RESPONSE_ENVELOPE}) are skipped at the top level. Empty when it conforms.
     */
    public List<String> responseProblems(Map<String, ?> response) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> withoutEnvelope = new java.util.LinkedHashMap<>(response);
        withoutEnvelope.keySet().removeAll(RESPONSE_ENVELOPE);
        checkDictionary(responseKeys(), withoutEnvelope, "", problems);
        return problems;
    }

    /**
     * Problems of a profile payload against this schema's {@code payloadkeys} plus the keys every payload has
     * ({@code CommonPayloadKeys.yaml}: PayloadType, PayloadUUID...); empty when it conforms.
     */
    public List<String> payloadProblems(Map<String, ?> payload) {
        List<Map<String, Object>> declared = new ArrayList<>(payloadKeys());
        if (!"TopLevel".equals(file) && !"CommonPayloadKeys".equals(file)) {
            for (Map<String, Object> common : profile("CommonPayloadKeys").payloadKeys()) {
                if (find(declared, String.valueOf(common.get("key"))).isEmpty()) {
                    declared.add(common);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        checkDictionary(declared, payload, "", problems);
        return problems;
    }

    void assertValidRequest(Command command) {
        List<String> problems = requestProblems(command);
        assertTrue(problems.isEmpty(), file + ".yaml: " + String.join("; ", problems));
    }

    private static void checkDictionary(List<Map<String, Object>> declared, Map<?, ?> value, String path,
                                         List<String> problems) {
        for (Map.Entry<?, ?> entry : value.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                problems.add(where(path) + ": key " + entry.getKey() + " is not a string");
                continue;
            }
            String keyPath = path.isEmpty() ? name : path + "." + name;
            Optional<Map<String, Object>> declaration = declared.stream()
                    .filter(key -> name.equals(String.valueOf(key.get("key")))).findFirst()
                    .or(() -> declared.stream().filter(AppleSchema::isWildcard).findFirst());
            if (declaration.isEmpty()) {
                problems.add(keyPath + ": not declared");
            } else {
                checkValue(declaration.get(), entry.getValue(), keyPath, problems);
            }
        }
        for (Map<String, Object> key : declared) {
            if ("required".equals(key.get("presence")) && !isWildcard(key) && !value.containsKey(key.get("key"))) {
                String name = String.valueOf(key.get("key"));
                problems.add((path.isEmpty() ? name : path + "." + name) + ": required but absent");
            }
        }
    }

    private static void checkValue(Map<String, Object> declaration, Object value, String path, List<String> problems) {
        String type = String.valueOf(declaration.get("type"));
        List<Map<String, Object>> subkeys = keyList(declaration.get("subkeys"));
        if (!hasType(type, value)) {
            problems.add(path + ": " + describe(value) + " where " + type + " is declared");
            return;
        }
        switch (type) {
            case "<dictionary>" -> {
                if (!subkeys.isEmpty()) {
                    checkDictionary(subkeys, (Map<?, ?>) value, path, problems);
                }
            }
            case "<array>" -> {
                List<?> items = (List<?>) value;
                for (int i = 0; i < items.size(); i++) {
                    if (!subkeys.isEmpty()) {
                        checkItem(subkeys, items.get(i), path + "[" + i + "]", problems);
                    }
                }
            }
            case "<string>" -> {
                if (!subkeys.isEmpty() && subkeys.stream().noneMatch(key -> value.equals(String.valueOf(key.get("key"))))) {
                    problems.add(path + ": " + value + " is none of the names listed in subkeys");
                }
            }
            default -> {
                // Scalars: only the range checks below apply.
            }
        }
        checkRange(declaration, value, path, problems);
    }

    /** An array item conforms when it fits one of the declared shapes; otherwise the nearest shape's problems. */
    private static void checkItem(List<Map<String, Object>> shapes, Object item, String path, List<String> problems) {
        List<List<String>> attempts = new ArrayList<>();
        for (Map<String, Object> shape : shapes) {
            List<String> attempt = new ArrayList<>();
            checkValue(shape, item, path, attempt);
            if (attempt.isEmpty()) {
                return;
            }
            attempts.add(attempt);
        }
        problems.addAll(attempts.stream().min(Comparator.comparingInt(List::size)).orElseThrow());
    }

    private static void checkRange(Map<String, Object> declaration, Object value, String path, List<String> problems) {
        if (declaration.get("rangelist") instanceof List<?> allowed && !allowed.isEmpty()
                && allowed.stream().noneMatch(candidate -> sameValue(candidate, value))) {
            problems.add(path + ": " + value + " is not in the rangelist " + allowed);
        }
        if (declaration.get("range") instanceof Map<?, ?> range && value instanceof Number number) {
            double actual = number.doubleValue();
            if (range.get("min") instanceof Number min && actual < min.doubleValue()) {
                problems.add(path + ": " + value + " is below the minimum " + min);
            }
            if (range.get("max") instanceof Number max && actual > max.doubleValue()) {
                problems.add(path + ": " + value + " is above the maximum " + max);
            }
        }
    }

    private static boolean sameValue(Object declared, Object value) {
        if (declared instanceof Number expected && value instanceof Number actual) {
            return expected.doubleValue() == actual.doubleValue();
        }
        return String.valueOf(declared).equals(String.valueOf(value));
    }

    private static boolean hasType(String type, Object value) {
        return switch (type) {
            case "<string>" -> value instanceof String;
            case "<integer>" -> value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte;
            case "<real>" -> value instanceof Double || value instanceof Float;
            case "<boolean>" -> value instanceof Boolean;
            case "<data>" -> value instanceof byte[];
            case "<date>" -> value instanceof Instant;
            case "<array>" -> value instanceof List;
            case "<dictionary>" -> value instanceof Map;
            case "<any>" -> value != null;
            default -> throw new IllegalStateException("type " + type + " is not in Apple's meta-schema");
        };
    }

    private static boolean isWildcard(Map<String, Object> key) {
        String name = String.valueOf(key.get("key"));
        return name.equals("ANY") || name.startsWith("ANY ");
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    private static String where(String path) {
        return path.isEmpty() ? "the top level" : path;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return yaml == null ? Map.of() : (Map<String, Object>) yaml;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> keyList(Object yaml) {
        return yaml == null ? List.of() : (List<Map<String, Object>>) yaml;
    }
}
