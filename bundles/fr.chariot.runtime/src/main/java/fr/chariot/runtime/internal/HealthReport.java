package fr.chariot.runtime.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.osgi.framework.Bundle;

/**
 * The body of {@code GET /health}: Chariot is UP when every Chariot bundle is ACTIVE. Serialised by Jackson in the
 * order of the record components.
 *
 * @param status  {@link #UP} or {@link #DOWN}
 * @param version Chariot's version, from {@code fr.chariot.server}
 * @param bundles every non-fragment bundle whose symbolic name starts with {@link #CHARIOT_PREFIX}, by name
 */
record HealthReport(String status, String version, List<BundleHealth> bundles) {

    static final String UP = "UP";
    static final String DOWN = "DOWN";
    static final String CHARIOT_PREFIX = "fr.chariot.";

    /** One bundle as listed by {@code /health}; {@code state} is the OSGi state name, e.g. {@code ACTIVE}. */
    record BundleHealth(String name, String version, String state) {
    }

    static HealthReport of(String version, Collection<BundleDescriptor> installed) {
        List<BundleHealth> bundles = installed.stream()
                .filter(bundle -> bundle.symbolicName() != null && bundle.symbolicName().startsWith(CHARIOT_PREFIX))
                // A fragment stays RESOLVED for its whole life; counting it would keep the server DOWN forever.
                .filter(bundle -> !bundle.fragment())
                .map(bundle -> new BundleHealth(bundle.symbolicName(), bundle.version(), stateName(bundle.state())))
                .sorted(Comparator.comparing(BundleHealth::name).thenComparing(BundleHealth::version))
                .toList();
        boolean allActive = bundles.stream().allMatch(bundle -> bundle.state().equals(stateName(Bundle.ACTIVE)));
        return new HealthReport(allActive ? UP : DOWN, version, bundles);
    }

    /** 503 when DOWN, so that a load balancer or a script can test the status code alone. */
    int httpStatus() {
        return UP.equals(status) ? 200 : 503;
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> throw new IllegalArgumentException("Not an OSGi bundle state: " + state);
        };
    }
}
