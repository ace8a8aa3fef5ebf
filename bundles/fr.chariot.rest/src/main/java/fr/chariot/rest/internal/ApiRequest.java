package fr.chariot.rest.internal;

import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request to {@code /api/v1}, independent of the servlet API so that the whole API can be exercised
 * without a server.
 *
 * @param method        the HTTP method, upper-case
 * @param path          the path below {@code /api/v1}, e.g. {@code /devices/ABC/commands}; {@code /} at the root
 * @param query         the decoded query parameters (the first value of each)
 * @param authorization the {@code Authorization} header
 * @param body          the request body, empty when there is none
 */
record ApiRequest(String method, String path, Map<String, String> query, Optional<String> authorization,
        byte[] body, String from) {

    ApiRequest {
        query = Map.copyOf(query);
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(query.get(name));
    }
}
