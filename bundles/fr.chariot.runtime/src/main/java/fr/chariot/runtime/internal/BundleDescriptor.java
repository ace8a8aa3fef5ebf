package fr.chariot.runtime.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRevision;

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
        // The revision's type, not the headers: Felix copies every header into a sorted map at each getHeaders call,
        // which was the largest cost of a probe.
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        boolean fragment = revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
        return new BundleDescriptor(bundle.getSymbolicName(), bundle.getVersion().toString(), bundle.getState(),
                fragment);
    }
}
