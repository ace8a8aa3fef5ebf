package fr.chariot.persistence.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One forward-only migration script, {@code V<n>__<what>.sql}.
 *
 * @param version     {@code <n>}, at least 1
 * @param description {@code <what>} with underscores as spaces
 * @param fileName    the script's file name, for messages
 * @param sql         the script
 * @param checksum    SHA-256 of the script with line endings normalised, so a checkout with CRLF is not an edit
 */
record Migration(int version, String description, String fileName, String sql, String checksum) {

    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]+)\\.sql");

    Migration {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sql, "sql");
    }

    /**
     * @throws IllegalArgumentException when the file name is not {@code V<n>__<what>.sql}
     */
    static Migration of(String fileName, String sql) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    fileName + " is not named V<n>__<what>.sql (e.g. V1__create_devices.sql), so it cannot be ordered");
        }
        return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), fileName, sql, checksum(sql));
    }

    static String checksum(String sql) {
        String normalized = sql.replace("\r\n", "\n").replace('\r', '\n');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
