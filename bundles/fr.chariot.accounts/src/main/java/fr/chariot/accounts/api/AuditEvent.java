package fr.chariot.accounts.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a person did that changed Chariot.
 *
 * @param username who did it
 * @param from     the address the request came from
 * @param site     the college it concerned, empty for the department (an account, a push certificate)
 * @param action   what was done, a stable code such as {@code group.create}, {@code action.start}, {@code user.delete}
 * @param objects  which objects or devices (UDIDs, group ids, account names)
 * @param details  a short description for a person, e.g. the group's name or the command
 */
public record AuditEvent(String username, String from, Optional<String> site, String action, List<String> objects,
                         String details) {

    public AuditEvent {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(action, "action");
        objects = List.copyOf(objects);
        Objects.requireNonNull(details, "details");
    }
}
