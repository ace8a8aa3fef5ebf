package fr.chariot.apns.api;

/** A push certificate was refused; the message is meant for the person who uploaded it. */
public class InvalidPushCertificateException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidPushCertificateException(String message) {
        super(message);
    }

    public InvalidPushCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
