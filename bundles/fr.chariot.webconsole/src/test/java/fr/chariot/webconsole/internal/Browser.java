package fr.chariot.webconsole.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A browser in miniature: sends requests to a servlet through hand-made request and response objects, keeps the
 * cookies it is given and the CSRF token of the last page it read.
 */
final class Browser {

    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** What the servlet answered. */
    record Answer(int status, Map<String, List<String>> headers, String body) {

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name)).flatMap(values -> values.stream().findFirst());
        }

        String location() {
            return header("Location").orElseThrow(() -> new AssertionError("no Location, status " + status));
        }
    }

    private final HttpServlet servlet;
    final Map<String, String> cookies = new LinkedHashMap<>();
    String remoteAddr = "192.0.2.10";
    boolean secure;
    String acceptLanguage;
    /** The CSRF token of the last page read, sent by {@link #submit}. */
    String token = "";

    Browser(HttpServlet servlet) {
        this.servlet = servlet;
    }

    Answer get(String uri) throws IOException {
        return send("GET", uri, Map.of(), Map.of());
    }

    /** A POST as a forged form would send it: only the given fields. */
    Answer post(String uri, String... fields) throws IOException {
        return send("POST", uri, pairs(fields), Map.of());
    }

    /** A POST of a form read before, with its CSRF token. */
    Answer submit(String uri, String... fields) throws IOException {
        Map<String, List<String>> form = pairs(fields);
        form.put(ConsoleServlet.CSRF_FIELD, List.of(token));
        return send("POST", uri, form, Map.of());
    }

    /** Logs in through the login form, as a person would. */
    Answer logIn(String username, String password) throws IOException {
        get("/console/login");
        return submit("/console/login", "username", username, "password", password);
    }

    Answer send(String method, String uri, Map<String, List<String>> form, Map<String, String> headers)
            throws IOException {
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        String query = question < 0 ? null : uri.substring(question + 1);
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                parameters.computeIfAbsent(decode(nameValue[0]), k -> new ArrayList<>())
                        .add(nameValue.length > 1 ? decode(nameValue[1]) : "");
            }
        }
        form.forEach((name, values) -> parameters.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        Map<String, String> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        requestHeaders.putAll(headers);
        if (acceptLanguage != null) {
            requestHeaders.put("Accept-Language", acceptLanguage);
        }
        String pathInfo = path.equals("/console") ? null : decode(path.substring("/console".length()));
        Exchange exchange = new Exchange();
        HttpServletRequest request = request(method, path, pathInfo, query, parameters, requestHeaders);
        try {
            servlet.service((jakarta.servlet.ServletRequest) request,
                    (jakarta.servlet.ServletResponse) exchange.response());
        } catch (jakarta.servlet.ServletException e) {
            throw new IOException(e);
        }
        Answer answer = exchange.answer();
        for (String cookie : answer.headers().getOrDefault("Set-Cookie", List.of())) {
            String[] nameValue = cookie.split(";", 2)[0].split("=", 2);
            if (cookie.contains("Max-Age=0")) {
                cookies.remove(nameValue[0]);
            } else {
                cookies.put(nameValue[0], nameValue[1]);
            }
        }
        Matcher matcher = TOKEN.matcher(answer.body());
        if (matcher.find()) {
            token = matcher.group(1);
        }
        return answer;
    }

    private HttpServletRequest request(String method, String path, String pathInfo, String query,
            Map<String, List<String>> parameters, Map<String, String> headers) {
        Map<String, String[]> parameterMap = new LinkedHashMap<>();
        parameters.forEach((name, values) -> parameterMap.put(name, values.toArray(String[]::new)));
        Cookie[] sent = cookies.entrySet().stream().map(e -> new Cookie(e.getKey(), e.getValue()))
                .toArray(Cookie[]::new);
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> pathInfo;
                    case "getRequestURI" -> path;
                    case "getQueryString" -> query;
                    case "getContextPath" -> "";
                    case "getServletPath" -> "/console";
                    case "getParameter" -> Optional.ofNullable(parameterMap.get((String) args[0]))
                            .map(values -> values[0]).orElse(null);
                    case "getParameterValues" -> parameterMap.get((String) args[0]);
                    case "getParameterMap" -> parameterMap;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getCookies" -> sent.length == 0 ? null : sent;
                    case "getRemoteAddr" -> remoteAddr;
                    case "isSecure" -> secure;
                    case "setCharacterEncoding" -> null;
                    case "toString" -> method + " " + path;
                    default -> throw new UnsupportedOperationException("request." + m.getName());
                });
    }

    private static Map<String, List<String>> pairs(String... fields) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            map.computeIfAbsent(fields[i], k -> new ArrayList<>()).add(fields[i + 1]);
        }
        return map;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The response side: status, headers and body as the servlet set them. */
    private static final class Exchange {
        private int status = 200;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private StringWriter text = new StringWriter();
        private ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        HttpServletResponse response() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    bytes.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(Browser.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "setStatus" -> status = (Integer) args[0];
                            case "getStatus" -> {
                                return status;
                            }
                            case "sendError" -> status = (Integer) args[0];
                            case "setHeader" -> headers.put((String) args[0],
                                    new ArrayList<>(List.of((String) args[1])));
                            case "addHeader" -> headers.computeIfAbsent((String) args[0], k -> new ArrayList<>())
                                    .add((String) args[1]);
                            case "setContentType" -> headers.put("Content-Type",
                                    new ArrayList<>(List.of((String) args[0])));
                            case "setContentLength", "setCharacterEncoding" -> {
                            }
                            case "getWriter" -> {
                                return new PrintWriter(text, true);
                            }
                            case "getOutputStream" -> {
                                return out;
                            }
                            case "isCommitted" -> {
                                return false;
                            }
                            case "reset" -> {
                                status = 200;
                                headers.clear();
                                text = new StringWriter();
                                bytes = new ByteArrayOutputStream();
                            }
                            default -> throw new UnsupportedOperationException("response." + m.getName());
                        }
                        return null;
                    });
        }

        Answer answer() {
            String body = text.toString() + bytes.toString(StandardCharsets.UTF_8);
            return new Answer(status, headers, body);
        }
    }
}
