package fr.chariot.protocol.internal;

/**
 * A device request that cannot be served, with the HTTP status and body the device gets. The message is for the
 * log; the body is what the device sees.
 */
final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What iOS 17+ takes as "unenroll": a body naming com.apple.unrecognized.device with 403. */
    static final String UNRECOGNIZED_DEVICE = "{\"code\":\"com.apple.unrecognized.device\"}";

    private final int status;
    private final String body;

    ProtocolException(int status, String message) {
        this(status, message, "");
    }

    ProtocolException(int status, String message, String body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    static ProtocolException badRequest(String message) {
        return new ProtocolException(400, message);
    }

    static ProtocolException unrecognized(String message) {
        return new ProtocolException(403, message, UNRECOGNIZED_DEVICE);
    }

    int status() {
        return status;
    }

    String body() {
        return body;
    }
}
