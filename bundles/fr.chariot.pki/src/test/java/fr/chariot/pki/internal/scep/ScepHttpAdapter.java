package fr.chariot.pki.internal.scep;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** Test-only: serves a {@link ScepEndpoint} at /scep from the JDK's HTTP server on 127.0.0.1, any free port. */
final class ScepHttpAdapter implements AutoCloseable {

    private final HttpServer http;

    ScepHttpAdapter(ScepEndpoint endpoint) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/scep", exchange -> serve(endpoint, exchange));
        http.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/scep");
    }

    private static void serve(ScepEndpoint endpoint, HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            byte[] body = null;
            if ("POST".equals(exchange.getRequestMethod())) {
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readNBytes(ScepEndpoint.MAX_MESSAGE_BYTES + 1);
                }
                if (body.length > ScepEndpoint.MAX_MESSAGE_BYTES) {
                    body = null;
                }
            }
            ScepEndpoint.Response response = endpoint.handle(exchange.getRequestMethod(), query.get("operation"),
                    query.get("message"), body);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), response.body().length);
            exchange.getResponseBody().write(response.body());
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
