package fr.chariot.simulator.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import fr.chariot.simulator.api.Role;
import fr.chariot.simulator.api.SessionSummary;
import fr.chariot.simulator.api.SimulatedApns;
import fr.chariot.simulator.api.SimulatedCart;
import fr.chariot.simulator.api.SimulatedIpad;
import fr.chariot.simulator.api.SimulatorException;

/** A cart: one teacher iPad then student Shared iPads, driven in parallel. */
public final class Cart implements SimulatedCart {

    private static final int MAX_PARALLEL = 32;

    private final String rne;
    private final List<Ipad> ipads = new ArrayList<>();

    public Cart(String rne, int count, long seedBase) {
        if (rne == null || rne.isBlank()) {
            throw new IllegalArgumentException("rne is required");
        }
        if (count < 1 || count > 1000) {
            throw new IllegalArgumentException("a cart holds 1 to 1000 iPads, not " + count);
        }
        this.rne = rne;
        for (int i = 0; i < count; i++) {
            ipads.add(new Ipad(seedBase + i, i == 0 ? Role.TEACHER_SHARED : Role.STUDENT_SHARED));
        }
    }

    @Override
    public String rne() {
        return rne;
    }

    @Override
    public List<SimulatedIpad> ipads() {
        return List.copyOf(ipads);
    }

    @Override
    public void enrollAll(URI base, SimulatedApns apns) {
        inParallel("enroll", ipad -> {
            ipad.enroll(base, rne, apns);
            return null;
        });
    }

    @Override
    public List<SessionSummary> connectAll() {
        return inParallel("connect", Ipad::connect);
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Ipad ipad : ipads) {
            if (!ipad.awaitIdle(deadline)) {
                return false;
            }
        }
        return true;
    }

    private <T> List<T> inParallel(String what, Function<Ipad, T> action) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(ipads.size(), MAX_PARALLEL), runnable -> {
            Thread thread = new Thread(runnable, "chariot-cart-" + what);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Ipad ipad : ipads) {
                futures.add(pool.submit((Callable<T>) () -> action.apply(ipad)));
            }
            List<T> results = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            Throwable firstCause = null;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    failures.add(ipads.get(i).udid() + ": " + e.getCause().getMessage());
                    firstCause = firstCause == null ? e.getCause() : firstCause;
                }
            }
            if (!failures.isEmpty()) {
                throw new SimulatorException(failures.size() + " of " + ipads.size() + " iPads failed to " + what
                    + ": " + String.join("; ", failures), firstCause);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulatorException("interrupted while the cart was running " + what, e);
        } finally {
            pool.shutdownNow();
        }
    }
}
