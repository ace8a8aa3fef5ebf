package fr.chariot.plist.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading real device bodies, and the plist grammar where dd-plist alone would be lenient. */
class PlistReadTest {

    static final Path DEVICE_FIXTURES = Path.of("../../../shared/fixtures/real-devices/nanomdm/mdm/testdata");

    static final String HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0">
            """;

    static List<Path> deviceFixtures() throws IOException {
        assertTrue(Files.isDirectory(DEVICE_FIXTURES),
                "device fixtures missing: expected " + DEVICE_FIXTURES.toAbsolutePath().normalize());
        try (Stream<Path> files = Files.list(DEVICE_FIXTURES)) {
            List<Path> plists = files.filter(p -> p.toString().endsWith(".plist")).sorted().toList();
            assertFalse(plists.isEmpty(), "no .plist in " + DEVICE_FIXTURES.toAbsolutePath().normalize());
            return plists;
        }
    }

    static Map<String, Object> fixture(String name) throws Exception {
        Path file = DEVICE_FIXTURES.resolve(name);
        assertTrue(Files.isRegularFile(file), "device fixture missing: " + file.toAbsolutePath().normalize());
        return Plist.parseDictionary(Files.readAllBytes(file));
    }

    static Map<String, Object> parseBody(String plistBody) throws PlistException {
        return Plist.parseDictionary((HEAD + plistBody + "\n</plist>").getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("deviceFixtures")
    void everyRealDeviceBodyParses(Path file) throws Exception {
        Map<String, Object> body = Plist.parseDictionary(Files.readAllBytes(file));

        assertFalse(body.isEmpty(), file.toString());
        assertTrue(body.containsKey("MessageType") || body.containsKey("Status"), file.toString());
    }

    @Test
    void tokenUpdateCarriesDataAsBytes() throws Exception {
        Map<String, Object> tokenUpdate = fixture("TokenUpdate.1.plist");

        assertEquals("TokenUpdate", tokenUpdate.get("MessageType"));
        assertArrayEquals(Base64.getDecoder().decode("R+juwGLC9ynsFwPBs+GPGXHYXwC+dkRdNAgLqnAbX1E="),
                (byte[]) tokenUpdate.get("Token"));
        assertEquals("CEFDF0BD-E342-4A27-8742-E930EA116B0A", tokenUpdate.get("PushMagic"));
        assertEquals(Boolean.FALSE, tokenUpdate.get("AwaitingConfiguration"));
        byte[] unlockToken = assertInstanceOf(byte[].class, tokenUpdate.get("UnlockToken"));
        assertEquals("DATA", new String(unlockToken, 0, 4, StandardCharsets.US_ASCII));
    }

    @Test
    void keysKeepTheirOrder() throws Exception {
        Map<String, Object> tokenUpdate = fixture("TokenUpdate.1.plist");

        assertEquals(List.of("AwaitingConfiguration", "MessageType", "PushMagic", "Token", "Topic", "UDID",
                "UnlockToken"), new ArrayList<>(tokenUpdate.keySet()));
    }

    @Test
    void deviceInformationResultNestsQueryResponses() throws Exception {
        Map<String, Object> result = fixture("DeviceInformation.1.plist");

        assertEquals("Acknowledged", result.get("Status"));
        Map<?, ?> responses = assertInstanceOf(Map.class, result.get("QueryResponses"));
        assertEquals("fruit.example.com", responses.get("HostName"));
        assertEquals("66ADE930-5FDF-5EC4-8429-15640684C489", responses.get("UDID"));
    }

    @Test
    void authenticateChallengeIsData() throws Exception {
        Map<String, Object> authenticate = fixture("Authenticate.2.plist");

        assertArrayEquals("apple".getBytes(StandardCharsets.US_ASCII), (byte[]) authenticate.get("Challenge"));
    }

    @Test
    void wholeRealIsStillAReal() throws Exception {
        Map<String, Object> body = parseBody("<dict><key>BatteryLevel</key><real>1</real>"
                + "<key>Capacity</key><real>59.5</real><key>Tiny</key><real>1e-3</real></dict>");

        assertEquals(1.0d, body.get("BatteryLevel"));
        assertEquals(59.5d, body.get("Capacity"));
        assertEquals(0.001d, body.get("Tiny"));
    }

    @Test
    void integersAreLongs() throws Exception {
        Map<String, Object> body = parseBody("<dict><key>Big</key><integer>9223372036854775807</integer>"
                + "<key>Negative</key><integer>-3</integer></dict>");

        assertEquals(Long.MAX_VALUE, body.get("Big"));
        assertEquals(-3L, body.get("Negative"));
    }

    @Test
    void predefinedAndCharacterReferencesAreRead() throws Exception {
        Map<String, Object> body = parseBody(
                "<dict><key>Name</key><string>Tom &amp; Jerry &lt;3 &#233;t&#xE9;</string></dict>");

        assertEquals("Tom & Jerry <3 été", body.get("Name"));
    }

    @Test
    void arrayRootIsParsedButIsNotADictionary() throws Exception {
        byte[] array = (HEAD + "<array><string>a</string><integer>2</integer></array></plist>")
                .getBytes(StandardCharsets.UTF_8);

        assertEquals(List.of("a", 2L), Plist.parse(array, Plist.DEFAULT_MAX_BYTES));
        PlistException refused = assertThrows(PlistException.class, () -> Plist.parseDictionary(array));
        assertTrue(refused.getMessage().contains("an array"), refused.getMessage());
    }

    @Test
    void parsedContainersCannotBeChanged() throws Exception {
        Map<String, Object> body = parseBody("<dict><key>List</key><array/></dict>");

        assertThrows(UnsupportedOperationException.class, () -> body.put("Other", "x"));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) body.get("List")).add("x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<dict><key>A</key><integer>1.5</integer></dict>",
        "<dict><key>A</key><integer>true</integer></dict>",
        "<dict><key>A</key><integer>99999999999999999999</integer></dict>",
        "<dict><key>A</key><real>1d</real></dict>",
        "<dict><key>A</key><foo/></dict>",
        "<dict><key>A</key><string>x</string><key>A</key><string>y</string></dict>",
        "<dict><key>A</key></dict>",
        "<dict><string>A</string><string>B</string></dict>",
        "<dict><key>A</key><string>x<b/></string></dict>",
        "<dict>loose text<key>A</key><true/></dict>",
        "<dict><key>A</key><true>yes</true></dict>",
        "<dict><key>A</key><date>2024-13-45T10:00:00Z</date></dict>",
        "<dict><key>A</key><date>yesterday</date></dict>",
        "<dict><key>A</key><data>!!!</data></dict>",
        "<dict/><dict/>",
        "<dict><key>A</key><string>unclosed</dict>",
    })
    void bodiesOutsideThePlistGrammarAreRefused(String plistBody) {
        assertThrows(PlistException.class, () -> parseBody(plistBody));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not xml at all", "<dict><key>A</key><true/></dict>", "bplist00garbage"})
    void nonPlistBodiesAreRefused(String body) {
        assertThrows(PlistException.class,
                () -> Plist.parseDictionary(body.getBytes(StandardCharsets.UTF_8)));
    }
}
