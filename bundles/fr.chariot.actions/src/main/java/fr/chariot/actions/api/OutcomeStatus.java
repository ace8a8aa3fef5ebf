package fr.chariot.actions.api;

/** Where one device of a group action stands. */
public enum OutcomeStatus {
    /** A command is queued or sent and the device has not answered yet (switched off, not yet connected). */
    QUEUED,
    /** The device did what was asked. */
    DONE,
    /** The device answered with an error, or its answer made the action impossible; the reason says which. */
    FAILED,
    /**
     * Nothing was sent: the device cannot do it (not supervised, no longer enrolled, unknown). Reported, never
     * silently skipped.
     */
    REFUSED
}
