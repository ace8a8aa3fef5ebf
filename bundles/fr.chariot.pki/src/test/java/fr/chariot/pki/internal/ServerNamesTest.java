package fr.chariot.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ServerNamesTest {

    @Test
    void aConfigurationStringIsSplitOnCommasNormalisedAndDeduplicated() {
        ServerNames names = ServerNames.parse("Chariot.Example.fr, localhost,127.0.0.1", "::1", "[::1]", " ",
                "localhost");

        assertEquals(List.of("chariot.example.fr", "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1"), names.names());
        assertEquals("chariot.example.fr", names.first());
    }

    @Test
    void orderAndCaseDoNotMakeOtherNames() {
        assertEquals(ServerNames.parse("localhost,127.0.0.1"), ServerNames.parse("127.0.0.1", "LOCALHOST"));
        assertNotEquals(ServerNames.parse("localhost"), ServerNames.parse("localhost,127.0.0.1"));
    }

    @Test
    void somethingThatIsNeitherAHostNameNorAnAddressIsRefused() {
        for (String bad : List.of("chariot example.fr", "-chariot.fr", "chariot_.fr", "https://chariot.fr",
                "chariot.fr:8443", "a..b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerNames.parse(bad),
                    bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ServerNames.parse(" , "));
        assertThrows(IllegalArgumentException.class, () -> ServerNames.parse());
    }

    @Test
    void aWildcardNameIsAccepted() {
        assertEquals(List.of("*.colleges.example.fr"), ServerNames.parse("*.colleges.example.fr").names());
    }
}
