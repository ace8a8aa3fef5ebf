package fr.chariot.itests.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console over plain HTTP, as a browser without JavaScript uses it: a session cookie, the CSRF token read
 * from the last page's forms, forms posted URL-encoded. Redirects are not followed, so tests see each answer.
 */
public final class ConsoleClient {

    public static final String COOKIE = "CHARIOT_SESSION";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SET_COOKIE = Pattern.compile(COOKIE + "=([^;]*)");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;
    private String cookie = "";
    private String csrf = "";

    public ConsoleClient(String base) {
        this.base = base;
    }

    /**
     * Logs in; when the password must be changed first, changes it to {@code newPassword}.
     *
     * @return the answer to the login (a 303 when it succeeded)
     */
    public HttpResponse<String> logIn(String user, String password, Optional<String> newPassword)
            throws IOException, InterruptedException {
        get("/console/login");
        HttpResponse<String> answer = post("/console/login", "username", user, "password", password);
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() == 303 && location.endsWith("/console/password") && newPassword.isPresent()) {
            get("/console/password");
            HttpResponse<String> changed = post("/console/password", "form", "password", "current", password,
                    "new", newPassword.get(), "confirm", newPassword.get());
            if (changed.statusCode() != 303) {
                throw new IOException("password change refused: " + changed.statusCode() + " " + changed.body());
            }
        }
        return answer;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return remember(CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts a form with the session's CSRF token. @param fields name, value, name, value, … */
    public HttpResponse<String> post(String path, String... fields) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(fields));
        all.add("_csrf");
        all.add(csrf);
        return postWithout(path, all.toArray(String[]::new));
    }

    /** Posts a form exactly as given: no CSRF token unless the fields hold one. */
    public HttpResponse<String> postWithout(String path, String... fields) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return remember(CLIENT.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    public String cookie() {
        return cookie;
    }

    public String csrfToken() {
        return csrf;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return cookie.isEmpty() ? builder : builder.header("Cookie", COOKIE + "=" + cookie);
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            Matcher m = SET_COOKIE.matcher(header);
            if (m.find()) {
                cookie = header.contains("Max-Age=0") ? "" : m.group(1);
            }
        }
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return response;
    }
}
