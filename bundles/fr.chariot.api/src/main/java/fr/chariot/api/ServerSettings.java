package fr.chariot.api;

import java.net.URI;

/**
 * Settings of the running server that features need to build what they hand to devices and people.
 *
 * <p>Provided as a service by {@code fr.chariot.runtime} from the configuration PID {@code fr.chariot.server}.
 */
public interface ServerSettings {

    /**
     * The base URL iPads and browsers use to reach this server, e.g. {@code https://mdm.college.fr}; never ends with
     * a slash. Enrollment profiles and links are built from it, never from the address a request arrived on.
     */
    URI publicBaseUrl();

    /** Chariot's version, as shown in {@code /health}. */
    String version();
}
