package fr.chariot.accounts.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The administrative journal: every change made through the console or the API — who, when, what, on which devices
 * or objects, from where. Provided by {@code fr.chariot.accounts}; entries are never changed or deleted through it.
 */
public interface AuditLog {

    /** Stores an event, stamped with the current time. */
    void record(AuditEvent event);

    /** A page of entries, newest first. */
    AuditPage entries(AuditQuery query);

    /**
     * Writes every entry of the query (its page ignored) as CSV, UTF-8, newest first, with the columns
     * {@code at;user;from;site;action;objects;details}; cells are protected against formula injection.
     */
    void exportCsv(AuditQuery query, OutputStream out) throws IOException;
}
