package fr.chariot.accounts.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The throttle of names that have no account, in memory: without it a name that is never slowed down would be an
 * unknown one. Bounded (least recently tried names are forgotten first), so guessing many names cannot fill the
 * server's memory; a forgotten name merely starts again with two free attempts.
 */
final class UnknownNames {

    static final int DEFAULT_CAPACITY = 10_000;

    private final Map<String, LoginThrottle.State> states;

    UnknownNames(int capacity) {
        states = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LoginThrottle.State> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized LoginThrottle.State state(String name) {
        return states.getOrDefault(name, LoginThrottle.State.CLEAN);
    }

    synchronized LoginThrottle.State recordFailure(String name, Instant now) {
        return states.merge(name, LoginThrottle.State.CLEAN.afterFailure(now), (known, first) -> known.afterFailure(now));
    }

    synchronized int size() {
        return states.size();
    }
}
