package fr.chariot.persistence.internal;

/** A schema cannot be brought up to date; the message is written for the operator reading the log. */
final class MigrationException extends Exception {

    private static final long serialVersionUID = 1L;

    MigrationException(String message) {
        super(message);
    }

    MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
