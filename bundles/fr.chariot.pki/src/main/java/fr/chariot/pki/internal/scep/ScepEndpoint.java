package fr.chariot.pki.internal.scep;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of SCEP (RFC 8894 §4), free of any servlet API so that the servlet and a test's plain JDK HTTP server
 * route requests identically.
 */
public final class ScepEndpoint {

    /** Largest pkiMessage accepted: a CSR with a 4096-bit key, enveloped and signed, is well under 16 KiB. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    static final String PKI_MESSAGE = "application/x-pki-message";
    static final String CA_CERT = "application/x-x509-ca-cert";
    static final String TEXT = "text/plain; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(ScepEndpoint.class);

    private final ScepServer server;

    public ScepEndpoint(ScepServer server) {
        this.server = server;
    }

    /** An HTTP answer. */
    public record Response(int status, String contentType, byte[] body) {

        static Response text(int status, String text) {
            return new Response(status, TEXT, (text + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * @param method    GET or POST
     * @param operation the {@code operation} query parameter
     * @param message   the {@code message} query parameter, already URL-decoded (GET PKIOperation only)
     * @param body      the request body (POST only); {@code null} if it exceeded {@link #MAX_MESSAGE_BYTES}
     */
    public Response handle(String method, String operation, String message, byte[] body) {
        if (operation == null) {
            return Response.text(400, "The operation parameter is missing: GetCACaps, GetCACert or PKIOperation.");
        }
        if ("POST".equals(method)) {
            if (!"PKIOperation".equals(operation)) {
                return Response.text(400, "Only PKIOperation is sent with POST, not " + printable(operation) + ".");
            }
            if (body == null) {
                return Response.text(413, "The pkiMessage is larger than " + MAX_MESSAGE_BYTES + " bytes.");
            }
            return pkiOperation(body);
        }
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Response.text(405, "SCEP answers GET and POST only.");
        }
        switch (operation) {
            case "GetCACaps":
                return new Response(200, TEXT, server.capabilities().getBytes(StandardCharsets.US_ASCII));
            case "GetCACert":
                return new Response(200, CA_CERT, server.caCertificate());
            case "PKIOperation":
                return pkiOperation(decodeGetMessage(message));
            default:
                return Response.text(400, "Unsupported SCEP operation " + printable(operation)
                        + ": this server answers GetCACaps, GetCACert and PKIOperation.");
        }
    }

    private Response pkiOperation(byte[] message) {
        if (message == null) {
            return Response.text(400, "The message parameter is missing or is not base64.");
        }
        try {
            return new Response(200, PKI_MESSAGE, server.pkiOperation(message));
        } catch (MalformedScepMessageException e) {
            LOG.warn("SCEP: unreadable PKIOperation: {}", e.getMessage());
            return Response.text(400, "Malformed SCEP pkiMessage: " + e.getMessage());
        } catch (IllegalStateException e) {
            LOG.error("SCEP: PKIOperation failed on the server's side", e);
            return Response.text(500, "The SCEP server failed; the request was not processed.");
        }
    }

    /**
     * Base64 from a GET query. A client that did not URL-encode its '+' signs sends them as spaces, and line breaks
     * from a MIME encoder can survive; both are repaired rather than refused.
     */
    private static byte[] decodeGetMessage(String message) {
        if (message == null || message.isBlank() || message.length() > MAX_MESSAGE_BYTES * 2) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(message.replace(' ', '+').replaceAll("[\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String printable(String text) {
        String cleaned = text.replaceAll("[^\\x20-\\x7e]", "?");
        return "'" + (cleaned.length() > 40 ? cleaned.substring(0, 40) + "..." : cleaned) + "'";
    }
}
