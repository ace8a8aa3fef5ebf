package fr.chariot.protocol.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.api.CommandResult;
import fr.chariot.api.CommandResultHandler;

/**
 * Routes each command result to the handler of the feature that queued it, on a small pool of its own threads:
 * the device's request has already been answered, so a handler that throws or hangs costs the device nothing.
 */
@Component(service = ResultDispatcher.class)
public class ResultDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ResultDispatcher.class);
    private static final int THREADS = 4;
    /** Past this many waiting results, new ones are dropped (and logged): they stay readable in the history. */
    private static final int BACKLOG = 100_000;

    private final Map<String, CommandResultHandler> handlers = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    public ResultDispatcher() {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(BACKLOG), r -> {
                    Thread t = new Thread(r, "chariot-results-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHandler(CommandResultHandler handler, Map<String, Object> properties) {
        Object origin = properties.get(CommandResultHandler.ORIGIN);
        if (origin instanceof String name && !name.isBlank()) {
            handlers.put(name, handler);
        } else {
            LOG.warn("A CommandResultHandler without the {} property is ignored", CommandResultHandler.ORIGIN);
        }
    }

    void removeHandler(CommandResultHandler handler, Map<String, Object> properties) {
        handlers.values().remove(handler);
    }

    void dispatch(CommandResult result) {
        CommandResultHandler handler = handlers.get(result.origin());
        if (handler == null) {
            LOG.debug("No handler for origin {}: result of {} kept in the history only", result.origin(),
                    result.commandUuid());
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    handler.handle(result);
                } catch (RuntimeException | Error e) {
                    LOG.error("The {} handler failed on the result of {} ({} from {})", result.origin(),
                            result.commandUuid(), result.requestType(), result.device(), e);
                }
            });
        } catch (RejectedExecutionException full) {
            LOG.error("Result handlers are {} results behind: the result of {} is not handed to {}", BACKLOG,
                    result.commandUuid(), result.origin());
        }
    }

    @Deactivate
    void close() {
        executor.shutdownNow();
    }
}
