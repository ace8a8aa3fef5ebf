package fr.chariot.groups.internal.console;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.api.SiteDirectory;
import fr.chariot.groups.api.Group;
import fr.chariot.groups.api.Groups;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DashboardCard;
import fr.chariot.webconsole.api.Section;
import fr.chariot.webconsole.api.Texts;

/**
 * The groups flagged « Afficher dans le tableau de bord » of the user's colleges, each with its member count
 * opening the inventory on its members (seed 2.5 II).
 */
@Component(service = DashboardCard.class)
public final class GroupsDashboardCard implements DashboardCard {

    private final Groups groups;
    private final SiteDirectory sites;
    private final Texts texts = new Texts(getClass().getClassLoader(), GroupPages.MESSAGES);

    @Activate
    public GroupsDashboardCard(@Reference Groups groups, @Reference SiteDirectory sites) {
        this.groups = groups;
        this.sites = sites;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<Section> sections(ConsoleUser user) {
        List<Section.Row> rows = new ArrayList<>();
        for (String rne : GroupPages.visibleRnes(user.principal(), sites)) {
            for (Group group : groups.list(rne)) {
                if (group.dashboard()) {
                    rows.add(Section.Row.link(group.name(), String.valueOf(groups.members(rne, group.id()).size()),
                            "inventory?in=group:" + group.id()));
                }
            }
        }
        return rows.isEmpty() ? List.of()
                : List.of(new Section(texts.text(user.locale(), "dashboard.title"), rows, List.of()));
    }
}
