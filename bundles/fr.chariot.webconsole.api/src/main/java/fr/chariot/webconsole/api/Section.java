package fr.chariot.webconsole.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A block of facts and buttons a feature hands to the shell (dashboard card, device panel), which renders it
 * escaped. Texts are already in the user's language.
 *
 * @param title   the section's heading
 * @param rows    label / value lines, each optionally a link
 * @param buttons forms posting to a console path, each with the CSRF token added by the shell
 */
public record Section(String title, List<Row> rows, List<Button> buttons) {

    public Section {
        Objects.requireNonNull(title, "title");
        rows = List.copyOf(rows);
        buttons = List.copyOf(buttons);
    }

    /**
     * A line of a section.
     *
     * @param label what is counted or told
     * @param value its value, as shown (a count, a date, …)
     * @param link  a console path (without leading slash) opened by clicking the line
     * @param level how the value should catch the eye
     */
    public record Row(String label, String value, Optional<String> link, Level level) {
        public Row {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(level, "level");
        }

        public static Row of(String label, String value) {
            return new Row(label, value, Optional.empty(), Level.NORMAL);
        }

        public static Row link(String label, String value, String path) {
            return new Row(label, value, Optional.of(path), Level.NORMAL);
        }
    }

    /**
     * A button that posts a form.
     *
     * @param label   the button's text
     * @param action  the console path posted to (without leading slash)
     * @param fields  hidden fields sent with it
     * @param confirm a question asked before sending, when present
     */
    public record Button(String label, String action, Map<String, String> fields, Optional<String> confirm) {
        public Button {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(action, "action");
            fields = Map.copyOf(fields);
            Objects.requireNonNull(confirm, "confirm");
        }
    }

    /** How a value is shown: plain, as a warning (orange) or as a problem (red). */
    public enum Level { NORMAL, WARNING, PROBLEM }
}
