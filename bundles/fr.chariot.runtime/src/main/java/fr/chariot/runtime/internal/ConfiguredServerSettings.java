package fr.chariot.runtime.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import fr.chariot.api.ServerSettings;

/**
 * {@link ServerSettings} from the configuration {@code fr.chariot.server}.
 *
 * <p>The policy is REQUIRE and bad values throw from the constructor: without a usable public URL every enrollment
 * profile would point devices at a wrong address, so no bundle must get settings at all. SCR logs the exception's
 * message, which names the PID, the key and the value to fix. The component is immediate so that this is logged
 * when the configuration arrives; a delayed one would only fail when a first bundle asked for the service.
 */
@Component(configurationPid = ServerConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = ServerConfig.class)
public class ConfiguredServerSettings implements ServerSettings {

    static final String PUBLIC_URL_KEY = "publicUrl";
    static final String VERSION_KEY = "version";
    private static final Set<String> WEB_SCHEMES = Set.of("http", "https");

    private final URI publicBaseUrl;
    private final String version;

    @Activate
    public ConfiguredServerSettings(ServerConfig config) {
        this(config.publicUrl(), config.version());
    }

    ConfiguredServerSettings(String publicUrl, String version) {
        this.publicBaseUrl = parsePublicUrl(publicUrl);
        this.version = requireText(VERSION_KEY, version);
    }

    @Override
    public URI publicBaseUrl() {
        return publicBaseUrl;
    }

    @Override
    public String version() {
        return version;
    }

    /**
     * The base URL without trailing slash, so that features can append {@code "/mdm/..."} without doubling it.
     * A query or fragment is refused because appending a path after it would give a wrong URL.
     */
    static URI parsePublicUrl(String value) {
        String text = requireText(PUBLIC_URL_KEY, value);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(PUBLIC_URL_KEY, value, "is not a URL (" + e.getReason() + ")");
        }
        if (!uri.isAbsolute() || !WEB_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw invalid(PUBLIC_URL_KEY, value, "must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw invalid(PUBLIC_URL_KEY, value, "has no host name");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(PUBLIC_URL_KEY, value, "must not have a query (?) or fragment (#)");
        }
        String withoutTrailingSlash = text.replaceAll("/+$", "");
        return URI.create(withoutTrailingSlash);
    }

    private static String requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(key, value, "is missing");
        }
        return value.strip();
    }

    private static IllegalArgumentException invalid(String key, String value, String problem) {
        return new IllegalArgumentException("Configuration " + ServerConfig.PID + ": " + key + " " + problem
                + "; got '" + value + "'");
    }
}
