package fr.chariot.rest.internal;

import java.util.Map;

/**
 * What to answer: a status, a body that Jackson writes as JSON, and extra headers.
 *
 * @param body records, maps, lists, strings, numbers, booleans or a Jackson tree; {@code null} for no body
 */
record ApiResponse(int status, Object body, Map<String, String> headers) {

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse of(int status, Object body) {
        return new ApiResponse(status, body, Map.of());
    }

    static ApiResponse ok(Object body) {
        return of(200, body);
    }

    /** The body of every error (api.md). */
    record ErrorBody(String error, String message) {
    }
}
