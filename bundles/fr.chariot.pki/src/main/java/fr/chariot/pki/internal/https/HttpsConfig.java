package fr.chariot.pki.internal.https;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration PID {@code fr.chariot.pki.https}; the component waits for it (the distribution provides it). */
@ObjectClassDefinition(id = HttpsConfig.PID, name = "Chariot HTTPS",
        description = "Whether Chariot's Jetty serves HTTPS, with which certificate, and whether it asks devices "
                + "for their identity certificate")
@interface HttpsConfig {

    String PID = "fr.chariot.pki.https";

    @AttributeDefinition(description = "Serve HTTPS; false removes the HTTPS settings Chariot gave Jetty")
    boolean enabled() default false;

    @AttributeDefinition(description = "HTTPS port (not the HTTP port)", min = "1", max = "65535")
    int port() default 8443;

    @AttributeDefinition(description = "Absolute path of a PKCS#12 keystore holding the server key and its "
            + "certificate chain (a public certificate); empty means a certificate issued by Chariot's device CA, "
            + "generated in <chariot.data>/pki/https/")
    String keystore() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of that keystore and of its key; "
            + "unused when the certificate is generated")
    String keystorePassword() default "";

    @AttributeDefinition(description = "Host names and IP addresses the generated certificate names (comma "
            + "separated): every name devices and browsers use to reach Chariot, the public URL's host first")
    String[] hostnames() default { "localhost", "127.0.0.1" };

    @AttributeDefinition(description = "Ask TLS clients for a certificate issued by the device CA (wants) or not "
            + "(none); a client without one still connects", options = {
                    @Option(label = "wants", value = "wants"), @Option(label = "none", value = "none") })
    String clientCertificates() default "wants";
}
