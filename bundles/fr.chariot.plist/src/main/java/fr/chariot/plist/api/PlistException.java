package fr.chariot.plist.api;

/**
 * A property list was refused: too large, not well-formed, a forbidden XML construct (DTD declaration, entity),
 * a type outside the plist set or the wrong root type. The message says why, for the logs; it never quotes the
 * refused body.
 */
public class PlistException extends Exception {

    private static final long serialVersionUID = 1L;

    public PlistException(String message) {
        super(message);
    }

    public PlistException(String message, Throwable cause) {
        super(message, cause);
    }
}
