package fr.chariot.persistence.api;

import java.time.Instant;

/**
 * One migration recorded as applied.
 *
 * @param schema      the schema it belongs to
 * @param version     its version, the {@code <n>} of {@code V<n>__<what>.sql}
 * @param description the {@code <what>}, underscores turned into spaces
 * @param checksum    SHA-256 of the script (line endings normalised), to detect later edits
 * @param appliedAt   when it was committed
 * @param appliedBy   the bundle (symbolic name and version) that shipped it
 */
public record AppliedMigration(String schema, int version, String description, String checksum, Instant appliedAt,
        String appliedBy) {
}
