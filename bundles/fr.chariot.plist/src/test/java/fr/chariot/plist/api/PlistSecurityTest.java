package fr.chariot.plist.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Untrusted bodies: XXE, entity bombs, DTD subsets, oversize and hostile binary plists. */
class PlistSecurityTest {

    private static final String SECRET = "SECRET-LINE-7c1e";

    @TempDir
    Path dir;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Every message of the exception and its causes, which is what could reach a log or a response. */
    private static String allMessages(Throwable thrown) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.append(t).append('\n');
        }
        return messages.toString();
    }

    private Path secretFile() throws Exception {
        return Files.writeString(dir.resolve("secret.txt"), SECRET + "\n");
    }

    @Test
    void externalEntityOnEtcPasswdIsRefusedWithoutItsContent() throws Exception {
        byte[] body = utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <plist version="1.0"><dict><key>UDID</key><string>&xxe;</string></dict></plist>
                """);

        PlistException refused = assertThrows(PlistException.class, () -> Plist.parseDictionary(body));

        String messages = allMessages(refused);
        assertFalse(messages.contains("root:"), messages);
        Path passwd = Path.of("/etc/passwd");
        if (Files.isReadable(passwd)) {
            for (String line : Files.readAllLines(passwd)) {
                assertFalse(!line.isBlank() && messages.contains(line), "a line of /etc/passwd leaked: " + messages);
            }
        }
    }

    @Test
    void externalEntityOnAKnownFileIsRefusedWithoutItsContent() throws Exception {
        String uri = secretFile().toUri().toString();
        byte[] body = utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE plist [ <!ENTITY xxe SYSTEM \"" + uri + "\"> ]>\n"
                + "<plist version=\"1.0\"><dict><key>UDID</key><string>&xxe;</string></dict></plist>");

        PlistException refused = assertThrows(PlistException.class, () -> Plist.parseDictionary(body));

        assertFalse(allMessages(refused).contains(SECRET), allMessages(refused));
    }

    @Test
    void externalParameterEntityIsRefused() throws Exception {
        String uri = secretFile().toUri().toString();
        byte[] body = utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE plist [ <!ENTITY % remote SYSTEM \"" + uri
                + "\"> %remote; ]>\n<plist version=\"1.0\"><dict/></plist>");

        PlistException refused = assertThrows(PlistException.class, () -> Plist.parseDictionary(body));

        assertFalse(allMessages(refused).contains(SECRET), allMessages(refused));
    }

    @Test
    void externalDtdNamedByTheDoctypeIsNeverRead() throws Exception {
        // Were this DTD read, the garbage would make the parse fail; the body itself is fine.
        Path dtd = Files.writeString(dir.resolve("evil.dtd"), "this is <not a DTD " + SECRET);
        byte[] body = utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE plist SYSTEM \"" + dtd.toUri() + "\">\n"
                + "<plist version=\"1.0\"><dict><key>A</key><string>b</string></dict></plist>");

        assertEquals(Map.of("A", "b"), Plist.parseDictionary(body));
    }

    @Test
    void entitiesDeclaredInAnExternalDtdStayUndeclared() throws Exception {
        Path dtd = Files.writeString(dir.resolve("entities.dtd"), "<!ENTITY leak \"" + SECRET + "\">");
        byte[] body = utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE plist SYSTEM \"" + dtd.toUri() + "\">\n"
                + "<plist version=\"1.0\"><dict><key>A</key><string>&leak;</string></dict></plist>");

        PlistException refused = assertThrows(PlistException.class, () -> Plist.parseDictionary(body));

        assertFalse(allMessages(refused).contains(SECRET), allMessages(refused));
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE plist [\n <!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            doctype.append(" <!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        doctype.append("]>\n");
        byte[] body = utf8("<?xml version=\"1.0\"?>\n" + doctype
                + "<plist version=\"1.0\"><dict><key>A</key><string>&lol9;</string></dict></plist>");

        PlistException refused = assertThrows(PlistException.class, () -> Plist.parseDictionary(body));

        assertTrue(refused.getMessage().contains("entity"), refused.getMessage());
    }

    @Test
    void anyInternalSubsetIsRefused() {
        for (String subset : List.of("[ <!-- only a comment --> ]", "[ <!ELEMENT plist ANY> ]",
                "[ <!ATTLIST plist version CDATA \"1.0\"> ]", "[ <!NOTATION n SYSTEM \"x\"> ]")) {
            byte[] body = utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE plist " + subset + ">\n"
                    + "<plist version=\"1.0\"><dict/></plist>");

            assertThrows(PlistException.class, () -> Plist.parseDictionary(body), subset);
        }
    }

    @Test
    void undeclaredEntityIsRefused() {
        byte[] body = utf8(PlistReadTest.HEAD + "<dict><key>A</key><string>&nbsp;</string></dict></plist>");

        assertThrows(PlistException.class, () -> Plist.parseDictionary(body));
    }

    @Test
    void bodyOverTheLimitIsRefusedBeforeParsing() {
        byte[] body = new byte[Plist.DEFAULT_MAX_BYTES + 1];
        Arrays.fill(body, (byte) '<');

        PlistException refused = assertThrows(PlistException.class, () -> Plist.parseDictionary(body));

        assertTrue(refused.getMessage().contains("more than the " + Plist.DEFAULT_MAX_BYTES), refused.getMessage());
    }

    @Test
    void callerChosenLimitApplies() throws Exception {
        byte[] body = utf8(PlistReadTest.HEAD + "<dict/></plist>");

        assertEquals(Map.of(), Plist.parseDictionary(body, body.length));
        assertThrows(PlistException.class, () -> Plist.parseDictionary(body, body.length - 1));
        assertThrows(IllegalArgumentException.class, () -> Plist.parse(body, 0));
    }

    @Test
    void deepNestingIsRefused() {
        byte[] body = utf8(PlistReadTest.HEAD + "<array>".repeat(10_000) + "</array>".repeat(10_000) + "</plist>");

        assertThrows(PlistException.class, () -> Plist.parse(body, Plist.DEFAULT_MAX_BYTES));
    }

    // Binary plists, built by hand: objects, each referenced by a one-byte index, then a two-byte offset table.

    private static byte[] bplist(int topObject, List<byte[]> objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("bplist00"));
        List<Integer> offsets = new ArrayList<>();
        for (byte[] object : objects) {
            offsets.add(out.size());
            out.writeBytes(object);
        }
        int offsetTable = out.size();
        for (int offset : offsets) {
            out.write(offset >>> 8);
            out.write(offset);
        }
        byte[] trailer = new byte[32];
        trailer[6] = 2;
        trailer[7] = 1;
        trailer[15] = (byte) objects.size();
        trailer[23] = (byte) topObject;
        trailer[30] = (byte) (offsetTable >>> 8);
        trailer[31] = (byte) offsetTable;
        out.writeBytes(trailer);
        return out.toByteArray();
    }

    /** Arrays of ten references to the next level, ending in a one-letter string. */
    private static byte[] sharedReferenceLevels(int levels) {
        List<byte[]> objects = new ArrayList<>();
        for (int level = 0; level < levels; level++) {
            byte[] array = new byte[11];
            array[0] = (byte) 0xAA;
            Arrays.fill(array, 1, 11, (byte) (level + 1));
            objects.add(array);
        }
        objects.add(new byte[] {0x51, 'a'});
        return bplist(0, objects);
    }

    @Test
    void binaryWithModestSharingParses() throws Exception {
        Object root = Plist.parse(sharedReferenceLevels(3), Plist.DEFAULT_MAX_BYTES);

        List<?> level1 = (List<?>) root;
        assertEquals(10, level1.size());
        assertEquals(List.of("a", "a", "a", "a", "a", "a", "a", "a", "a", "a"), ((List<?>) level1.get(9)).get(9));
    }

    @Test
    void binaryReferenceBombIsRefused() {
        // 30 levels of 10 shared references: 10^30 objects once expanded, from about 360 bytes.
        PlistException refused = assertThrows(PlistException.class,
                () -> Plist.parse(sharedReferenceLevels(30), Plist.DEFAULT_MAX_BYTES));

        assertTrue(refused.getMessage().contains("expands"), refused.getMessage());
    }

    @Test
    void binaryContainerContainingItselfIsRefused() {
        byte[] selfReference = bplist(0, List.of(new byte[] {(byte) 0xA1, 0}));

        assertThrows(PlistException.class, () -> Plist.parse(selfReference, Plist.DEFAULT_MAX_BYTES));
    }

    @Test
    void binaryNestingBeyondTheLimitIsRefused() {
        List<byte[]> chain = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            chain.add(new byte[] {(byte) 0xA1, (byte) (i + 1)});
        }
        chain.add(new byte[] {0x08});

        assertThrows(PlistException.class, () -> Plist.parse(bplist(0, chain), Plist.DEFAULT_MAX_BYTES));
    }

    @Test
    void binaryContainerLongerThanTheBodyIsRefused() {
        // An array announcing 2^31 - 1 elements (length as a 4-byte integer) in a body of a few bytes.
        byte[] huge = bplist(0, List.of(new byte[] {(byte) 0xAF, 0x12, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));

        assertThrows(PlistException.class, () -> Plist.parse(huge, Plist.DEFAULT_MAX_BYTES));
    }
}
