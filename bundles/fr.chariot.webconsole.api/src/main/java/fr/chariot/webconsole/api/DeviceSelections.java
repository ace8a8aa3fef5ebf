package fr.chariot.webconsole.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link DeviceSelection} services a page tracks (its MULTIPLE, DYNAMIC reference binds and unbinds them here),
 * and what an {@code in=<kind>:<id>} parameter names. Every page that accepts a selection resolves it the same way,
 * so a set the user may not see is refused alike everywhere. Thread-safe.
 */
public final class DeviceSelections {

    private final Map<String, List<DeviceSelection>> byKind = new ConcurrentHashMap<>();

    /** A selection service arrived; the first of a kind answers while it stays, the next one after it. */
    public void add(DeviceSelection selection) {
        byKind.computeIfAbsent(selection.kind(), kind -> new CopyOnWriteArrayList<>()).add(selection);
    }

    /** A selection service left. */
    public void remove(DeviceSelection selection) {
        byKind.getOrDefault(selection.kind(), List.of()).remove(selection);
    }

    /**
     * The set an {@code in} parameter names.
     *
     * @param in {@code <kind>:<id>}, e.g. {@code group:12}
     * @return empty when malformed, of an unknown kind, unknown, or of a college the user does not see
     */
    public Optional<DeviceSelection.Selected> resolve(ConsoleUser user, String in) {
        Objects.requireNonNull(user, "user");
        int colon = in.indexOf(':');
        if (colon < 1) {
            return Optional.empty();
        }
        return byKind.getOrDefault(in.substring(0, colon), List.of()).stream().findFirst()
                .flatMap(selection -> selection.select(user, in.substring(colon + 1)))
                .filter(set -> user.principal().canSee(set.site()));
    }
}
