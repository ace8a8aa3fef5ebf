package fr.chariot.simulator.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The server answered a device request with something other than the expected HTTP status. */
public class MdmHttpException extends SimulatorException {
    private static final long serialVersionUID = 1L;

    private final URI uri;
    private final int status;
    private final transient byte[] body;

    public MdmHttpException(String method, URI uri, int status, byte[] body) {
        super(method + " " + uri + " answered HTTP " + status + bodyExcerpt(body));
        this.uri = uri;
        this.status = status;
        this.body = body.clone();
    }

    private static String bodyExcerpt(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }

    /** @return the URI that was requested */
    public URI uri() {
        return uri;
    }

    /** @return the HTTP status the server answered */
    public int status() {
        return status;
    }

    /** @return the raw body the server answered */
    public byte[] body() {
        return body.clone();
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
