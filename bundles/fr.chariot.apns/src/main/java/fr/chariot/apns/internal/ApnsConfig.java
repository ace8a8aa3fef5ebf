package fr.chariot.apns.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code fr.chariot.apns}; every key has a production default, so none is required. */
@ObjectClassDefinition(id = ApnsConfig.PID, name = "Chariot APNs",
        description = "How Chariot reaches Apple Push Notification service to wake devices")
@interface ApnsConfig {

    String PID = "fr.chariot.apns";

    @AttributeDefinition(description = "APNs host; portal MDM push certificates work in production only")
    String host() default "api.push.apple.com";

    @AttributeDefinition(description = "APNs port (443, or 2197 where 443 is blocked)", min = "1", max = "65535")
    int port() default 443;

    @AttributeDefinition(description = "Most pushes waiting for APNs' answer at once, for the whole server", min = "1")
    int maxConcurrentPushes() default 1000;

    @AttributeDefinition(description = "HTTP/2 connections to APNs (each carries many pushes)", min = "1")
    int connections() default 2;

    @AttributeDefinition(description = "Hours APNs keeps a push for a device that is off (it keeps only the latest)",
            min = "0")
    int expirationHours() default 72;

    @AttributeDefinition(description = "Attempts per push when APNs answers 429 or 5xx or the network fails",
            min = "1")
    int maxAttempts() default 5;

    @AttributeDefinition(description = "Delay before the first retry, in milliseconds; doubled at each retry, "
            + "with jitter, up to one minute", min = "1")
    long retryDelayMillis() default 1000;

    @AttributeDefinition(description = "PEM file of the CA certificates trusted for the APNs server (a mock APNs "
            + "for tests and benchmarks); empty means the JDK's trust store")
    String trustedServerCertificatesPem() default "";
}
