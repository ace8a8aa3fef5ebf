package fr.chariot.simulator.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import fr.chariot.simulator.internal.Cart;

/** A cart of simulated iPads of one college, enrolled and driven in parallel. */
public interface SimulatedCart {

    /**
     * @param count    how many iPads; the first is {@link Role#TEACHER_SHARED}, the others {@link Role#STUDENT_SHARED}
     * @param seedBase iPad {@code i} has seed {@code seedBase + i}
     */
    static SimulatedCart create(String rne, int count, long seedBase) {
        return new Cart(rne, count, seedBase);
    }

    String rne();

    List<SimulatedIpad> ipads();

    /**
     * Enrolls every iPad at once.
     *
     * @throws SimulatorException naming each iPad that failed (the others stay enrolled)
     */
    void enrollAll(URI base, SimulatedApns apns);

    /** Runs one device-channel session on every iPad at once. */
    List<SessionSummary> connectAll();

    /**
     * Waits until no iPad has a session scheduled or running (after pushes).
     *
     * @return whether the cart became idle before the timeout
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException;
}
