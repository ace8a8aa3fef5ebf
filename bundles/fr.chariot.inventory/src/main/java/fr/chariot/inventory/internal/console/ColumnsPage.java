package fr.chariot.inventory.internal.console;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.webconsole.api.ConsolePage;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.MenuEntry;
import fr.chariot.webconsole.api.MenuSection;
import fr.chariot.webconsole.api.PageRequest;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.View;

/**
 * « Affichage de l'inventaire » (seed 2.3 II): the columns of the general inventory, each user their own. Read-only
 * users may choose too: it changes nothing but their own view. Form field {@code column}, repeated, in the order
 * the form lists them (the current choice first, in its order).
 */
@Component(service = ConsolePage.class)
public final class ColumnsPage implements ConsolePage {

    static final String PATH = "inventory-columns";

    /** A field of the form: its name and whether it is chosen. */
    public record Choice(String field, boolean chosen) {
    }

    private final Inventory inventory;
    private final AuditLog audit;

    @Activate
    public ColumnsPage(@Reference Inventory inventory, @Reference AuditLog audit) {
        this.inventory = inventory;
        this.audit = audit;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Optional<MenuEntry> menu() {
        return Optional.of(MenuEntry.of(MenuSection.PREFERENCES, "columns.menu", 20));
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
        List<InventoryField> current = inventory.chosenColumns(request.user().username())
                .orElse(InventoryListPage.DEFAULT_COLUMNS);
        if (!request.isPost()) {
            return view(request, current, "");
        }
        List<InventoryField> chosen = new ArrayList<>();
        Set<InventoryField> seen = EnumSet.noneOf(InventoryField.class);
        for (String name : request.parameters("column")) {
            InventoryField field;
            try {
                field = InventoryField.byName(name);
            } catch (IllegalArgumentException e) {
                return view(request, current, e.getMessage());
            }
            if (seen.add(field)) {
                chosen.add(field);
            }
        }
        if (chosen.isEmpty()) {
            return view(request, current, request.text("columns.error.none"));
        }
        ConsoleUser user = request.user();
        inventory.chooseColumns(user.username(), chosen);
        audit.record(new AuditEvent(user.username(), user.from(), Optional.empty(), "inventory.columns",
                List.of(user.username()), String.join(", ", chosen.stream().map(InventoryField::fieldName).toList())));
        return PageResult.redirect(InventoryListPage.PATH, request.text("columns.saved"));
    }

    private static View view(PageRequest request, List<InventoryField> current, String error) {
        List<Choice> choices = new ArrayList<>();
        current.forEach(field -> choices.add(new Choice(field.fieldName(), true)));
        for (InventoryField field : InventoryField.values()) {
            if (!current.contains(field)) {
                choices.add(new Choice(field.fieldName(), false));
            }
        }
        return new View("fr/chariot/inventory/internal/console/inventory-columns.peb", request.text("columns.title"),
                Map.of("choices", choices, "error", error));
    }
}
