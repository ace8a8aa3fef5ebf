package fr.chariot.pki.internal;

/** The key material in the data folder cannot be used; the message tells the operator what to look at. */
public class KeyMaterialException extends Exception {

    private static final long serialVersionUID = 1L;

    public KeyMaterialException(String message) {
        super(message);
    }

    public KeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
