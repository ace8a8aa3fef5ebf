package fr.chariot.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console as a browser asks it, for timing its pages: logs in as the bootstrap admin through the login form
 * (CSRF token and session cookie, the forced password change included), then fetches pages. Changing the admin's
 * password ends the REST token {@link Server} holds, so this comes after the REST figures.
 */
final class ConsoleTimer {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("CHARIOT_SESSION=([^;]*)");
    private static final String CHOSEN_PASSWORD = "Banc-d-essai-console-2026";

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String cookie = "";
    private String csrf = "";

    private ConsoleTimer(String base) {
        this.base = base;
    }

    static ConsoleTimer logIn(String base, String password) throws IOException, InterruptedException {
        ConsoleTimer console = new ConsoleTimer(base);
        console.get("/console/login");
        HttpResponse<String> login = console.post("/console/login", "username=admin&password=" + encode(password));
        if (login.headers().firstValue("Location").orElse("").endsWith("/console/password")) {
            console.get("/console/password");
            console.post("/console/password", "form=password&current=" + encode(password) + "&new="
                    + encode(CHOSEN_PASSWORD) + "&confirm=" + encode(CHOSEN_PASSWORD));
        }
        if (console.get("/console/").statusCode() != 200) {
            throw new IllegalStateException("could not log into the console");
        }
        return console;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (!cookie.isEmpty()) {
            request.header("Cookie", "CHARIOT_SESSION=" + cookie);
        }
        return remember(client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + encode(csrf)));
        if (!cookie.isEmpty()) {
            request.header("Cookie", "CHARIOT_SESSION=" + cookie);
        }
        return remember(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        response.headers().allValues("Set-Cookie").forEach(header -> {
            Matcher m = SESSION.matcher(header);
            if (m.find()) {
                cookie = m.group(1);
            }
        });
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return response;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
