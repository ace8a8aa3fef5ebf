/**
 * Simulated iPads that meet a Chariot server over real HTTP as real ones do: enrollment profile, SCEP identity,
 * signed check-in and connect requests, schema-valid command answers, and a simulated APNs that wakes them.
 * Usable as a plain Java library (tests, benchmarks, demos) and as an OSGi bundle.
 * Start with {@link fr.chariot.simulator.api.SimulatedApns#start()} and
 * {@link fr.chariot.simulator.api.SimulatedIpad#create(long, Role)}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package fr.chariot.simulator.api;
