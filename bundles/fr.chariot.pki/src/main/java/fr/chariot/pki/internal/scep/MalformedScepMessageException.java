package fr.chariot.pki.internal.scep;

/**
 * A PKIOperation message that cannot be answered with a CertRep at all (not CMS, or without the transactionID,
 * messageType or senderNonce a reply needs); the HTTP layer answers 400 with the message.
 */
public class MalformedScepMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedScepMessageException(String message) {
        super(message);
    }

    public MalformedScepMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
