package fr.chariot.protocol.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import fr.chariot.api.DeviceId;
import fr.chariot.plist.api.Plist;
import fr.chariot.plist.api.PlistException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Reading and answering device requests the same way on every MDM endpoint. */
final class MdmRequest {

    private MdmRequest() {
    }

    /** The raw body, refused past {@code maxBytes} without reading the rest. */
    static byte[] body(HttpServletRequest request, int maxBytes) throws IOException, ProtocolException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new ProtocolException(413, "body of " + declared + " bytes is over the limit of " + maxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new ProtocolException(413, "body is over the limit of " + maxBytes + " bytes");
            }
            return body;
        }
    }

    static Map<String, Object> plist(byte[] body, int maxBytes) throws ProtocolException {
        try {
            return Plist.parseDictionary(body, maxBytes);
        } catch (PlistException e) {
            throw ProtocolException.badRequest("the body is not an acceptable property list: " + e.getMessage());
        }
    }

    static String udid(Map<String, Object> message) throws ProtocolException {
        try {
            return new DeviceId(text(message, "UDID").orElseThrow(
                    () -> ProtocolException.badRequest("the message has no UDID"))).udid();
        } catch (IllegalArgumentException e) {
            throw ProtocolException.badRequest("the message's UDID is malformed");
        }
    }

    static Optional<String> text(Map<String, Object> message, String key) {
        return message.get(key) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    static void fail(HttpServletResponse response, ProtocolException e) throws IOException {
        response.setStatus(e.status());
        if (!e.body().isEmpty()) {
            response.setContentType("application/json");
            response.getOutputStream().write(e.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** 200 with a zero-length body: what ends a connect session and answers a check-in (protocol.md §11). */
    static void empty(HttpServletResponse response) {
        response.setStatus(200);
        response.setContentLength(0);
    }
}
