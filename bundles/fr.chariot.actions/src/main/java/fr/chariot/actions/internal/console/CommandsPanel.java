package fr.chariot.actions.internal.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.actions.api.ActionType;
import fr.chariot.api.DeviceId;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DevicePanel;
import fr.chariot.webconsole.api.DeviceTab;
import fr.chariot.webconsole.api.Section;
import fr.chariot.webconsole.api.Texts;

/**
 * « Commandes » in a device's « Gestion » tab: Restart and Update iOS for this one device, through the same
 * {@code actions/start} as a group action, so each gets its report. Both need supervision, so an unsupervised
 * device gets a line saying why instead of buttons. Read-only users get nothing: the panel is only commands.
 */
@Component(service = DevicePanel.class)
public class CommandsPanel implements DevicePanel {

    private final Inventory inventory;
    private final Texts texts = new Texts(getClass().getClassLoader(), ActionsPage.MESSAGES);

    @Activate
    public CommandsPanel(@Reference Inventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public DeviceTab tab() {
        return DeviceTab.MANAGEMENT;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<Section> section(ConsoleUser user, DeviceId device, String site) {
        if (!user.principal().canAct()) {
            return Optional.empty();
        }
        Optional<DeviceInventory> row = inventory.find(device);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String title = text(user, "panel.title");
        Optional<String> unavailable = unavailable(row.get());
        if (unavailable.isPresent()) {
            return Optional.of(new Section(title,
                    List.of(Section.Row.of(text(user, "panel.commands"), text(user, unavailable.get()))), List.of()));
        }
        String udid = device.udid();
        return Optional.of(new Section(title, List.of(), List.of(
                new Section.Button(text(user, "panel.restart"), ActionsPage.PATH + "/start",
                        Map.of(DeviceChoice.UDID, udid, ActionsPage.ACTION, ActionType.RESTART.name()),
                        Optional.of(text(user, "panel.confirmRestart"))),
                new Section.Button(text(user, "panel.updateOs"), ActionsPage.PATH + "/start",
                        Map.of(DeviceChoice.UDID, udid, ActionsPage.ACTION, ActionType.UPDATE_OS.name(),
                                ActionsPage.INSTALL_ACTION, ActionsPage.DEFAULT_INSTALL_ACTION),
                        Optional.of(text(user, "panel.confirmUpdateOs"))))));
    }

    /** The key of why neither command can go to the device; empty when both can (the service's own rules). */
    private static Optional<String> unavailable(DeviceInventory device) {
        if (!Boolean.TRUE.equals(device.value(InventoryField.ENROLLED).orElse(false))) {
            return Optional.of("panel.notEnrolled");
        }
        Optional<Object> supervised = device.value(InventoryField.SUPERVISED);
        if (supervised.isEmpty()) {
            return Optional.of("panel.supervisionUnknown");
        }
        return Boolean.TRUE.equals(supervised.get()) ? Optional.empty() : Optional.of("panel.unsupervised");
    }

    private String text(ConsoleUser user, String key) {
        return texts.text(user.locale(), key);
    }
}
