package fr.chariot.accounts.api;

import java.util.List;

/**
 * A page of journal entries.
 *
 * @param total   entries matching the query
 * @param entries this page's, newest first
 */
public record AuditPage(long total, List<AuditEntry> entries) {

    public AuditPage {
        entries = List.copyOf(entries);
    }
}
