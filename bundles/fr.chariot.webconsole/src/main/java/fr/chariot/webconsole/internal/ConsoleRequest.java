package fr.chariot.webconsole.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.PageRequest;
import fr.chariot.webconsole.api.Texts;

/**
 * A {@link PageRequest} over the servlet request's parameters (decoded as UTF-8 by the servlet, which sets the
 * request's encoding before reading them), without the CSRF token: pages never see it.
 */
final class ConsoleRequest implements PageRequest {

    private final ConsoleUser user;
    private final String method;
    private final String subPath;
    private final Map<String, List<String>> parameters;
    private final Texts own;
    private final Texts shell;

    ConsoleRequest(ConsoleUser user, String method, String subPath, Map<String, String[]> sent, Texts own,
            Texts shell) {
        this.user = user;
        this.method = method;
        this.subPath = subPath;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        sent.forEach((name, values) -> {
            if (!ConsoleServlet.CSRF_FIELD.equals(name)) {
                copy.put(name, List.copyOf(Arrays.asList(values)));
            }
        });
        this.parameters = java.util.Collections.unmodifiableMap(copy);
        this.own = own;
        this.shell = shell;
    }

    @Override
    public ConsoleUser user() {
        return user;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String subPath() {
        return subPath;
    }

    @Override
    public Optional<String> parameter(String name) {
        return parameters(name).stream().findFirst();
    }

    @Override
    public List<String> parameters(String name) {
        return parameters.getOrDefault(name, List.of()).stream().map(String::strip).filter(v -> !v.isEmpty())
                .toList();
    }

    @Override
    public Map<String, List<String>> parameterMap() {
        return parameters;
    }

    @Override
    public String text(String key, Object... arguments) {
        return own.has(user.locale(), key) ? own.text(user.locale(), key, arguments)
                : shell.text(user.locale(), key, arguments);
    }
}
