package fr.chariot.inventory.internal.console;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.Principal;
import fr.chariot.api.SiteDirectory;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.internal.console.Colleges.College;
import fr.chariot.webconsole.api.ConsolePage;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.MenuEntry;
import fr.chariot.webconsole.api.MenuSection;
import fr.chariot.webconsole.api.PageRequest;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.View;

/**
 * « Réglages de l'inventaire »: for each of the user's colleges, how often its devices are inventoried (hours) and
 * after how many days without inventory they show as stale. One form per college (fields {@code site},
 * {@code refreshHours}, {@code staleDays}), for users who may act; both values are checked before either changes.
 */
@Component(service = ConsolePage.class)
public final class SettingsPage implements ConsolePage {

    static final String PATH = "inventory-settings";

    /** A college's line, with the values its form shows (as typed, after a refused POST). */
    public record Setting(String rne, String name, String refreshHours, String staleDays, String error) {
    }

    private final Inventory inventory;
    private final Colleges colleges;
    private final AuditLog audit;

    @Activate
    public SettingsPage(@Reference Inventory inventory, @Reference SiteDirectory sites, @Reference AuditLog audit) {
        this.inventory = inventory;
        this.colleges = new Colleges(sites);
        this.audit = audit;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Optional<MenuEntry> menu() {
        return Optional.of(MenuEntry.of(MenuSection.PREFERENCES, "settings.menu", 30));
    }

    @Override
    public String messages() {
        return InventoryListPage.MESSAGES;
    }

    @Override
    public PageResult handle(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            return PageResult.notFound();
        }
        if (!request.isPost()) {
            return view(request, Optional.empty());
        }
        Principal user = request.user().principal();
        Optional<College> college = request.parameter("site").flatMap(rne -> colleges.visible(user, rne));
        if (college.isEmpty()) {
            return PageResult.notFound();
        }
        if (!user.canAct()) {
            return PageResult.forbidden();
        }
        String rne = college.get().rne();
        String hoursText = request.parameter("refreshHours").orElse("");
        String daysText = request.parameter("staleDays").orElse("");
        Integer hours = number(hoursText, 1, Inventory.MAX_REFRESH_HOURS);
        Integer days = number(daysText, 1, Inventory.MAX_STALE_DAYS);
        if (hours == null || days == null) {
            String error = hours == null
                    ? request.text("settings.error.hours", hoursText, Inventory.MAX_REFRESH_HOURS)
                    : request.text("settings.error.days", daysText, Inventory.MAX_STALE_DAYS);
            return view(request, Optional.of(new Setting(rne, college.get().name(), hoursText, daysText, error)));
        }
        inventory.changeRefreshHours(rne, hours);
        inventory.changeStaleDays(rne, days);
        ConsoleUser console = request.user();
        audit.record(new AuditEvent(console.username(), console.from(), Optional.of(rne), "inventory.settings",
                List.of(rne), "refreshHours=" + hours + ", staleDays=" + days));
        return PageResult.redirect(PATH, request.text("settings.saved", college.get().name()));
    }

    /** A whole number in range, else null. */
    private static Integer number(String text, int min, int max) {
        try {
            int value = Integer.parseInt(text);
            return value >= min && value <= max ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private View view(PageRequest request, Optional<Setting> refused) {
        List<Setting> settings = colleges.visible(request.user().principal()).stream()
                .map(college -> refused.filter(r -> r.rne().equals(college.rne())).orElseGet(() -> new Setting(
                        college.rne(), college.name(), Integer.toString(inventory.refreshHours(college.rne())),
                        Integer.toString(inventory.staleDays(college.rne())), "")))
                .toList();
        Map<String, Object> model = new HashMap<>();
        model.put("settings", settings);
        model.put("canAct", request.user().principal().canAct());
        model.put("maxHours", Inventory.MAX_REFRESH_HOURS);
        model.put("maxDays", Inventory.MAX_STALE_DAYS);
        return new View("fr/chariot/inventory/internal/console/inventory-settings.peb",
                request.text("settings.title"), model);
    }
}
