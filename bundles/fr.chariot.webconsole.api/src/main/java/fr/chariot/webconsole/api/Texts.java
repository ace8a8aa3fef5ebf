package fr.chariot.webconsole.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The texts of a contributor's message files ({@code <base>_fr.properties}, {@code <base>_en.properties}, UTF-8),
 * for cards and panels that build their texts in Java. French is the fallback for a key missing in English.
 * Thread-safe; files are read once.
 */
public final class Texts {

    private final ClassLoader loader;
    private final String baseName;
    private final Map<String, Properties> byLanguage = new ConcurrentHashMap<>();

    /**
     * @param loader   the contributor's class loader ({@code getClass().getClassLoader()})
     * @param baseName as in {@link ConsolePage#messages()}
     */
    public Texts(ClassLoader loader, String baseName) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.baseName = Objects.requireNonNull(baseName, "baseName");
    }

    /** The text of a key in a language, with {@link MessageFormat} arguments; empty-handed, the key itself. */
    public String text(Locale locale, String key, Object... arguments) {
        String pattern = find(locale, key);
        if (pattern == null) {
            return key;
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    /** Whether a text exists for the key (in the language or in French). */
    public boolean has(Locale locale, String key) {
        return find(locale, key) != null;
    }

    private String find(Locale locale, String key) {
        String text = messages(language(locale)).getProperty(key);
        return text != null ? text : messages("fr").getProperty(key);
    }

    private static String language(Locale locale) {
        return "en".equals(locale.getLanguage()) ? "en" : "fr";
    }

    private Properties messages(String language) {
        return byLanguage.computeIfAbsent(language, this::load);
    }

    private Properties load(String language) {
        Properties properties = new Properties();
        try (InputStream in = loader.getResourceAsStream(baseName + "_" + language + ".properties")) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + baseName + "_" + language, e);
        }
        return properties;
    }
}
