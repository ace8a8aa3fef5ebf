package fr.chariot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SiteTest {

    @Test
    void normalisesTheRneAndTrimsTheName() {
        Site site = new Site(" 0310001a ", "  Collège Jean Jaurès ");
        assertEquals("0310001A", site.rne());
        assertEquals("Collège Jean Jaurès", site.name());
    }

    @Test
    void refusesAnRneThatIsNotSevenDigitsAndALetter() {
        for (String bad : new String[] {"031001A", "03100012", "0310001AB", "ABCDEFGH", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Site(bad, "Collège"));
            assertTrue(e.getMessage().contains("RNE"), e.getMessage());
        }
    }

    @Test
    void refusesAnEmptyName() {
        assertThrows(IllegalArgumentException.class, () -> new Site("0310001A", "   "));
    }

    @Test
    void deviceIdsAcceptRealUdidFormsAndNothingElse() {
        new DeviceId("00008030-001A2D3E0C41802E");
        new DeviceId("6a4f4c3b2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c");
        new DeviceId("564DAF14-1BBF-4BB6-A8C9-3E7A5C0D8E21");
        assertThrows(IllegalArgumentException.class, () -> new DeviceId("../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> new DeviceId(""));
        assertThrows(IllegalArgumentException.class, () -> new DeviceId("x".repeat(65)));
    }
}
