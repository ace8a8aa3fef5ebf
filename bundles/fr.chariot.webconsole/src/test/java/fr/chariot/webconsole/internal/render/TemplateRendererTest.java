package fr.chariot.webconsole.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.Role;
import fr.chariot.webconsole.api.Texts;
import io.pebbletemplates.pebble.error.PebbleException;

class TemplateRendererTest {

    private static final String BASE = "fr/chariot/webconsole/internal/render/";
    private final TemplateRenderer renderer = new TemplateRenderer();
    private final ClassLoader loader = getClass().getClassLoader();

    private RenderContext context(String language) {
        return new RenderContext(TemplateChecks.user(Role.TECHNICIAN, "0310001A"), language,
                new Texts(loader, BASE + "sample"), TemplateChecks.shellTexts(), "tok<en>");
    }

    @Test
    void escapesWhatADeviceSaysAndTranslatesWithArguments() {
        String html = renderer.render(loader, BASE + "sample.peb",
                Map.of("device", "<img src=x onerror=alert(1)>", "name", "<b>5e</b>"), context("fr"));

        assertTrue(html.contains("<p>&lt;img src=x onerror=alert(1)&gt;</p>"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("Groupe « &lt;b&gt;5e&lt;/b&gt; »"), html);
        assertTrue(html.contains("href=\"/console/groups/12\""), html);
        assertTrue(html.contains(">Retour</a>"), "shell texts complete the page's: " + html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"_csrf\" value=\"tok&lt;en&gt;\">"), html);
    }

    @Test
    void speaksEnglishWhenChosen() {
        String html = renderer.render(loader, BASE + "sample.peb", Map.of("device", "iPad", "name", "5e"),
                context("en"));

        assertTrue(html.contains("Group “5e”"), html);
        assertTrue(html.contains(">Back</a>"), html);
    }

    @Test
    void refusesAnUndefinedVariableInsteadOfPrintingNothing() {
        assertThrows(PebbleException.class, () -> renderer.render(loader, BASE + "undefined.peb", Map.of(),
                context("fr")));
    }

    @Test
    void aMissingTextShowsItsKey() {
        Texts texts = new Texts(loader, BASE + "sample");
        assertEquals("no.such.key", texts.text(java.util.Locale.FRENCH, "no.such.key"));
        assertEquals("Seulement en français", texts.text(java.util.Locale.ENGLISH, "sample.only.fr"),
                "French stands in for a text missing in English");
    }
}
