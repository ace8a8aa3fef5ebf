package fr.chariot.inventory.api;

import java.util.Locale;

/** The file formats of an inventory export. */
public enum ExportFormat {
    /**
     * Comma-separated values (RFC 4180, UTF-8, CRLF), a header line of field names. Text that a spreadsheet would
     * read as a formula (starting with {@code = + - @}, a tab or a carriage return) is prefixed with {@code '}.
     */
    CSV("text/csv", "csv"),
    /** Tab-separated values with a header line; tabs and line breaks inside values become spaces. */
    TXT("text/tab-separated-values", "txt"),
    /**
     * {@code <devices><device><name>…</name>…</device></devices>}, UTF-8, one element per chosen field; characters
     * XML 1.0 forbids are dropped.
     */
    XML("application/xml", "xml");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** @throws IllegalArgumentException when the name is not {@code csv}, {@code txt} or {@code xml} */
    public static ExportFormat byName(String name) {
        for (ExportFormat format : values()) {
            if (format.extension.equals(name == null ? "" : name.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("Format d'export inconnu « " + name + " » : csv, txt ou xml.");
    }
}
