package fr.chariot.runtime.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/**
 * What {@code /health} needs to know about one installed bundle, detached from the framework so that
 * {@link HealthReport} can be tested without one.
 *
 * @param symbolicName the Bundle-SymbolicName, or {@code null} for a bundle that has none
 * @param version      the bundle version, as text
 * @param state        one of {@link Bundle}'s state constants ({@link Bundle#ACTIVE}, ...)
 * @param fragment     whether the bundle is a fragment, which never becomes ACTIVE
 */
record BundleDescriptor(String symbolicName, String version, int state, boolean fragment) {

    static BundleDescriptor of(Bundle bundle) {
        // Raw headers: the localised ones would make the framework look up resource bundles on every probe.
        boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
        return new BundleDescriptor(bundle.getSymbolicName(), bundle.getVersion().toString(), bundle.getState(),
                fragment);
    }
}
