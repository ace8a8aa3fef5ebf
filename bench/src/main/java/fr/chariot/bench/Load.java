package fr.chariot.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A closed-loop load: a fixed number of workers each repeat one exchange back to back, so the throughput is what
 * the server (and this client, on the same cores) can sustain at that concurrency. Only exchanges that start and
 * end inside the measured window count; latencies are kept raw and sorted at the end.
 */
final class Load {

    /** One exchange of one worker; throws when the server's answer is not the expected one. */
    @FunctionalInterface
    interface Exchange {
        void run(int worker, int sequence) throws Exception;
    }

    /** Exchanges, errors, time and CPU accumulated over one or more measured windows. */
    static final class Measurement {
        private final List<long[]> latencies = new ArrayList<>();
        private long count;
        private long errors;
        private long nanos;
        private long serverCpuNanos;
        private long clientCpuNanos;
        private String firstError;

        synchronized void addLatencies(long[] values, int n) {
            latencies.add(Arrays.copyOf(values, n));
            count += n;
        }

        synchronized void addError(Throwable error) {
            errors++;
            if (firstError == null) {
                firstError = error.toString();
            }
        }

        synchronized void addWindow(long windowNanos, long serverCpu, long clientCpu) {
            nanos += windowNanos;
            serverCpuNanos += serverCpu;
            clientCpuNanos += clientCpu;
        }

        synchronized Result result() {
            long[] all = new long[(int) count];
            int at = 0;
            for (long[] part : latencies) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            Arrays.sort(all);
            return new Result(count, errors, nanos, all, firstError, serverCpuNanos, clientCpuNanos);
        }
    }

    /** What the measured windows gave. */
    record Result(long count, long errors, long nanos, long[] sortedLatencies, String firstError,
            long serverCpuNanos, long clientCpuNanos) {

        double perSecond() {
            return nanos == 0 ? 0 : count * 1e9 / nanos;
        }

        double percentileMs(double percentile) {
            if (sortedLatencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100 * sortedLatencies.length) - 1;
            return sortedLatencies[Math.max(0, index)] / 1e6;
        }

        /** CPU time per exchange, in µs; the two processes share the machine's cores. */
        double serverCpuMicros() {
            return count == 0 || serverCpuNanos < 0 ? Double.NaN : serverCpuNanos / 1e3 / count;
        }

        double clientCpuMicros() {
            return count == 0 ? Double.NaN : clientCpuNanos / 1e3 / count;
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Load() {
    }

    static long clientCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /**
     * Runs {@code workers} workers for {@code warmup + measure} (or until each worker made {@code maxPerWorker}
     * exchanges) and adds the measured window to {@code into}.
     */
    static void timed(int workers, Duration warmup, Duration measure, int maxPerWorker, Exchange exchange,
            LongSupplier serverCpu, Measurement into) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            threads.add(started("load-" + w, () -> {
                long[] latencies = new long[1024];
                int n = 0;
                for (int sequence = 0; sequence < maxPerWorker; sequence++) {
                    long t0 = System.nanoTime();
                    if (t0 >= measureTo) {
                        break;
                    }
                    try {
                        exchange.run(worker, sequence);
                    } catch (Exception e) {
                        into.addError(e);
                        continue;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= measureFrom && t1 <= measureTo) {
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = t1 - t0;
                    }
                }
                into.addLatencies(latencies, n);
            }));
        }
        sleepUntil(measureFrom);
        long server0 = serverCpu.getAsLong();
        long client0 = clientCpuNanos();
        sleepUntil(measureTo);
        long server1 = serverCpu.getAsLong();
        long client1 = clientCpuNanos();
        for (Thread thread : threads) {
            thread.join();
        }
        into.addWindow(measureTo - measureFrom, server0 < 0 ? -1 : server1 - server0, client1 - client0);
    }

    /**
     * Runs {@code jobs} exchanges (job {@code i} once) on {@code workers} workers, all measured when
     * {@code into} is not null; returns the wall time it took.
     */
    static long batch(int jobs, int workers, Exchange exchange, LongSupplier serverCpu, Measurement into)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        long server0 = serverCpu.getAsLong();
        long client0 = clientCpuNanos();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            threads.add(started("batch-" + w, () -> {
                long[] latencies = new long[jobs];
                int n = 0;
                for (int job = next.getAndIncrement(); job < jobs; job = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        exchange.run(worker, job);
                    } catch (Exception e) {
                        if (into != null) {
                            into.addError(e);
                        } else {
                            unexpected.compareAndSet(null, e);
                        }
                        continue;
                    }
                    latencies[n++] = System.nanoTime() - t0;
                }
                if (into != null) {
                    into.addLatencies(latencies, n);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - start;
        if (into != null) {
            long server1 = serverCpu.getAsLong();
            into.addWindow(elapsed, server0 < 0 ? -1 : server1 - server0, clientCpuNanos() - client0);
        } else if (unexpected.get() != null) {
            throw new IllegalStateException("a preparation step failed", unexpected.get());
        }
        return elapsed;
    }

    private static Thread started(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }
}
