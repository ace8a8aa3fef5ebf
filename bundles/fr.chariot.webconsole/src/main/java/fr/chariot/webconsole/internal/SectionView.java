package fr.chariot.webconsole.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import fr.chariot.webconsole.api.Section;

/**
 * A {@link Section} made ready for a template: links as console URLs, levels as badge classes, hidden fields as a
 * list, so that the template has no Optional or enum to unwrap.
 */
record SectionView(String title, List<RowView> rows, List<ButtonView> buttons) {

    /** @param href empty when the row is no link; @param badge empty, {@code warn} or {@code problem} */
    record RowView(String label, String value, String href, String badge) {
    }

    record Field(String name, String value) {
    }

    /** @param confirm empty when the button asks nothing */
    record ButtonView(String label, String action, List<Field> fields, String confirm) {
    }

    static SectionView of(Section section) {
        return new SectionView(section.title(),
                section.rows().stream().map(row -> new RowView(row.label(), row.value(),
                        row.link().map(SectionView::url).orElse(""), badge(row.level()))).toList(),
                section.buttons().stream().map(button -> new ButtonView(button.label(), url(button.action()),
                        fields(button.fields()), button.confirm().orElse(""))).toList());
    }

    private static String url(String path) {
        String relative = path;
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        return ConsolePaths.ROOT + relative;
    }

    private static String badge(Section.Level level) {
        return switch (level) {
            case NORMAL -> "";
            case WARNING -> "warn";
            case PROBLEM -> "problem";
        };
    }

    /** Sorted by name, so that a button's markup is the same from one rendering to the next. */
    private static List<Field> fields(Map<String, String> fields) {
        return new TreeMap<>(fields).entrySet().stream().map(e -> new Field(e.getKey(), e.getValue())).toList();
    }
}
