package fr.chariot.groups.internal.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionsTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
            "12.0.10, 12.0.9, 1",
            "12.0.9, 12.0.10, -1",
            "18.1, 18.1.0, 0",
            "18.1.0.0, 18.1, 0",
            "18.1, 18.1.1, -1",
            "9, 10, -1",
            "17.0, 17.0b2, 1",
            "17.0b2, 17.0b10, -1",
            "17.4.1, 17.4.1, 0",
            "017.04, 17.4, 0",
            "abc, 1, -1",
            "abc, abc, 0",
            "'', 0, 0",
            "'', 1, -1",
            "1-2, 1.2, 0",
            "99999999999999999999999, 99999999999999999999998, 1",
            "17.4.1 (21E237), 17.4.1, 1",
    })
    void comparesAsVersions(String a, String b, int expected) {
        assertEquals(expected, Integer.signum(Versions.compare(a, b)));
        assertEquals(-expected, Integer.signum(Versions.compare(b, a)), "antisymmetric");
    }
}
