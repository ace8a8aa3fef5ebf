package fr.chariot.rest.internal;

import java.util.Map;

/**
 * A refusal to send back as {@code {"error","message"}}: thrown anywhere in a handler, answered by {@link RestApi}.
 * The message is for a person reading the integrator's logs, in French like the console.
 */
final class ApiError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, String> headers;

    ApiError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    ApiError(int status, String code, String message, Map<String, String> headers) {
        // No stack trace: these are expected answers, not failures worth a trace.
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    ApiResponse response() {
        return new ApiResponse(status, new ApiResponse.ErrorBody(code, getMessage()), headers);
    }
}
