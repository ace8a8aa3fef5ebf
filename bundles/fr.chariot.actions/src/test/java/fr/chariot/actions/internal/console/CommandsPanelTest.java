package fr.chariot.actions.internal.console;

import static fr.chariot.webconsole.internal.render.TemplateChecks.english;
import static fr.chariot.webconsole.internal.render.TemplateChecks.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.Role;
import fr.chariot.api.DeviceId;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DeviceTab;
import fr.chariot.webconsole.api.Section;

class CommandsPanelTest {

    private static final String PARIS = "0751234A";

    private final ConsoleFakes.Devices devices = new ConsoleFakes.Devices();
    private final CommandsPanel panel = new CommandsPanel(devices.inventory);
    private final ConsoleUser technician = user(Role.TECHNICIAN, PARIS);

    @Test
    void aSupervisedDeviceGetsRestartAndUpdateButtonsPostingToStart() {
        DeviceId ipad = devices.add("00008030-0001", PARIS, "iPad", true);

        Section section = panel.section(technician, ipad, PARIS).orElseThrow();

        assertEquals(DeviceTab.MANAGEMENT, panel.tab());
        assertEquals(10, panel.order());
        assertEquals("Commandes", section.title());
        assertEquals(List.of(
                new Section.Button("Redémarrer", "actions/start",
                        Map.of("udid", ipad.udid(), "action", "RESTART"), Optional.of("Redémarrer cet appareil ?")),
                new Section.Button("Mettre à jour iOS", "actions/start",
                        Map.of("udid", ipad.udid(), "action", "UPDATE_OS", "installAction", "Default"),
                        Optional.of("Mettre à jour iOS sur cet appareil ?"))),
                section.buttons());
        assertEquals(List.of(), section.rows());
    }

    @Test
    void anUnsupervisedDeviceGetsALineInsteadOfButtons() {
        DeviceId unsupervised = devices.add("00008030-0002", PARIS, "iPad", false);
        DeviceId neverInventoried = devices.add("00008030-0003", PARIS, "iPad", null);
        DeviceId checkedOut = devices.add("00008030-0004", PARIS, "iPad", false, true);

        Section section = panel.section(technician, unsupervised, PARIS).orElseThrow();
        assertEquals(List.of(), section.buttons());
        assertEquals("Non supervisé : commandes indisponibles", section.rows().get(0).value());

        assertTrue(panel.section(technician, neverInventoried, PARIS).orElseThrow().rows().get(0).value()
                .startsWith("Supervision inconnue"));
        assertEquals(List.of(), panel.section(technician, checkedOut, PARIS).orElseThrow().buttons());
        assertEquals("Not supervised: commands unavailable",
                panel.section(english(technician), unsupervised, PARIS).orElseThrow().rows().get(0).value());
    }

    @Test
    void aReadOnlyUserOrAnUnknownDeviceGetsNothing() {
        DeviceId ipad = devices.add("00008030-0001", PARIS, "iPad", true);

        assertEquals(Optional.empty(), panel.section(user(Role.READ_ONLY, PARIS), ipad, PARIS));
        assertEquals(Optional.empty(), panel.section(technician, new DeviceId("00008030-0009"), PARIS));
    }
}
