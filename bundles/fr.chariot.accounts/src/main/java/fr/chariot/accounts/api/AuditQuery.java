package fr.chariot.accounts.api;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which journal entries to read.
 *
 * @param sites the colleges whose entries are read; {@code Optional.empty()} means every entry, department-wide
 *              ones included (a department admin)
 * @param page  from 0
 * @param size  1 to 500
 */
public record AuditQuery(Optional<Set<String>> sites, int page, int size) {

    public AuditQuery {
        Objects.requireNonNull(sites, "sites");
        sites = sites.map(Set::copyOf);
        if (page < 0 || size < 1 || size > 500) {
            throw new IllegalArgumentException("page " + page + ", size " + size);
        }
    }

    /** The entries a user may read: a department admin every one, others those of their colleges. */
    public static AuditQuery visibleTo(Principal principal, int page, int size) {
        return new AuditQuery(principal.role() == Role.DEPARTMENT_ADMIN ? Optional.empty()
                : Optional.of(principal.sites()), page, size);
    }
}
