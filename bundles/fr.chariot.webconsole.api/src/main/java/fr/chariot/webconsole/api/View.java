package fr.chariot.webconsole.api;

import java.util.Map;
import java.util.Objects;

/**
 * A page rendered from a template, inside the console's layout (menus, title, messages).
 *
 * <p>Templates are <a href="https://pebbletemplates.io">Pebble</a> files of the page's bundle, with HTML escaping
 * on for everything printed: a device that names itself {@code <script>} shows that text. Besides the model they
 * see {@code user} (the {@link ConsoleUser}) and these functions:
 * <ul>
 *   <li>{@code t('key', arg…)}: a text of the page's message files in the user's language;</li>
 *   <li>{@code url('groups/12')}: the console URL of a path ({@code /console/groups/12});</li>
 *   <li>{@code csrf()}: the hidden field every POST form must hold.</li>
 * </ul>
 * Scripts and styles come only from the console's own files (Content-Security-Policy {@code 'self'}): no inline
 * {@code <script>}, no {@code style=} attribute. The console's script gives these behaviours to markup:
 * {@code data-confirm="question"} on a form asks before sending; {@code data-select-all="name"} on a checkbox ticks
 * every checkbox of that name; {@code data-add-row="template-id"} on a button appends the {@code <template>}'s
 * content to the element named by its {@code data-target}, with {@code __i__} replaced by a fresh number;
 * {@code data-remove-row} on a button removes the nearest {@code .row} or table row; {@code data-autosubmit} on
 * a field sends its form when it changes.
 *
 * @param template the template's resource path in the page's bundle, e.g.
 *                 {@code fr/chariot/inventory/internal/console/inventory.peb}
 * @param title    the page's title, in the user's language
 * @param model    the values the template reads (records are read through their accessors)
 */
public record View(String template, String title, Map<String, Object> model) implements PageResult {

    public View {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(title, "title");
        model = Map.copyOf(model);
    }
}
