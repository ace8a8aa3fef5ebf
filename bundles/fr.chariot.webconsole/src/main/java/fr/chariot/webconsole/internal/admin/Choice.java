package fr.chariot.webconsole.internal.admin;

import java.util.Objects;

/**
 * An option of a select or a checkbox, as a template shows it.
 *
 * @param value    what the form sends
 * @param label    what the person reads
 * @param selected whether it is chosen
 */
public record Choice(String value, String label, boolean selected) {

    public Choice {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(label, "label");
    }
}
