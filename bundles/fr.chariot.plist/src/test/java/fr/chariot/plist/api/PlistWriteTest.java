package fr.chariot.plist.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.dd.plist.BinaryPropertyListWriter;
import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;

/** Writing XML plists, and reading back what was written. */
class PlistWriteTest {

    private static Map<String, Object> everyType() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("Item", "DeviceName");
        nested.put("Flags", List.of(1L, 4L, 5L));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("String", "Cart 3 — salle B12 <&> \"quoted\" ]]> done");
        root.put("Empty", "");
        root.put("Integer", 42L);
        root.put("Negative", -7L);
        root.put("Largest", Long.MAX_VALUE);
        root.put("Real", 0.75d);
        root.put("WholeReal", 2.0d);
        root.put("True", true);
        root.put("False", false);
        root.put("Data", new byte[] {0, 1, 2, (byte) 0xFF, 'M', 'D', 'M'});
        root.put("NoData", new byte[0]);
        root.put("Date", Instant.parse("2024-09-02T07:45:00Z"));
        root.put("Array", List.of("a", 1L, List.of(true), Map.of("Deep", new byte[] {9})));
        root.put("EmptyArray", List.of());
        root.put("Dictionary", nested);
        root.put("EmptyDictionary", Map.of());
        return root;
    }

    @Test
    void everyTypeSurvivesARoundTrip() throws Exception {
        Map<String, Object> written = everyType();

        Map<String, Object> read = Plist.parseDictionary(Plist.toXml(written));

        assertPlistEquals(written, read, "");
        assertEquals(new ArrayList<>(written.keySet()), new ArrayList<>(read.keySet()));
    }

    @Test
    void outputIsUtf8XmlWithTheAppleDoctype() {
        String xml = new String(Plist.toXml(Map.of("Name", "Élève")), StandardCharsets.UTF_8);

        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
        assertTrue(xml.contains("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                + "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">"), xml);
        assertTrue(xml.contains("<string>Élève</string>"), xml);
    }

    @Test
    void javaIntegersAndFloatsAreWidened() throws Exception {
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("Int", 5);
        written.put("Short", (short) 6);
        written.put("Byte", (byte) 7);
        written.put("Big", BigInteger.valueOf(Long.MIN_VALUE));
        written.put("Float", 0.1f);

        Map<String, Object> read = Plist.parseDictionary(Plist.toXml(written));

        assertEquals(Map.of("Int", 5L, "Short", 6L, "Byte", 7L, "Big", Long.MIN_VALUE, "Float", 0.1d), read);
    }

    @Test
    void datesKeepWholeSeconds() throws Exception {
        Map<String, Object> read = Plist.parseDictionary(
                Plist.toXml(Map.of("When", Instant.parse("2024-01-31T23:59:59.987Z"))));

        assertEquals(Instant.parse("2024-01-31T23:59:59Z"), read.get("When"));
    }

    @Test
    void arrayRootIsWritten() throws Exception {
        byte[] xml = Plist.toXml((Object) List.of("x", 3L));

        assertEquals(List.of("x", 3L), Plist.parse(xml, Plist.DEFAULT_MAX_BYTES));
    }

    @Test
    void binaryPlistOfEveryTypeIsRead() throws Exception {
        NSDictionary dictionary = new NSDictionary();
        dictionary.put("String", "s");
        dictionary.put("Integer", 12L);
        dictionary.put("Real", 1.5d);
        dictionary.put("Bool", true);
        dictionary.put("Data", new NSData(new byte[] {1, 2}));
        dictionary.put("Date", new NSDate(Date.from(Instant.parse("2020-02-29T12:00:00Z"))));
        dictionary.put("Array", new NSArray(new NSData(new byte[] {3})));

        Map<String, Object> read = Plist.parseDictionary(BinaryPropertyListWriter.writeToArray(dictionary));

        assertEquals("s", read.get("String"));
        assertEquals(12L, read.get("Integer"));
        assertEquals(1.5d, read.get("Real"));
        assertEquals(true, read.get("Bool"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) read.get("Data"));
        assertEquals(Instant.parse("2020-02-29T12:00:00Z"), read.get("Date"));
        assertArrayEquals(new byte[] {3}, (byte[]) ((List<?>) read.get("Array")).get(0));
    }

    @Test
    void nullIsRefusedWithItsKeyPath() {
        List<Object> withNull = new ArrayList<>(Arrays.asList("ok", null));
        Map<String, Object> root = Map.of("Settings", Map.of("Items", withNull));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Plist.toXml(root));

        assertTrue(refused.getMessage().contains("Settings.Items[1]"), refused.getMessage());
    }

    @Test
    void nullValueInADictionaryIsRefusedWithItsKeyPath() {
        Map<String, Object> root = new HashMap<>();
        root.put("Message", null);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Plist.toXml(root));

        assertTrue(refused.getMessage().contains("Message"), refused.getMessage());
    }

    @Test
    void unsupportedTypesAreRefusedWithTheirKeyPath() {
        Map<String, Object> legacyDate = Map.of("Command", Map.of("When", new Date()));
        Map<String, Object> set = Map.of("Queries", java.util.Set.of("UDID"));
        Map<Object, Object> numberKey = Map.of(1, "one");
        Map<String, Object> hugeInteger = Map.of("Size", BigInteger.ONE.shiftLeft(64));
        Map<String, Object> controlCharacter = Map.of("Name", Map.of("First", "bell\u0007"));
        Map<String, Object> loneSurrogate = Map.of("Name", "\uD800");

        assertRefused(legacyDate, "Command.When");
        assertRefused(set, "Queries");
        assertRefused(numberKey, "root");
        assertRefused(hugeInteger, "Size");
        assertRefused(controlCharacter, "Name.First");
        assertRefused(loneSurrogate, "Name");
        assertRefused(null, "root");
    }

    private static void assertRefused(Object root, String expectedPath) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Plist.toXml(root));
        assertTrue(refused.getMessage().contains(expectedPath), refused.getMessage());
    }

    /** Deep equality where byte arrays compare by content and Java integers equal their Long reading. */
    private static void assertPlistEquals(Object expected, Object actual, String path) {
        if (expected instanceof Map<?, ?> expectedMap) {
            Map<?, ?> actualMap = (Map<?, ?>) actual;
            assertEquals(expectedMap.keySet(), actualMap.keySet(), path);
            expectedMap.forEach((key, value) -> assertPlistEquals(value, actualMap.get(key), path + "." + key));
        } else if (expected instanceof List<?> expectedList) {
            List<?> actualList = (List<?>) actual;
            assertEquals(expectedList.size(), actualList.size(), path);
            for (int i = 0; i < expectedList.size(); i++) {
                assertPlistEquals(expectedList.get(i), actualList.get(i), path + "[" + i + "]");
            }
        } else if (expected instanceof byte[] bytes) {
            assertArrayEquals(bytes, (byte[]) actual, path);
        } else {
            assertEquals(expected, actual, path);
        }
    }
}
