package fr.chariot.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * What to answer: a status, a body, and extra headers. The body is written as JSON unless it is a {@link Streamed}
 * one, which writes itself (an export) with its own media type.
 *
 * @param body records, maps, lists, strings, numbers, booleans or a Jackson tree; a {@link Streamed}; {@code null}
 *             for no body
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

    /** 204: done, nothing to say. */
    static ApiResponse noContent() {
        return of(204, null);
    }

    /** 201 (or 202) with a {@code Location} to find the new thing, as an absolute path. */
    static ApiResponse at(int status, String location, Object body) {
        return new ApiResponse(status, body, Map.of("Location", location));
    }

    /**
     * A body that is not JSON, written straight to the client (an export can be a whole department's inventory).
     * Everything that can be refused must have been checked before: once writing starts the status is sent.
     *
     * @param mediaType the {@code Content-Type}
     */
    record Streamed(String mediaType, BodyWriter writer) {
    }

    /** Writes a {@link Streamed} body. */
    @FunctionalInterface
    interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The body of every error (api.md). */
    record ErrorBody(String error, String message) {
    }
}
