package fr.chariot.groups.internal.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import fr.chariot.groups.api.GroupTopics;

/** Keeps every posted event; sending synchronously is not expected from the groups bundle. */
final class RecordingEventAdmin implements EventAdmin {

    /** A posted MEMBERSHIP_CHANGED, its arrays turned to sorted sets so tests compare them with equals. */
    record Posted(String site, long groupId, Set<String> entered, Set<String> left) {
    }

    final List<Event> posted = new ArrayList<>();

    @Override
    public void postEvent(Event event) {
        posted.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        throw new AssertionError("the groups bundle posts its events, it never sends them synchronously");
    }

    /** @return the membership changes posted since the last call, in order; forgets them */
    List<Posted> take() {
        List<Posted> changes = new ArrayList<>();
        for (Event event : posted) {
            if (!GroupTopics.MEMBERSHIP_CHANGED.equals(event.getTopic())) {
                throw new AssertionError("unexpected topic " + event.getTopic());
            }
            changes.add(new Posted((String) event.getProperty(GroupTopics.SITE),
                    (Long) event.getProperty(GroupTopics.GROUP_ID),
                    new TreeSet<>(Arrays.asList((String[]) event.getProperty(GroupTopics.ENTERED))),
                    new TreeSet<>(Arrays.asList((String[]) event.getProperty(GroupTopics.LEFT)))));
        }
        posted.clear();
        return changes;
    }
}
