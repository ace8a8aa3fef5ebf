package fr.chariot.inventory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class DeviceNamingTest {

    @Test
    void studentSharedIpadsAreNamedRneYearSerial() {
        assertEquals(Optional.of("0310001A-2025-DMPXK2ABCDEF"), DeviceNaming.expectedName(DeviceRole.STUDENT_SHARED,
                " 0310001a ", 2025, Optional.of("dmpxk2abcdef"), Optional.empty(), Optional.empty()));
    }

    @Test
    void sharedTeacherIpadsAreNamedRneProfN() {
        assertEquals(Optional.of("0310001A-Prof 3"), DeviceNaming.expectedName(DeviceRole.TEACHER_SHARED,
                "0310001A", 2025, Optional.of("DMPXK2ABCDEF"), Optional.of(3), Optional.empty()));
    }

    @Test
    void personalTeacherIpadsBearTheTeachersName() {
        assertEquals(Optional.of("Mme Dupont Claire"), DeviceNaming.expectedName(DeviceRole.TEACHER_PERSONAL,
                "0310001A", 2025, Optional.of("DMPXK2ABCDEF"), Optional.empty(), Optional.of("  Mme  Dupont Claire ")));
    }

    @Test
    void withoutWhatTheRuleNeedsThereIsNoName() {
        assertEquals(Optional.empty(), DeviceNaming.expectedName(DeviceRole.STUDENT_SHARED, "0310001A", 2025,
                Optional.of(" "), Optional.empty(), Optional.empty()));
        assertEquals(Optional.empty(), DeviceNaming.expectedName(DeviceRole.TEACHER_SHARED, "0310001A", 2025,
                Optional.empty(), Optional.empty(), Optional.of("Dupont")));
        assertEquals(Optional.empty(), DeviceNaming.expectedName(DeviceRole.TEACHER_PERSONAL, "0310001A", 2025,
                Optional.empty(), Optional.empty(), Optional.of("   ")));
    }

    @Test
    void aMalformedRneOrNumberIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DeviceNaming.expectedName(DeviceRole.STUDENT_SHARED,
                "031A", 2025, Optional.of("DMPXK2ABCDEF"), Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> DeviceNaming.expectedName(DeviceRole.TEACHER_SHARED,
                "0310001A", 2025, Optional.empty(), Optional.of(0), Optional.empty()));
    }
}
