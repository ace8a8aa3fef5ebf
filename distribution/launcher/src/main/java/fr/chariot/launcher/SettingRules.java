package fr.chariot.launcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Checks and normalises the settings the launcher itself relies on; every other setting passes through as is.
 * A rule returns the normalised value or throws {@link IllegalArgumentException} whose message completes the
 * sentence "&lt;setting&gt; ...".
 */
final class SettingRules {

    private static final int HIGHEST_PORT = 65535;

    private final Map<String, UnaryOperator<String>> rules;

    SettingRules(Path home) {
        rules = Map.of(
                ChariotSettings.HTTP_HOST, SettingRules::host,
                ChariotSettings.HTTP_PORT, SettingRules::port,
                ChariotSettings.PUBLIC_URL, SettingRules::publicUrl,
                ChariotSettings.DATA, value -> folder(home, value),
                ChariotSettings.LOGS, value -> folder(home, value));
    }

    /** @return the settings the defaults file must provide, since the launcher cannot start without them */
    Set<String> required() {
        return rules.keySet();
    }

    /** @throws IllegalArgumentException when the value is unusable for this setting */
    String apply(String key, String value) {
        return rules.getOrDefault(key, UnaryOperator.identity()).apply(value);
    }

    private static String host(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return value;
    }

    private static String port(String value) {
        // At most five digits first, so that the parse can neither fail nor overflow.
        if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > HIGHEST_PORT) {
            throw new IllegalArgumentException("must be an integer from 1 to " + HIGHEST_PORT);
        }
        return Integer.toString(Integer.parseInt(value));
    }

    /** Devices are told URLs built by appending paths, so a trailing slash would double up. */
    private static String publicUrl(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an absolute http or https URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("must be an absolute http or https URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("must be an http or https URL with a host name");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a query (?...) or a fragment (#...)");
        }
        String url = value;
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    /** Relative folders are taken against home, not the working directory, which differs between start methods. */
    private static String folder(Path home, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return home.resolve(value).toAbsolutePath().normalize().toString();
    }
}
