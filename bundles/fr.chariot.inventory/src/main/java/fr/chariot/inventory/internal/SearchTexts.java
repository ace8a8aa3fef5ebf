package fr.chariot.inventory.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every device's college and lower-case search text ({@code inv_device.search_text}), in memory, so a free-text
 * search finds its matches without reading every row of the database. {@link InventoryStore} is the only writer
 * of those texts: it loads them once and publishes each change after its transaction committed, so this copy is
 * never ahead of the database (at most a moment behind it).
 *
 * <p>Two transactions changing the same device commit in the order Derby's row lock gives them, but may publish in
 * the other order. Each change therefore carries a stamp taken while the writer still holds that row's lock
 * (after its UPDATE, before its commit): a later committer always has a larger stamp, and an older change
 * published late is ignored.
 */
final class SearchTexts {

    /** A device's college and search text, and the stamp of the change that wrote them. */
    private record Entry(String site, String text, long stamp) {
    }

    /** A change not yet published: its transaction has not committed. */
    record Change(String udid, String site, String text, long stamp) {
    }

    private final Map<String, Entry> byUdid = new ConcurrentHashMap<>();
    private final AtomicLong stamps = new AtomicLong();

    /** Loads a device's text as read from the database before any writer ran. */
    void load(String udid, String site, String text) {
        byUdid.put(udid, new Entry(site, text, 0));
    }

    /**
     * The change a writer is making, stamped now: call it after the UPDATE of the device's row (whose lock is
     * then held until the commit) and {@link #publish} it only once committed.
     */
    Change change(String udid, String site, String text) {
        return new Change(udid, site, text, stamps.incrementAndGet());
    }

    /** Makes a committed change visible, unless a change committed later is already. */
    void publish(Change change) {
        Entry entry = new Entry(change.site(), change.text(), change.stamp());
        byUdid.merge(change.udid(), entry, (old, now) -> now.stamp() > old.stamp() ? now : old);
    }

    /**
     * The devices of the given colleges whose text contains {@code lowerCaseText}, all of them: the caller picks how
     * to read them from their number (one pass over the texts either way).
     *
     * @param sites the colleges searched; {@code Optional.empty()} is every college
     */
    List<String> matching(String lowerCaseText, Optional<Set<String>> sites) {
        Set<String> scope = sites.orElse(null);
        List<String> udids = new ArrayList<>();
        for (Map.Entry<String, Entry> device : byUdid.entrySet()) {
            Entry entry = device.getValue();
            if ((scope == null || scope.contains(entry.site())) && entry.text().contains(lowerCaseText)) {
                udids.add(device.getKey());
            }
        }
        return udids;
    }

    /** The text a device is found by, as published; for tests. */
    Optional<String> textOf(String udid) {
        return Optional.ofNullable(byUdid.get(udid)).map(Entry::text);
    }

    int size() {
        return byUdid.size();
    }
}
