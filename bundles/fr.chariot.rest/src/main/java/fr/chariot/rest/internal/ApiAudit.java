package fr.chariot.rest.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.Principal;

/**
 * Writes every change made through the API to the audit log, in one place so that no resource can forget it: any
 * authenticated request other than a GET that succeeded (2xx). The action is the route ({@code api.post
 * /groups/{id}}); the objects are the path's ids and the devices or members the body names; the college is the
 * path's RNE or the body's {@code site}.
 */
final class ApiAudit {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAudit.class);

    private final AuditLog log;

    ApiAudit(AuditLog log) {
        this.log = log;
    }

    void recordIfChange(Principal caller, Route route, Map<String, String> pathParameters, ApiRequest request,
            ApiResponse answer) {
        if ("GET".equals(route.method()) || answer.status() < 200 || answer.status() >= 300) {
            return;
        }
        Optional<JsonNode> body = jsonObject(request.body());
        List<String> objects = new ArrayList<>();
        pathParameters.forEach((name, value) -> {
            if (!"rne".equals(name)) {
                objects.add(value);
            }
        });
        body.ifPresent(json -> {
            texts(json.get("devices"), objects);
            texts(json.get("members"), objects);
        });
        Optional<String> site = Optional.ofNullable(pathParameters.get("rne"))
                .or(() -> body.map(json -> json.get("site")).filter(JsonNode::isTextual).map(JsonNode::asText))
                .map(rne -> rne.strip().toUpperCase(Locale.ROOT));
        String action = "api." + route.method().toLowerCase(Locale.ROOT) + " " + route.template();
        try {
            log.record(new AuditEvent(caller.username(), request.from(), site, action, objects,
                    route.method() + " /api/v1" + request.path() + " → " + answer.status()));
        } catch (RuntimeException e) {
            // The change is made and answered; losing its journal line must show in the server's log.
            LOG.error("Could not write the audit entry of {} by {}", action, caller.username(), e);
        }
    }

    private static Optional<JsonNode> jsonObject(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode json = Requests.JSON.readTree(body);
            return json != null && json.isObject() ? Optional.of(json) : Optional.empty();
        } catch (IOException e) {
            // a PEM or PKCS#12 body (push certificate): nothing to name in it
            return Optional.empty();
        }
    }

    private static void texts(JsonNode array, List<String> into) {
        if (array != null && array.isArray()) {
            array.forEach(item -> {
                if (item.isTextual()) {
                    into.add(item.asText());
                }
            });
        }
    }
}
