package fr.chariot.inventory.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The colleges' naming rule for iPads, from the technicians' guide:
 * <ul>
 * <li>student Shared iPad: {@code RNE-year-serial}, the year it enrolled in the MDM, e.g.
 * {@code 0310001A-2025-DMPXK2ABCDEF};</li>
 * <li>shared teacher iPad: {@code RNE-Prof N}, e.g. {@code 0310001A-Prof 3};</li>
 * <li>personal teacher iPad: the teacher's name.</li>
 * </ul>
 * A pure function: nothing is read or sent.
 */
public final class DeviceNaming {

    private DeviceNaming() {
    }

    /**
     * The name a device should have, or empty when what the rule needs is not known yet (no serial number, no
     * teacher number or name).
     *
     * @param role           the device's role
     * @param rne            its college
     * @param enrollmentYear the year it enrolled in the MDM (student iPads)
     * @param serialNumber   its serial number (student iPads)
     * @param teacherNumber  N of {@code RNE-Prof N} (shared teacher iPads), from 1
     * @param teacherName    the teacher's name (personal teacher iPads)
     * @throws IllegalArgumentException when the RNE is malformed or the teacher number is below 1
     */
    public static Optional<String> expectedName(DeviceRole role, String rne, int enrollmentYear,
            Optional<String> serialNumber, Optional<Integer> teacherNumber, Optional<String> teacherName) {
        Objects.requireNonNull(role, "role");
        String college = Rne.normalize(rne);
        return switch (role) {
            case STUDENT_SHARED -> serialNumber.map(String::strip).filter(serial -> !serial.isEmpty())
                    .map(serial -> college + "-" + enrollmentYear + "-" + serial.toUpperCase(Locale.ROOT));
            case TEACHER_SHARED -> teacherNumber.map(n -> {
                if (n < 1) {
                    throw new IllegalArgumentException(
                            "Les iPad professeur partagés sont numérotés à partir de 1, pas " + n + ".");
                }
                return college + "-Prof " + n;
            });
            case TEACHER_PERSONAL -> teacherName.map(name -> name.strip().replaceAll("\\s+", " "))
                    .filter(name -> !name.isEmpty());
        };
    }
}
