package fr.chariot.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import fr.chariot.api.CommandResult;
import fr.chariot.api.CommandResultHandler;
import fr.chariot.api.CommandStatus;
import fr.chariot.api.DeviceId;

class ResultDispatcherTest {

    private final ResultDispatcher dispatcher = new ResultDispatcher();

    @AfterEach
    void close() {
        dispatcher.close();
    }

    @Test
    void resultsGoToTheHandlerOfTheirOriginOnly() throws Exception {
        BlockingQueue<CommandResult> inventory = new LinkedBlockingQueue<>();
        BlockingQueue<CommandResult> lostMode = new LinkedBlockingQueue<>();
        dispatcher.addHandler(inventory::add, Map.of(CommandResultHandler.ORIGIN, "inventory"));
        dispatcher.addHandler(lostMode::add, Map.of(CommandResultHandler.ORIGIN, "lostmode"));

        dispatcher.dispatch(result("inventory", "A"));

        assertEquals("A", inventory.poll(5, TimeUnit.SECONDS).commandUuid());
        assertTrue(lostMode.isEmpty());
    }

    @Test
    @Timeout(10) // were a handler run on the caller's thread, the hanging one would block this test
    void aHandlerThatThrowsOrHangsNeverHoldsTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<CommandResult> healthy = new LinkedBlockingQueue<>();
        dispatcher.addHandler(r -> {
            throw new IllegalStateException("feature bug");
        }, Map.of(CommandResultHandler.ORIGIN, "broken"));
        dispatcher.addHandler(r -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Map.of(CommandResultHandler.ORIGIN, "hanging"));
        dispatcher.addHandler(healthy::add, Map.of(CommandResultHandler.ORIGIN, "healthy"));

        // The device's request thread only hands results over: none of these calls waits for a handler.
        dispatcher.dispatch(result("broken", "B"));
        dispatcher.dispatch(result("hanging", "H"));
        dispatcher.dispatch(result("healthy", "OK"));

        assertEquals("OK", healthy.poll(5, TimeUnit.SECONDS).commandUuid(),
                "a failing and a hung handler do not stop the others");
        release.countDown();
    }

    @Test
    void aRemovedHandlerGetsNothingMore() throws Exception {
        BlockingQueue<CommandResult> received = new LinkedBlockingQueue<>();
        CommandResultHandler handler = received::add;
        Map<String, Object> properties = Map.of(CommandResultHandler.ORIGIN, "inventory");
        dispatcher.addHandler(handler, properties);
        dispatcher.removeHandler(handler, properties);

        dispatcher.dispatch(result("inventory", "A"));
        assertEquals(null, received.poll(200, TimeUnit.MILLISECONDS));
    }

    private static CommandResult result(String origin, String uuid) {
        return new CommandResult(uuid, new DeviceId("00008103-000A1B2C3D4E5F60"), Optional.empty(),
                "DeviceInformation", origin, CommandStatus.ACKNOWLEDGED, Map.of(), List.of(), Instant.now());
    }
}
