package fr.chariot.itests.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Chariot's REST API as an integrator's script uses it: a token from Basic credentials, then JSON. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String base;
    private final String token;

    private Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static Api login(String base, String user, String password) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("login failed: " + r.statusCode() + " " + r.body());
        }
        return new Api(base, JSON.readTree(r.body()).get("token").asText());
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return expect(200, send(HttpRequest.newBuilder(URI.create(base + path)).GET()));
    }

    public JsonNode post(String path, int expected, Object body) throws IOException, InterruptedException {
        return expect(expected, send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))));
    }

    public JsonNode put(String path, byte[] body) throws IOException, InterruptedException {
        return expect(200, send(HttpRequest.newBuilder(URI.create(base + path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))));
    }

    /** PUT of a JSON body. */
    public JsonNode put(String path, int expected, Object body) throws IOException, InterruptedException {
        return expect(expected, send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))));
    }

    public JsonNode delete(String path, int expected) throws IOException, InterruptedException {
        return expect(expected, send(HttpRequest.newBuilder(URI.create(base + path)).DELETE()));
    }

    /** Any request, answered as it is: for refusals and for bodies that are not JSON (exports). */
    public HttpResponse<String> exchange(String method, String path, Object jsonBody)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(jsonBody));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(int status, HttpResponse<String> r) throws IOException {
        if (r.statusCode() != status) {
            throw new AssertionError(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + " "
                    + r.body() + ", expected " + status);
        }
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }
}
