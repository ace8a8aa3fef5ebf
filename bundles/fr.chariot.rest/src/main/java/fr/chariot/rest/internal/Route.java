package fr.chariot.rest.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import fr.chariot.accounts.api.Principal;

/**
 * One endpoint: a method and a path template such as {@code /devices/{udid}/commands}, as written in the OpenAPI
 * document, so that the two can be compared.
 *
 * @param authenticated whether it needs a bearer token
 */
record Route(String method, String template, boolean authenticated, Handler handler) {

    /** Answers a request that matched the route. */
    @FunctionalInterface
    interface Handler {
        ApiResponse handle(Call call) throws ApiError;
    }

    /**
     * A matched request.
     *
     * @param pathParameters the values of the template's {@code {name}} segments
     * @param principal      the caller, for an authenticated route
     */
    record Call(ApiRequest request, Map<String, String> pathParameters, Optional<Principal> principal) {

        String pathParameter(String name) {
            return pathParameters.get(name);
        }

        Principal caller() {
            return principal.orElseThrow(() -> new IllegalStateException("route without authentication"));
        }
    }

    /** How many segments of the template are fixed text rather than {@code {parameters}}. */
    int literalSegments() {
        int literal = 0;
        for (String segment : template.split("/")) {
            if (!segment.isEmpty() && !segment.startsWith("{")) {
                literal++;
            }
        }
        return literal;
    }

    /** The template's parameters bound to the path's segments, or empty when the path is not this template's. */
    Optional<Map<String, String>> match(String path) {
        String[] expected = template.split("/", -1);
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < expected.length; i++) {
            String segment = expected[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), actual[i]);
            } else if (!segment.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }
}
