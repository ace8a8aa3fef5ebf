package fr.chariot.groups.internal.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardsTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "0310001A-*, 0310001A-2024-DMPXK1, true",
            "0310001A-*, 0310002B-2024-DMPXK1, false",
            "prof, 0310001A-Prof 3, true",
            "prof, 0310001A-2024-X, false",
            "*prof ?, 0310001a-PROF 3, true",
            "*prof ?, 0310001A-Prof 12, false",
            "a*b*c, aXXbYYc, true",
            "a*b*c, aXXbYY, false",
            "??, ab, true",
            "??, abc, false",
            "é*, ÉLÈVE, true",
            "*, '', true",
    })
    void matches(String pattern, String text, boolean expected) {
        assertEquals(expected, new Wildcards(pattern).matches(text));
    }
}
