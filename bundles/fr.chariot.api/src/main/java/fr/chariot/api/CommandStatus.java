package fr.chariot.api;

/** Where a queued command stands, as the device last reported it. */
public enum CommandStatus {
    /** Queued; not yet fetched by the device. */
    PENDING,
    /** Sent to the device; no answer yet. */
    SENT,
    /** The device ran it ({@code Status=Acknowledged}); the response keys are kept. */
    ACKNOWLEDGED,
    /** The device failed it ({@code Error} or {@code CommandFormatError}); the error chain is kept. */
    ERROR,
    /** The device could not run it now ({@code NotNow}); it stays queued and is sent again. */
    NOT_NOW
}
