package fr.chariot.webconsole.internal.render;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;

/**
 * Renders console templates with Pebble, HTML escaping on and undefined variables refused (a misspelt name fails
 * loudly instead of printing nothing). One engine per class loader, because a template is read from the bundle
 * that contributed it; {@link #forget} drops a bundle's engine when its page goes, so an updated bundle's
 * templates are read anew.
 */
public final class TemplateRenderer {

    private final Map<ClassLoader, PebbleEngine> engines = new ConcurrentHashMap<>();

    /**
     * @param loader   the contributor's class loader
     * @param template a resource path in it
     * @param model    the template's variables
     * @return the rendered HTML
     * @throws io.pebbletemplates.pebble.error.PebbleException when the template is missing or broken
     */
    public String render(ClassLoader loader, String template, Map<String, Object> model, RenderContext context) {
        Map<String, Object> variables = new HashMap<>(model);
        variables.put(RenderContext.VARIABLE, context);
        variables.putIfAbsent("user", context.user());
        variables.put("lang", context.language());
        StringWriter out = new StringWriter(8192);
        try {
            engine(loader).getTemplate(template).evaluate(out, variables, Locale.forLanguageTag(context.language()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Drops the engine (and its cached templates) of a class loader that is going away. */
    public void forget(ClassLoader loader) {
        engines.remove(loader);
    }

    private PebbleEngine engine(ClassLoader loader) {
        return engines.computeIfAbsent(loader, l -> new PebbleEngine.Builder()
                .loader(new ClasspathLoader(l))
                .autoEscaping(true)
                .defaultEscapingStrategy("html")
                .strictVariables(true)
                .newLineTrimming(true)
                .extension(new ConsoleExtension())
                .build());
    }
}
