package fr.chariot.groups.internal.console;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.api.DeviceId;
import fr.chariot.groups.api.GroupType;
import fr.chariot.groups.api.Groups;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DevicePanel;
import fr.chariot.webconsole.api.DeviceTab;
import fr.chariot.webconsole.api.Section;
import fr.chariot.webconsole.api.Texts;

/** « Groupes » in a device's « Gestion » tab: the groups the device is in, each opening its page. */
@Component(service = DevicePanel.class)
public final class GroupsDevicePanel implements DevicePanel {

    private final Groups groups;
    private final Texts texts = new Texts(getClass().getClassLoader(), GroupPages.MESSAGES);

    @Activate
    public GroupsDevicePanel(@Reference Groups groups) {
        this.groups = groups;
    }

    @Override
    public DeviceTab tab() {
        return DeviceTab.MANAGEMENT;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Optional<Section> section(ConsoleUser user, DeviceId device, String site) {
        List<Section.Row> rows = groups.groupsOf(site, device.udid()).stream()
                .map(group -> group.type() == GroupType.STATIC
                        ? Section.Row.link(group.name(), texts.text(user.locale(), "panel.static"),
                                StaticGroupsPage.PATH + "/" + group.id())
                        : Section.Row.link(group.name(), texts.text(user.locale(), "panel.smart"),
                                SmartGroupsPage.PATH + "/" + group.id()))
                .toList();
        if (rows.isEmpty()) {
            rows = List.of(Section.Row.of(texts.text(user.locale(), "panel.none"), ""));
        }
        return Optional.of(new Section(texts.text(user.locale(), "panel.title"), rows, List.of()));
    }
}
