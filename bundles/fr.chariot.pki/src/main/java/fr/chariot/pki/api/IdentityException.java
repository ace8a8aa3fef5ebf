package fr.chariot.pki.api;

/** A device's identity or signature was refused; the message says why, for the log (never for the device). */
public class IdentityException extends Exception {

    private static final long serialVersionUID = 1L;

    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
