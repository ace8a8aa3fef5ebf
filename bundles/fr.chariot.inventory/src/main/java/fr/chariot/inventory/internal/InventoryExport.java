package fr.chariot.inventory.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.ExportFormat;
import fr.chariot.inventory.api.InventoryField;

/**
 * Writes inventory rows as CSV, TXT or XML. Everything a device reports is untrusted (a device may call itself
 * {@code =HYPERLINK(…)} or {@code <script>}): CSV and TXT cells a spreadsheet would run as a formula get a leading
 * {@code '}, XML text is escaped and stripped of the characters XML 1.0 cannot carry.
 *
 * <p>Public for the console's inventory screen, which exports a selection of devices (a group's members) it sorted
 * itself, in exactly the formats of {@link fr.chariot.inventory.api.Inventory#export}.
 */
public final class InventoryExport {

    private final ExportFormat format;
    private final List<InventoryField> columns;
    private final Writer out;

    public InventoryExport(ExportFormat format, List<InventoryField> columns, Writer out) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Un export a besoin d'au moins une colonne.");
        }
        this.format = format;
        this.columns = List.copyOf(columns);
        this.out = out;
    }

    public void begin() throws IOException {
        switch (format) {
            case CSV, TXT -> {
                for (int i = 0; i < columns.size(); i++) {
                    cell(i, columns.get(i).fieldName());
                }
                endLine();
            }
            case XML -> out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<devices>\n");
        }
    }

    public void row(DeviceInventory device) throws IOException {
        if (format == ExportFormat.XML) {
            out.write("  <device>");
            for (InventoryField field : columns) {
                Object value = device.value(field).orElse(null);
                if (value != null) {
                    out.write('<');
                    out.write(field.fieldName());
                    out.write('>');
                    out.write(xmlText(value.toString()));
                    out.write("</");
                    out.write(field.fieldName());
                    out.write('>');
                }
            }
            out.write("</device>\n");
            return;
        }
        for (int i = 0; i < columns.size(); i++) {
            Object value = device.value(columns.get(i)).orElse(null);
            cell(i, value == null ? "" : value instanceof String text ? neutralizeFormula(text) : value.toString());
        }
        endLine();
    }

    public void end() throws IOException {
        if (format == ExportFormat.XML) {
            out.write("</devices>\n");
        }
        out.flush();
    }

    private void cell(int index, String text) throws IOException {
        if (format == ExportFormat.CSV) {
            if (index > 0) {
                out.write(',');
            }
            out.write(csvQuote(text));
        } else {
            if (index > 0) {
                out.write('\t');
            }
            out.write(text.replace('\t', ' ').replace('\r', ' ').replace('\n', ' '));
        }
    }

    private void endLine() throws IOException {
        out.write(format == ExportFormat.CSV ? "\r\n" : "\n");
    }

    /** Spreadsheets run a cell starting with = + - @ (or a tab or CR before one) as a formula: make it text. */
    static String neutralizeFormula(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    static String csvQuote(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** Escapes markup and drops what XML 1.0 forbids: control characters but tab/LF/CR, lone surrogates, FFFE/FFFF. */
    static String xmlText(String text) {
        StringBuilder xml = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int length = Character.charCount(cp);
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (allowed) {
                switch (cp) {
                    case '<' -> xml.append("&lt;");
                    case '>' -> xml.append("&gt;");
                    case '&' -> xml.append("&amp;");
                    case '"' -> xml.append("&quot;");
                    case '\'' -> xml.append("&apos;");
                    // a raw CR would be read back as LF: keep it as a reference
                    case '\r' -> xml.append("&#13;");
                    default -> xml.appendCodePoint(cp);
                }
            }
            i += length;
        }
        return xml.toString();
    }
}
