package fr.chariot.itests.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A small HTTP client for the tests, with polling: whiteboard registrations and hot deploys are asynchronous. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String base;

    public Http(String base) {
        this.base = base;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Polls {@code path} until the answer satisfies {@code until}, or fails with the last answer seen.
     */
    public HttpResponse<String> await(String path, Predicate<HttpResponse<String>> until, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            try {
                HttpResponse<String> response = get(path);
                if (until.test(response)) {
                    return response;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("GET " + base + path + " did not answer as expected within " + timeout
                        + "; last answer: " + last);
            }
            Thread.sleep(100);
        }
    }

    public static Predicate<HttpResponse<String>> status(int code) {
        return r -> r.statusCode() == code;
    }

    public static Predicate<HttpResponse<String>> bodyStartsWith(String prefix) {
        return r -> r.statusCode() == 200 && r.body().startsWith(prefix);
    }
}
