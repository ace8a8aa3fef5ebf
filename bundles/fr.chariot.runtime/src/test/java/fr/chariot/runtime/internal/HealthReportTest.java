package fr.chariot.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.ObjectMapper;

class HealthReportTest {

    private static BundleDescriptor bundle(String name, int state) {
        return new BundleDescriptor(name, "0.1.0.202611211200", state, false);
    }

    @Test
    void isUpWhenEveryChariotBundleIsActive() {
        HealthReport report = HealthReport.of("0.1.0", List.of(
                bundle("fr.chariot.runtime", Bundle.ACTIVE),
                bundle("fr.chariot.api", Bundle.ACTIVE)));

        assertEquals("UP", report.status());
        assertEquals(200, report.httpStatus());
        assertEquals("0.1.0", report.version());
    }

    @Test
    void isDownWhenOneChariotBundleIsNotActive() {
        for (int state : new int[] {Bundle.RESOLVED, Bundle.INSTALLED, Bundle.STARTING, Bundle.STOPPING}) {
            HealthReport report = HealthReport.of("0.1.0", List.of(
                    bundle("fr.chariot.runtime", Bundle.ACTIVE),
                    bundle("fr.chariot.inventory", state)));

            assertEquals("DOWN", report.status());
            assertEquals(503, report.httpStatus());
        }
    }

    @Test
    void listsOnlyChariotBundlesSortedByName() {
        HealthReport report = HealthReport.of("0.1.0", List.of(
                bundle("fr.chariot.runtime", Bundle.ACTIVE),
                bundle("org.apache.felix.scr", Bundle.RESOLVED),
                bundle("fr.chariotte.other", Bundle.INSTALLED),
                bundle(null, Bundle.INSTALLED),
                bundle("fr.chariot.api", Bundle.ACTIVE)));

        assertEquals(List.of(
                new HealthReport.BundleHealth("fr.chariot.api", "0.1.0.202611211200", "ACTIVE"),
                new HealthReport.BundleHealth("fr.chariot.runtime", "0.1.0.202611211200", "ACTIVE")),
                report.bundles());
        assertEquals("UP", report.status(), "bundles outside Chariot do not count");
    }

    @Test
    void ignoresFragmentsBecauseTheyNeverBecomeActive() {
        HealthReport report = HealthReport.of("0.1.0", List.of(
                bundle("fr.chariot.runtime", Bundle.ACTIVE),
                new BundleDescriptor("fr.chariot.runtime.l10n", "0.1.0", Bundle.RESOLVED, true)));

        assertEquals(List.of("fr.chariot.runtime"),
                report.bundles().stream().map(HealthReport.BundleHealth::name).toList());
        assertEquals("UP", report.status());
    }

    @Test
    void namesEveryBundleState() {
        assertEquals("ACTIVE", HealthReport.stateName(Bundle.ACTIVE));
        assertEquals("RESOLVED", HealthReport.stateName(Bundle.RESOLVED));
        assertEquals("INSTALLED", HealthReport.stateName(Bundle.INSTALLED));
        assertEquals("STARTING", HealthReport.stateName(Bundle.STARTING));
        assertEquals("STOPPING", HealthReport.stateName(Bundle.STOPPING));
        assertThrows(IllegalArgumentException.class, () -> HealthReport.stateName(3));
    }

    @Test
    void serialisesToTheDocumentedJson() throws Exception {
        HealthReport report = HealthReport.of("0.1.0", List.of(
                bundle("fr.chariot.runtime", Bundle.ACTIVE),
                bundle("fr.chariot.api", Bundle.RESOLVED)));

        assertEquals("{\"status\":\"DOWN\",\"version\":\"0.1.0\",\"bundles\":["
                + "{\"name\":\"fr.chariot.api\",\"version\":\"0.1.0.202611211200\",\"state\":\"RESOLVED\"},"
                + "{\"name\":\"fr.chariot.runtime\",\"version\":\"0.1.0.202611211200\",\"state\":\"ACTIVE\"}]}",
                new ObjectMapper().writeValueAsString(report));
    }

    @Test
    void serialisesErrorsInTheSharedShape() throws Exception {
        assertEquals("{\"error\":\"method_not_allowed\",\"message\":\"no\"}",
                new ObjectMapper().writeValueAsString(new HealthServlet.ErrorBody("method_not_allowed", "no")));
    }
}
