package fr.chariot.inventory.internal.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.accounts.api.Role;
import fr.chariot.api.SiteDirectory;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryQuery;
import fr.chariot.inventory.internal.console.Colleges.College;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DashboardCard;
import fr.chariot.webconsole.api.Section;
import fr.chariot.webconsole.api.Texts;

/**
 * The inventory on the « Tableau de bord »: for each of the user's colleges, its devices and those not inventoried
 * for longer than its staleness threshold, each opening the inventory on them. A college's user gets a section per
 * college; a department administrator one section with a line per college. Two counts per college (the search's
 * total, one row read).
 */
@Component(service = DashboardCard.class)
public final class InventoryCard implements DashboardCard {

    private final Inventory inventory;
    private final Colleges colleges;
    private final Texts texts = new Texts(getClass().getClassLoader(), InventoryListPage.MESSAGES);

    @Activate
    public InventoryCard(@Reference Inventory inventory, @Reference SiteDirectory sites) {
        this.inventory = inventory;
        this.colleges = new Colleges(sites);
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<Section> sections(ConsoleUser user) {
        List<College> visible = colleges.visible(user.principal());
        if (visible.isEmpty()) {
            return List.of();
        }
        if (user.principal().role() == Role.DEPARTMENT_ADMIN) {
            List<Section.Row> rows = new ArrayList<>();
            for (College college : visible) {
                long stale = count(college, true);
                rows.add(new Section.Row(text(user, "card.collegeLine", college.name(), college.rne()),
                        text(user, "card.collegeValue", count(college, false), stale, inventory.staleDays(
                                college.rne())), Optional.of(staleLink(college)), level(stale)));
            }
            return List.of(new Section(text(user, "card.title"), rows, List.of()));
        }
        List<Section> sections = new ArrayList<>();
        for (College college : visible) {
            long stale = count(college, true);
            sections.add(new Section(text(user, "card.collegeTitle", college.name(), college.rne()), List.of(
                    Section.Row.link(text(user, "card.managed"), Long.toString(count(college, false)),
                            "inventory?site=" + college.rne()),
                    new Section.Row(text(user, "card.stale", inventory.staleDays(college.rne())),
                            Long.toString(stale), Optional.of(staleLink(college)), level(stale))), List.of()));
        }
        return sections;
    }

    private long count(College college, boolean staleOnly) {
        Map<InventoryField, Object> filters = staleOnly ? Map.of(InventoryField.STALE, true) : Map.of();
        return inventory.search(new InventoryQuery("", Optional.of(Set.of(college.rne())), filters,
                InventoryField.NAME, true, 0, 1)).total();
    }

    private static String staleLink(College college) {
        return "inventory?site=" + college.rne() + "&filter.stale=true";
    }

    private static Section.Level level(long stale) {
        return stale > 0 ? Section.Level.WARNING : Section.Level.NORMAL;
    }

    private String text(ConsoleUser user, String key, Object... arguments) {
        return texts.text(user.locale(), key, arguments);
    }
}
