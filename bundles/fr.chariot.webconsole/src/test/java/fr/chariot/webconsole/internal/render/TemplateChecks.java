package fr.chariot.webconsole.internal.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.webconsole.api.ConsolePage;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.PageRequest;
import fr.chariot.webconsole.api.Texts;
import fr.chariot.webconsole.api.View;

/**
 * For feature bundles' unit tests (this module's test-jar): renders a page's {@link View} exactly as the console
 * does (same engine, escaping, functions and shell texts, without the layout), and builds {@link PageRequest}s.
 */
public final class TemplateChecks {

    /** The token {@code csrf()} prints in these renderings. */
    public static final String CSRF_TOKEN = "test-csrf-token";

    private static final TemplateRenderer RENDERER = new TemplateRenderer();

    private TemplateChecks() {
    }

    /** The HTML of a view a page answered. */
    public static String render(ConsolePage page, View view, ConsoleUser user) {
        ClassLoader loader = page.getClass().getClassLoader();
        RenderContext context = new RenderContext(user, language(user), new Texts(loader, page.messages()),
                shellTexts(), CSRF_TOKEN);
        return RENDERER.render(loader, view.template(), view.model(), context);
    }

    public static Texts shellTexts() {
        return new Texts(TemplateRenderer.class.getClassLoader(), "fr/chariot/webconsole/internal/messages");
    }

    public static ConsoleUser user(Role role, String... sites) {
        return new ConsoleUser(new Principal("user-" + role.name().toLowerCase(Locale.ROOT), role, java.util.Set.of(sites)),
                Locale.FRENCH, "192.0.2.1");
    }

    public static ConsoleUser english(ConsoleUser user) {
        return new ConsoleUser(user.principal(), Locale.ENGLISH, user.from());
    }

    public static PageRequest get(ConsolePage page, ConsoleUser user, String subPath, String... parameters) {
        return request(page, user, "GET", subPath, parameters);
    }

    public static PageRequest post(ConsolePage page, ConsoleUser user, String subPath, String... parameters) {
        return request(page, user, "POST", subPath, parameters);
    }

    /** @param parameters name, value, name, value, … (a name may repeat) */
    public static PageRequest request(ConsolePage page, ConsoleUser user, String method, String subPath,
            String... parameters) {
        if (parameters.length % 2 != 0) {
            throw new IllegalArgumentException("name, value pairs");
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            map.computeIfAbsent(parameters[i], k -> new ArrayList<>()).add(parameters[i + 1]);
        }
        Texts texts = new Texts(page.getClass().getClassLoader(), page.messages());
        return new PageRequest() {
            @Override public ConsoleUser user() { return user; }
            @Override public String method() { return method; }
            @Override public String subPath() { return subPath; }
            @Override public Optional<String> parameter(String name) {
                return parameters(name).stream().findFirst();
            }
            @Override public List<String> parameters(String name) {
                return map.getOrDefault(name, List.of()).stream().map(String::strip).filter(v -> !v.isEmpty())
                        .toList();
            }
            @Override public Map<String, List<String>> parameterMap() { return Map.copyOf(map); }
            @Override public String text(String key, Object... arguments) {
                return texts.has(user.locale(), key) ? texts.text(user.locale(), key, arguments)
                        : shellTexts().text(user.locale(), key, arguments);
            }
        };
    }

    private static String language(ConsoleUser user) {
        return user != null && "en".equals(user.locale().getLanguage()) ? "en" : "fr";
    }
}
