package fr.chariot.webconsole.internal.render;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.unbescape.html.HtmlEscape;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

/** The functions every console template may call: {@code t}, {@code url}, {@code csrf}. */
final class ConsoleExtension extends AbstractExtension {

    static final String CONSOLE_ROOT = "/console/";
    static final String CSRF_FIELD = "_csrf";

    @Override
    public Map<String, Function> getFunctions() {
        return Map.of("t", new Translate(), "url", new Url(), "csrf", new Csrf());
    }

    private static RenderContext context(EvaluationContext evaluation) {
        return (RenderContext) evaluation.getVariable(RenderContext.VARIABLE);
    }

    /** {@code t('key', arg…)}: positional arguments, so argument names are not declared. */
    private static final class Translate implements Function {
        @Override
        public List<String> getArgumentNames() {
            return null;
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext evaluation,
                int lineNumber) {
            RenderContext console = context(evaluation);
            // Pebble names positional arguments "0", "1", …; sorted numerically they are the call's order.
            TreeMap<Integer, Object> ordered = new TreeMap<>();
            args.forEach((name, value) -> ordered.put(Integer.valueOf(name), value));
            Object[] values = ordered.values().toArray();
            if (values.length == 0) {
                throw new IllegalArgumentException("t() needs a key, line " + lineNumber + " of " + self.getName());
            }
            String key = String.valueOf(values[0]);
            Object[] arguments = java.util.Arrays.copyOfRange(values, 1, values.length);
            Locale locale = Locale.forLanguageTag(console.language());
            return console.ownTexts().has(locale, key) ? console.ownTexts().text(locale, key, arguments)
                    : console.shellTexts().text(locale, key, arguments);
        }
    }

    /** {@code url('groups/12')} → {@code /console/groups/12}: pages never spell the console's root. */
    private static final class Url implements Function {
        @Override
        public List<String> getArgumentNames() {
            return List.of("path");
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext evaluation,
                int lineNumber) {
            Object path = args.get("path");
            String relative = path == null ? "" : path.toString();
            while (relative.startsWith("/")) {
                relative = relative.substring(1);
            }
            return CONSOLE_ROOT + relative;
        }
    }

    /** {@code csrf()}: the hidden field; returned as safe HTML since the shell built it from an escaped token. */
    private static final class Csrf implements Function {
        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext evaluation,
                int lineNumber) {
            String token = HtmlEscape.escapeHtml5(context(evaluation).csrfToken());
            return new SafeString("<input type=\"hidden\" name=\"" + CSRF_FIELD + "\" value=\"" + token + "\">");
        }
    }
}
