package fr.chariot.inventory.api;

/** What a device is for in its college; it decides the device's name (see {@link DeviceNaming}). */
public enum DeviceRole {
    /** A student Shared iPad of a cart, named {@code RNE-year-serial}. */
    STUDENT_SHARED,
    /** An iPad shared by teachers, named {@code RNE-Prof N}. */
    TEACHER_SHARED,
    /** A teacher's own iPad, named after the teacher. */
    TEACHER_PERSONAL
}
